{#- Every raw Customer Profiles row, typed and flattened (one column per
    address part), with its file, row number and the contract violations that
    send it to quarantine. -#}
with

source as (

    select * from {{ source('connect', 'customer_profiles') }}
    {{- load_date_filter() }}

),

typed as (

    select
        source.filename as _file_name,
        source.file_row_number + 1 as _row_in_file,
        source.load_date as _load_date,
        {{ row_to_json('source') }} as _raw_record,
        {{ try_cast('source.profileid', dbt.type_string()) }} as profile_id,
        source.accountnumber as account_number,
        source.firstname as first_name,
        source.middlename as middle_name,
        source.lastname as last_name,
        source.birthdate as birth_date,
        -- the file's columns are Gender and Attributes: rename to lower case
        source.gender as gender,  -- noqa: AL09
        source.phonenumber as phone_number,
        source.mobilephonenumber as mobile_phone_number,
        source.homephonenumber as home_phone_number,
        source.emailaddress as email_address,
        source.personalemailaddress as personal_email_address,
        source.businessemailaddress as business_email_address,
        {%- for column, struct_column, field in connect_address_fields() %}
            source.{{ struct_column }}.{{ field }} as {{ column }},
        {%- endfor %}
        source.attributes as attributes,  -- noqa: AL09
        source.lastupdatedtimestamp as last_updated_raw,
        {{ parse_timestamp_utc('source.lastupdatedtimestamp') }} as last_updated_at

    from source

),

checked as (

    select
        *,
        {{ quarantine_reason([
            missing_value_check('profile_id', 'ProfileId', 'key'),
            missing_value_check('last_updated_raw', 'LastUpdatedTimestamp'),
            invalid_value_check(
                'last_updated_raw', 'last_updated_at', 'LastUpdatedTimestamp'),
        ]) }} as _quarantine_reason

    from typed

)

select * from checked
