{#- Every raw shipping recipient row, typed, with its file, row number and the
    contract violations that send it to quarantine. -#}
with

source as (

    select * from {{ source('shipping', 'recipients') }}
    {{- load_date_filter() }}

),

typed as (

    select
        source.filename as _file_name,
        source.file_row_number + 1 as _row_in_file,
        source.load_date as _load_date,
        {{ row_to_json('source') }} as _raw_record,
        source.recipient_id as recipient_id_raw,
        {{ try_cast(try_cast('source.recipient_id', 'bigint'), dbt.type_string()) }}
            as recipient_id,
        source.recipient_name,
        source.ship_to_address,
        cast(source.phone as {{ dbt.type_string() }}) as phone,
        source.email,
        source.updated as updated_raw,
        {{ parse_timestamp_utc(
            'source.updated', '%m/%d/%Y %I:%M:%S %p', 'America/Chicago'
        ) }} as updated_at

    from source

),

checked as (

    select
        *,
        {{ quarantine_reason([
            missing_value_check('recipient_id_raw', 'recipient_id', 'key'),
            invalid_value_check(
                'recipient_id_raw', 'recipient_id', 'recipient_id',
                'not an integer'),
            missing_value_check('updated_raw', 'updated'),
            invalid_value_check('updated_raw', 'updated_at', 'updated'),
        ]) }} as _quarantine_reason

    from typed

)

select * from checked
