{{ config(
    materialized='incremental',
    incremental_strategy='append',
    full_refresh=false,
    post_hook="{{ create_erasure_strip_log() }}",
) }}
{#- The erasure ledger: what each right-to-erasure request erased, resolved
    once, on the first run that sees the request, and kept for good (append
    only; full_refresh is off): the raw lake still holds the person's rows
    until its owner purges them, so staging keeps filtering them out on
    every later run, full refreshes included. A request names records
    directly (its source record, the records holding its email or phone, the
    records of its unified profile) in the identity state the previous run
    left (int_profiles_normalized, int_unified_profile_ids); the person is
    every record of the unified profiles those records belong to. Rows
    (erased_kind, erased_value):
    - request: one per request, value null (a request naming nobody too);
    - profile_record: each of the person's records (profile_record_id), which
      staging drops and the departure path removes from every later layer;
    - unified_profile: the person's unified profiles at the time;
    - email, phone: pii_hash of each email and phone the person's records
      held, which strip the person from contact records and clickstream;
    - requested_email, requested_phone: pii_hash of the request's own email
      or phone, which staging matches directly (records that land later, or
      on a first build, before any identity state exists).
    No email, phone or name is stored. -#}
{%- set normalized = previous_state_relation('int_profiles_normalized') -%}
{%- set profile_ids = previous_state_relation('int_unified_profile_ids') -%}
{#- Read the previous identity state only when a request is new: a run
    without one then costs nothing (no hashing of every normalized email). -#}
{%- if execute -%}
    {%- set new_count_sql -%}
        select count(*) from {{ ref('privacy_erasure_requests') }}
        {%- if is_incremental() %}
            where request_id not in (select erased.request_id from {{ this }} as erased)
        {%- endif %}
    {%- endset -%}
    {%- if load_relation(ref('privacy_erasure_requests')) is none
        or run_query(new_count_sql).columns[0].values()[0] == 0 -%}
        {%- set normalized = none -%}
        {%- set profile_ids = none -%}
    {%- endif -%}
{%- endif -%}
with

requests as (

    select * from {{ ref('privacy_erasure_requests') }}

),

new_requests as (

    select * from requests
    {% if is_incremental() -%}
        where request_id not in (select erased.request_id from {{ this }} as erased)
    {%- endif %}

),

{% if normalized is not none %}

    previous_records as (

        -- email and phone (the first of each) are replaced by each of emails, phones
        select
            profile_record_id,
            emails,
            phones,
            email,
            phone

        from {{ normalized }}

    ),

    previous_record_emails as (

        {{ explode_list('previous_records', 'emails', 'email') }}

    ),

    previous_emails as (

        select
            profile_record_id,
            {{ pii_hash('email') }} as value_hash

        from previous_record_emails

    ),

    previous_record_phones as (

        {{ explode_list('previous_records', 'phones', 'phone') }}

    ),

    previous_phones as (

        select
            profile_record_id,
            {{ pii_hash('phone') }} as value_hash

        from previous_record_phones

    ),

{% else %}

    previous_emails as (

        select
            cast(null as {{ dbt.type_string() }}) as profile_record_id,
            cast(null as {{ dbt.type_string() }}) as value_hash

        where 1 = 0

    ),

    previous_phones as (

        select * from previous_emails

    ),

{% endif %}

{% if profile_ids is not none %}

    previous_profiles as (

        select
            profile_record_id,
            unified_profile_id

        from {{ profile_ids }}
        where is_current

    ),

{% else %}

    previous_profiles as (

        select
            cast(null as {{ dbt.type_string() }}) as profile_record_id,
            cast(null as {{ dbt.type_string() }}) as unified_profile_id

        where 1 = 0

    ),

{% endif %}

named_records as (

    select
        request_id,
        profile_record_id

    from new_requests
    where identifier_kind = 'source_record'

    union

    select
        new_requests.request_id,
        previous_emails.profile_record_id

    from new_requests
    inner join previous_emails
        on new_requests.identifier_hash = previous_emails.value_hash
    where new_requests.identifier_kind = 'email'

    union

    select
        new_requests.request_id,
        previous_phones.profile_record_id

    from new_requests
    inner join previous_phones
        on new_requests.identifier_hash = previous_phones.value_hash
    where new_requests.identifier_kind = 'phone'

    union

    select
        new_requests.request_id,
        previous_profiles.profile_record_id

    from new_requests
    inner join previous_profiles
        on new_requests.unified_profile_id = previous_profiles.unified_profile_id
    where new_requests.identifier_kind = 'unified_profile'

),

person_profiles as (

    select distinct
        named_records.request_id,
        previous_profiles.unified_profile_id

    from named_records
    inner join previous_profiles
        on named_records.profile_record_id = previous_profiles.profile_record_id

),

person_records as (

    select * from named_records

    union

    select
        person_profiles.request_id,
        previous_profiles.profile_record_id

    from person_profiles
    inner join previous_profiles
        on person_profiles.unified_profile_id = previous_profiles.unified_profile_id

),

person_emails as (

    select
        person_records.request_id,
        previous_emails.value_hash

    from person_records
    inner join previous_emails
        on person_records.profile_record_id = previous_emails.profile_record_id

    union

    select
        request_id,
        identifier_hash

    from new_requests
    where identifier_kind = 'email'

),

person_phones as (

    select
        person_records.request_id,
        previous_phones.value_hash

    from person_records
    inner join previous_phones
        on person_records.profile_record_id = previous_phones.profile_record_id

    union

    select
        request_id,
        identifier_hash

    from new_requests
    where identifier_kind = 'phone'

),

erased as (

    select
        request_id,
        'request' as erased_kind,
        cast(null as {{ dbt.type_string() }}) as erased_value

    from new_requests

    union all

    select
        request_id,
        'profile_record' as erased_kind,
        profile_record_id as erased_value

    from person_records

    union all

    select
        request_id,
        'unified_profile' as erased_kind,
        unified_profile_id as erased_value

    from person_profiles

    union all

    select
        request_id,
        'email' as erased_kind,
        value_hash as erased_value

    from person_emails

    union all

    select
        request_id,
        'phone' as erased_kind,
        value_hash as erased_value

    from person_phones

    union all

    select
        request_id,
        {{ dbt.concat(["'requested_'", 'identifier_kind']) }} as erased_kind,
        identifier_hash as erased_value

    from new_requests
    where identifier_kind in ('email', 'phone')

),

final as (

    select
        request_id,
        erased_kind,
        erased_value,
        {{ run_timestamp() }} as applied_at,
        '{{ invocation_id }}' as applied_invocation_id

    from erased

)

select * from final
