{#- Right-to-erasure requests: one row per request of the seed
    erasure_requests and of the CSV files under
    <lake_root>/privacy/erasure_requests/ (same columns), read as reviewer
    decisions are. The identifier a request names is kept only as a salted
    hash (pii_hash of its canonical form: email lower case, phone in E.164,
    <source_system>:<source_record_id>) and, for the pseudonymous keys, as
    the key; the email or phone itself is never stored. A request naming no
    identifier, several, or one that is malformed is kept with
    invalid_reason and erases nothing. -#}
{%- set request_files = 'privacy/erasure_requests/*.csv' -%}
with

seeded as (

    select
        request_id,
        requested_at,
        email,
        phone,
        source_system,
        source_record_id,
        unified_profile_id,
        'seed erasure_requests' as request_source

    from {{ ref('erasure_requests') }}

),

{% if lake_files_exist(request_files) %}

    filed as (

        select
            request_id,
            {{ dbt.cast('requested_at', dbt.type_timestamp()) }} as requested_at,
            email,
            phone,
            source_system,
            source_record_id,
            unified_profile_id,
            _file_name as request_source

        from {{ read_lake_file(request_files, 'csv') }}

    ),

{% else %}

    filed as (

        select * from seeded
        where 1 = 0

    ),

{% endif %}

requests as (

    select * from seeded
    union all
    select * from filed

),

trimmed as (

    select
        requested_at,
        request_source,
        trim(request_id) as request_id,
        nullif(trim(email), '') as email,
        nullif(trim(phone), '') as phone,
        nullif(trim(source_system), '') as source_system,
        nullif(trim(source_record_id), '') as source_record_id,
        nullif(trim(unified_profile_id), '') as unified_profile_id

    from requests

),

classified as (

    select
        *,
        (case when email is null then 0 else 1 end)
        + (case when phone is null then 0 else 1 end)
        + (case when source_system is null and source_record_id is null then 0 else 1 end)
        + (case when unified_profile_id is null then 0 else 1 end) as identifier_count,
        case
            when email is not null then 'email'
            when phone is not null then 'phone'
            when source_system is not null or source_record_id is not null then 'source_record'
            when unified_profile_id is not null then 'unified_profile'
        end as named_kind

    from trimmed

),

checked as (

    select
        *,
        case
            when identifier_count = 0 then 'no identifier'
            when identifier_count > 1 then 'more than one identifier'
            when named_kind = 'email' and {{ normalize_email('email') }} is null
                then 'email is not an email address'
            when named_kind = 'phone' and {{ normalize_phone('phone') }} is null
                then 'phone is not a phone number'
            when
                named_kind = 'source_record'
                and (source_system is null or source_record_id is null)
                then 'source_system and source_record_id go together'
        end as invalid_reason

    from classified

),

final as (

    select
        request_id,
        requested_at,
        request_source,
        case when invalid_reason is null then named_kind end as identifier_kind,
        case
            when invalid_reason is not null then null
            when named_kind = 'email' then {{ pii_hash(normalize_email('email')) }}
            when named_kind = 'phone' then {{ pii_hash(normalize_phone('phone')) }}
            when named_kind = 'source_record'
                then {{ pii_hash(dbt.concat(['source_system', "':'", 'source_record_id'])) }}
            else {{ pii_hash('unified_profile_id') }}
        end as identifier_hash,
        case
            when invalid_reason is null and named_kind = 'source_record'
                then {{ dbt.concat(['source_system', "':'", 'source_record_id']) }}
        end as profile_record_id,
        case
            when invalid_reason is null and named_kind = 'unified_profile'
                then unified_profile_id
        end as unified_profile_id,
        invalid_reason

    from checked

)

select * from final
