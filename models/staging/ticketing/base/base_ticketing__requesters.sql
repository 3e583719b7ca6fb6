{#- Every raw help-desk requester row, typed, with its file, row number and
    the contract violations that send it to quarantine. -#}
with

source as (

    select * from {{ source('ticketing', 'requesters') }}
    {{- load_date_filter() }}

),

typed as (

    select
        source.filename as _file_name,
        source.file_row_number + 1 as _row_in_file,
        source.load_date as _load_date,
        {{ row_to_json('source') }} as _raw_record,
        {{ try_cast('source.requester_id', dbt.type_string()) }} as requester_id,
        source.name as display_name,
        source.email,
        {{ try_cast('source.phone', dbt.type_string()) }} as phone,
        source.organization,
        source.created_at as created_at_raw,
        source.updated_at as updated_at_raw,
        {{ parse_timestamp_utc('source.created_at') }} as created_at,
        {{ parse_timestamp_utc('source.updated_at') }} as updated_at

    from source

),

checked as (

    select
        *,
        {{ quarantine_reason([
            missing_value_check('requester_id', 'requester_id', 'key'),
            missing_value_check('updated_at_raw', 'updated_at'),
            invalid_value_check('updated_at_raw', 'updated_at', 'updated_at'),
            invalid_value_check('created_at_raw', 'created_at', 'created_at'),
        ]) }} as _quarantine_reason

    from typed

)

select * from checked
