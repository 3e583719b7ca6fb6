{#- Every raw clickstream row, typed, with its file, row number and the
    contract violations that send it to quarantine. -#}
with

source as (

    select * from {{ source('web', 'clickstream') }}
    {{- load_date_filter('event_date') }}

),

typed as (

    select
        source.filename as _file_name,
        source.file_row_number + 1 as _row_in_file,
        source.event_date as _load_date,
        {{ row_to_json('source') }} as _raw_record,
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

)

select * from checked
