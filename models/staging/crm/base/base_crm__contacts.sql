{#- Every raw CRM contact row, typed, with its file, row number and the
    contract violations that send it to quarantine. Timestamps must carry
    their UTC offset (the contract): one written without is ambiguous. -#}
with

source as (

    select * from {{ source('crm', 'contacts') }}
    {{- load_date_filter() }}

),

typed as (

    select
        source.filename as _file_name,
        source.file_row_number + 1 as _row_in_file,
        source.load_date as _load_date,
        {{ row_to_json('source') }} as _raw_record,
        cast(source.contact_id as {{ dbt.type_string() }}) as contact_id,
        source.full_name,
        source.email,
        source.phone,
        source.mailing_street,
        source.mailing_city,
        source.mailing_state,
        source.mailing_zip,
        source.birth_date,
        source.lead_source,
        source.created_at as created_at_raw,
        source.modified_at as modified_at_raw,
        {{ parse_timestamp_utc('source.created_at', time_zone=none) }} as created_at,
        {{ parse_timestamp_utc('source.modified_at', time_zone=none) }} as modified_at

    from source

),

checked as (

    select
        *,
        {{ quarantine_reason([
            missing_value_check('contact_id', 'contact_id', 'key'),
            missing_value_check('modified_at_raw', 'modified_at'),
            invalid_value_check('modified_at_raw', 'modified_at', 'modified_at'),
            invalid_value_check('created_at_raw', 'created_at', 'created_at'),
        ]) }} as _quarantine_reason

    from typed

)

select * from checked
