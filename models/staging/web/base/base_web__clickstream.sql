{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    post_hook="{{ strip_erased_clickstream() }}",
) }}
{#- Every raw clickstream row, typed, with its file, row number and the
    contract violations that send it to quarantine. Incremental: a run
    appends the rows of the files not loaded yet (within the load_date
    window), stamped with the next _load_sequence. The whole raw row is kept
    for quarantined rows only. -#}
{%- set clickstream = source('web', 'clickstream') -%}
-- depends_on: {{ ref('privacy_erased_records') }}
with

source as (

    select * from {{ read_lake_files(clickstream, lake_files_to_load(clickstream)) }}

),

typed as (

    select
        source.filename as _file_name,
        source.file_row_number + 1 as _row_in_file,
        source.event_date as _load_date,
        {{ staged_load_sequence() + 1 }} as _load_sequence,
        {{ row_to_json('source') }} as _source_record,
        {{ try_cast('source.event_id', dbt.type_string()) }} as event_id,
        {{ try_cast('source.cookie_id', dbt.type_string()) }} as cookie_id,
        source.session_id,
        source.event_name,
        source.page_url,
        source.referrer,
        source.user_agent,
        source.email,
        source.event_timestamp as event_timestamp_raw,
        {{ parse_timestamp_utc('source.event_timestamp') }} as event_at

    from source

),

checked as (

    select
        *,
        {{ quarantine_reason([
            missing_value_check('event_id', 'event_id', 'key'),
            missing_value_check('cookie_id', 'cookie_id'),
            missing_value_check('event_timestamp_raw', 'event_timestamp'),
            invalid_value_check('event_timestamp_raw', 'event_at', 'event_timestamp'),
        ]) }} as _quarantine_reason

    from typed

),

final as (

    select
        _file_name,
        _row_in_file,
        _load_date,
        _load_sequence,
        event_id,
        cookie_id,
        session_id,
        event_name,
        page_url,
        referrer,
        user_agent,
        email,
        event_timestamp_raw,
        event_at,
        _quarantine_reason,
        case when _quarantine_reason is not null then _source_record end as _raw_record

    from checked

)

select * from final
