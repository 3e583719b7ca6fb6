{#- Every raw billing account row, typed, with its file, row number and the
    contract violations that send it to quarantine. -#}
with

source as (

    select * from {{ source('billing', 'accounts') }}
    {{- load_date_filter() }}

),

typed as (

    select
        source.filename as _file_name,
        source.file_row_number + 1 as _row_in_file,
        source.load_date as _load_date,
        {{ row_to_json('source') }} as _raw_record,
        cast(source.accountno as {{ dbt.type_string() }}) as account_id,
        source.firstname as first_name,
        source.lastname as last_name,
        source.emailaddress as email,
        cast(source.phonenumber as {{ dbt.type_string() }}) as phone,
        source.billingstreet1 as billing_street_1,
        source.billingstreet2 as billing_street_2,
        source.billingcity as billing_city,
        source.billingstate as billing_state,
        cast(source.billingpostalcode as {{ dbt.type_string() }}) as billing_postal_code,
        source.billingcountry as billing_country,
        source.accountstatus as account_status,
        source.lastmodified as last_modified_raw,
        {{ epoch_ms_to_timestamp('source.lastmodified') }} as modified_at

    from source

),

checked as (

    select
        *,
        {{ quarantine_reason([
            missing_value_check('account_id', 'AccountNo', 'key'),
            missing_value_check('last_modified_raw', 'LastModified'),
            invalid_value_check(
                'last_modified_raw', 'modified_at', 'LastModified',
                'not epoch milliseconds'),
        ]) }} as _quarantine_reason

    from typed

)

select * from checked
