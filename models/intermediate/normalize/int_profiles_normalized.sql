{{ config(
    materialized='incremental',
    unique_key='profile_record_id',
    incremental_strategy=keyed_incremental_strategy(),
    pre_hook="{{ log_departed_records() }}",
    post_hook="{{ delete_departed_records() }}",
) }}
{#- Each person record with its attributes in canonical form: names split
    ("Doe, John", full names), cleaned, nicknames mapped to a canonical first
    name (seed name_nicknames) and coded by Soundex; emails canonical and
    phones in E.164 as lists; street types and unit designators standardized
    (seeds address_street_suffixes, address_unit_designators); postal codes
    and dates parsed. An invalid value becomes null and raises its
    is_invalid_ flag; it never fails the build. Incremental: a run
    reads only the records staged since it last ran (source_load_sequence
    above the highest it holds for their source; every record of a source
    without one, such as a path source), normalizes those whose record_hash
    is new (new or changed records, stamped with the next
    normalized_sequence) and drops the records gone from the lake, logging
    them in int_profiles_normalized__departed. Each incremental matching
    model remembers the last sequence it processed, so a run that fails
    halfway is caught up by the next one. -#}
{#- per source, the highest source_load_sequence normalized so far: the
    watermark above which a run reads int_profiles_unioned -#}
{%- set staged_sequences = [] -%}
{%- if execute and is_incremental() -%}
    {%- set columns = adapter.get_columns_in_relation(this)
        | map(attribute='name') | map('lower') | list -%}
    {%- if 'source_load_sequence' not in columns -%}
        {{ exceptions.raise_compiler_error(
            this ~ " was built before it kept source_load_sequence (incremental staging): "
            ~ "rebuild it and the models after it once with "
            ~ "`dbt build --full-refresh --select " ~ model.name ~ "+`") }}
    {%- endif -%}
    {%- set watermarks = run_query(
        'select source_system, max(source_load_sequence) from ' ~ this
        ~ ' where source_load_sequence is not null'
        ~ ' group by source_system order by source_system') -%}
    {%- for row in watermarks.rows -%}
        {%- do staged_sequences.append([row[0], row[1] | int]) -%}
    {%- endfor -%}
{%- endif -%}
{%- set layout = identity_attributes() -%}
{%- set emails, normalized_emails, email_local_parts = [], [], [] -%}
{%- for index in range(layout.max_emails) -%}
    {%- set column = 'email_' ~ (index + 1) -%}
    {%- do emails.append(column) -%}
    {%- do normalized_emails.append(normalize_email(column)) -%}
    {%- do email_local_parts.append(dbt.split_part(normalize_email(column), "'@'", 1)) -%}
{%- endfor -%}
{%- set phones, normalized_phones, phone_last_digits = [], [], [] -%}
{%- for index in range(layout.max_phones) -%}
    {%- set column = 'phone_' ~ (index + 1) -%}
    {%- do phones.append(column) -%}
    {%- do normalized_phones.append(normalize_phone(column)) -%}
    {%- do phone_last_digits.append(dbt.right(normalize_phone(column), 7)) -%}
{%- endfor -%}
with

unioned as (

    select * from {{ ref('int_profiles_unioned') }}
    {% if is_incremental() -%}
        where
            (
                source_load_sequence is null
                {%- if staged_sequences %}
                    or source_load_sequence > case source_system
                        {%- for source_system, sequence in staged_sequences %}
                        when '{{ source_system }}' then {{ sequence }}
                        {%- endfor %}
                        else 0
                    end
                {%- else %}
                    or source_load_sequence > 0
                {%- endif %}
            )
            and record_hash not in (select record_hash from {{ this }})
    {%- endif %}

),

nicknames as (

    select * from {{ ref('name_nicknames') }}

),

street_suffixes as (

    select * from {{ ref('address_street_suffixes') }}

),

unit_designators as (

    select * from {{ ref('address_unit_designators') }}

),

cleaned as (

    select
        profile_record_id,
        source_system,
        source_record_id,
        updated_at,
        record_hash,
        source_load_sequence,
        coalesce(
            {{ normalize_text('first_name') }},
            {{ person_name_part('full_name', 'first') }}
        ) as first_name,
        coalesce(
            {{ normalize_text('middle_name') }},
            {{ person_name_part('full_name', 'middle') }}
        ) as middle_name,
        coalesce(
            {{ last_name_part('last_name', 'name') }},
            {{ person_name_part('full_name', 'last') }}
        ) as last_name,
        coalesce(
            {{ last_name_part('last_name', 'suffix') }},
            {{ person_name_part('full_name', 'suffix') }}
        ) as name_suffix,
        {{ parse_date('birth_date') }} as birth_date_parsed,
        {{ compact_list(normalized_emails) }} as emails,
        {{ compact_list(email_local_parts) }} as email_local_parts,
        {{ compact_list(normalized_phones) }} as phones,
        {{ compact_list(phone_last_digits) }} as phone_last_digits,
        {{ normalize_text('coalesce(street, ' ~ address_line_part('address', 'street') ~ ')') }}
            as street,
        {{ normalize_text('coalesce(unit, ' ~ address_line_part('address', 'unit') ~ ')') }}
            as unit,
        {{ normalize_text('coalesce(city, ' ~ address_line_part('address', 'city') ~ ')') }}
            as city,
        upper(trim(coalesce(state, {{ address_line_part('address', 'state') }}))) as state,
        {{ normalize_postal_code(
            'coalesce(postal_code, ' ~ address_line_part('address', 'postal_code') ~ ')',
            'country') }} as postal_code,
        upper(trim(country)) as country,
        upper(substr(trim(gender), 1, 1)) as gender,
        {{ normalize_text('account_number') }} as account_number,
        {%- for name in layout.custom %}
        {{ normalize_text(name) }} as {{ name }},
        {%- endfor %}
        birth_date as birth_date_raw,
        (
            {%- for column in emails %}
                case
                    when {{ normalize_email(column) }} is null and trim({{ column }}) <> ''
                        then 1
                    else 0
                end{{ ' +' if not loop.last }}
            {%- endfor %}
        ) > 0 as is_invalid_email,
        (
            {%- for column in phones %}
                case
                    when {{ normalize_phone(column) }} is null and trim({{ column }}) <> ''
                        then 1
                    else 0
                end{{ ' +' if not loop.last }}
            {%- endfor %}
        ) > 0 as is_invalid_phone

    from unioned

),

street_tokens as (

    {{ split_to_rows('cleaned', 'profile_record_id', 'street') }}

),

streets_standardized as (

    select
        street_tokens.profile_record_id,
        {{ dbt.listagg(
            'coalesce(street_suffixes.standard, street_tokens.token)',
            "' '",
            'order by street_tokens.token_position') }} as street

    from street_tokens
    left join street_suffixes
        on
            street_tokens.token = street_suffixes.variant
            and street_tokens.token_position > 1
    group by street_tokens.profile_record_id

),

unit_tokens as (

    {{ split_to_rows('cleaned', 'profile_record_id', 'unit') }}

),

units_standardized as (

    select
        unit_tokens.profile_record_id,
        {{ dbt.listagg(
            'coalesce(unit_designators.standard, unit_tokens.token)',
            "' '",
            'order by unit_tokens.token_position') }} as unit

    from unit_tokens
    left join unit_designators
        on unit_tokens.token = unit_designators.variant
    group by unit_tokens.profile_record_id

),

final as (

    select
        cleaned.profile_record_id,
        cleaned.source_system,
        cleaned.source_record_id,
        cleaned.updated_at,
        cleaned.record_hash,
        cleaned.source_load_sequence,
        {% if is_incremental() -%}
            (select coalesce(max(normalized_sequence), 0) + 1 from {{ this }})
        {%- else -%}
            1
        {%- endif %} as normalized_sequence,
        cleaned.first_name,
        coalesce(nicknames.canonical_name, cleaned.first_name) as first_name_canonical,
        {{ soundex('cleaned.first_name') }} as first_name_soundex,
        cleaned.middle_name,
        cleaned.last_name,
        {{ soundex('cleaned.last_name') }} as last_name_soundex,
        cleaned.name_suffix,
        case
            when
                cleaned.birth_date_parsed
                <= coalesce(cast(cleaned.updated_at as date), current_date)
                then cleaned.birth_date_parsed
        end as birth_date,
        extract(year from case
            when
                cleaned.birth_date_parsed
                <= coalesce(cast(cleaned.updated_at as date), current_date)
                then cleaned.birth_date_parsed
        end) as birth_year,
        cleaned.emails,
        cleaned.email_local_parts,
        {{ list_element('cleaned.emails', 1) }} as email,
        cleaned.phones,
        cleaned.phone_last_digits,
        {{ list_element('cleaned.phones', 1) }} as phone,
        streets_standardized.street,
        units_standardized.unit,
        cleaned.city,
        cleaned.state,
        cleaned.postal_code,
        cleaned.country,
        cleaned.gender,
        cleaned.account_number,
        {%- for name in layout.custom %}
        cleaned.{{ name }},
        {%- endfor %}
        cleaned.is_invalid_email,
        cleaned.is_invalid_phone,
        (
            cleaned.birth_date_raw is not null and trim(cleaned.birth_date_raw) <> ''
            and (
                cleaned.birth_date_parsed is null
                or cleaned.birth_date_parsed
                > coalesce(cast(cleaned.updated_at as date), current_date)
            )
        ) as is_invalid_birth_date

    from cleaned
    left join nicknames
        on cleaned.first_name = nicknames.nickname
    left join streets_standardized
        on cleaned.profile_record_id = streets_standardized.profile_record_id
    left join units_standardized
        on cleaned.profile_record_id = units_standardized.profile_record_id

)

select * from final
