{#- Each profile record with its attributes in canonical form: names split and
    cleaned, email canonical, phone in E.164, birth date parsed, address parts
    cleaned. An invalid value becomes null and raises its is_invalid_ flag;
    it never fails the build. -#}
with

unioned as (

    select * from {{ ref('int_profiles_unioned') }}

),

normalized as (

    select
        profile_record_id,
        source_system,
        source_record_id,
        coalesce(
            {{ normalize_text('first_name') }},
            {{ person_name_part('full_name', 'first') }}
        ) as first_name,
        coalesce(
            {{ normalize_text('middle_name') }},
            {{ person_name_part('full_name', 'middle') }}
        ) as middle_name,
        coalesce(
            {{ normalize_text('last_name') }},
            {{ person_name_part('full_name', 'last') }}
        ) as last_name,
        {{ person_name_part('full_name', 'suffix') }} as name_suffix,
        {{ normalize_email('email') }} as email,
        {{ normalize_phone('phone') }} as phone,
        {{ parse_date('birth_date') }} as birth_date_parsed,
        {{ normalize_text('street') }} as street,
        {{ normalize_text('unit') }} as unit,
        {{ normalize_text('city') }} as city,
        upper(trim(state)) as state,
        nullif(regexp_extract(postal_code, '^\\s*([0-9]{5})', 1), '') as postal_code,
        upper(trim(country)) as country,
        upper(trim(gender)) as gender,
        nullif(trim(account_number), '') as account_number,
        updated_at,
        email as email_raw,
        phone as phone_raw,
        birth_date as birth_date_raw

    from unioned

),

final as (

    select
        profile_record_id,
        source_system,
        source_record_id,
        first_name,
        middle_name,
        last_name,
        name_suffix,
        email,
        phone,
        street,
        unit,
        city,
        state,
        postal_code,
        country,
        gender,
        account_number,
        updated_at,
        case
            when birth_date_parsed <= cast(updated_at as date) then birth_date_parsed
        end as birth_date,
        (email_raw is not null and trim(email_raw) <> '' and email is null)
            as is_invalid_email,
        (phone_raw is not null and trim(phone_raw) <> '' and phone is null)
            as is_invalid_phone,
        (
            birth_date_raw is not null and trim(birth_date_raw) <> ''
            and (birth_date_parsed is null or birth_date_parsed > cast(updated_at as date))
        ) as is_invalid_birth_date

    from normalized

)

select * from final
