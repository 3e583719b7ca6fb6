{#- Every staged profile record of every source system in one shape: the
    standard attributes, still as the source wrote them. -#}
with

crm as (

    select
        'crm' as source_system,
        contact_id as source_record_id,
        cast(null as {{ dbt.type_string() }}) as first_name,
        cast(null as {{ dbt.type_string() }}) as middle_name,
        cast(null as {{ dbt.type_string() }}) as last_name,
        full_name,
        email,
        phone,
        mailing_street as street,
        cast(null as {{ dbt.type_string() }}) as unit,
        mailing_city as city,
        mailing_state as state,
        mailing_zip as postal_code,
        cast(null as {{ dbt.type_string() }}) as country,
        birth_date,
        cast(null as {{ dbt.type_string() }}) as gender,
        cast(null as {{ dbt.type_string() }}) as account_number,
        modified_at as updated_at

    from {{ ref('stg_crm__contacts') }}

),

billing as (

    select
        'billing' as source_system,
        account_id as source_record_id,
        first_name,
        cast(null as {{ dbt.type_string() }}) as middle_name,
        last_name,
        cast(null as {{ dbt.type_string() }}) as full_name,
        email,
        phone,
        billing_street_1 as street,
        billing_street_2 as unit,
        billing_city as city,
        billing_state as state,
        billing_postal_code as postal_code,
        billing_country as country,
        cast(null as {{ dbt.type_string() }}) as birth_date,
        cast(null as {{ dbt.type_string() }}) as gender,
        account_id as account_number,
        modified_at as updated_at

    from {{ ref('stg_billing__accounts') }}

),

shipping as (

    select
        'shipping' as source_system,
        recipient_id as source_record_id,
        cast(null as {{ dbt.type_string() }}) as first_name,
        cast(null as {{ dbt.type_string() }}) as middle_name,
        cast(null as {{ dbt.type_string() }}) as last_name,
        recipient_name as full_name,
        email,
        phone,
        -- one line: street[, unit], city, ST zip
        regexp_extract(ship_to_address, '^(.*?)(, [^,]+)?, [^,]+, [A-Za-z]{2} [0-9-]+$', 1)
            as street,
        nullif(trim(regexp_extract(
            ship_to_address, '^.*?, ([^,]+), [^,]+, [A-Za-z]{2} [0-9-]+$', 1
        )), '')
            as unit,
        regexp_extract(ship_to_address, ', ([^,]+), [A-Za-z]{2} [0-9-]+$', 1) as city,
        regexp_extract(ship_to_address, ', ([A-Za-z]{2}) [0-9-]+$', 1) as state,
        regexp_extract(ship_to_address, ' ([0-9-]+)$', 1) as postal_code,
        cast(null as {{ dbt.type_string() }}) as country,
        cast(null as {{ dbt.type_string() }}) as birth_date,
        cast(null as {{ dbt.type_string() }}) as gender,
        cast(null as {{ dbt.type_string() }}) as account_number,
        updated_at

    from {{ ref('stg_shipping__recipients') }}

),

ticketing as (

    select
        'ticketing' as source_system,
        requester_id as source_record_id,
        cast(null as {{ dbt.type_string() }}) as first_name,
        cast(null as {{ dbt.type_string() }}) as middle_name,
        cast(null as {{ dbt.type_string() }}) as last_name,
        display_name as full_name,
        email,
        phone,
        cast(null as {{ dbt.type_string() }}) as street,
        cast(null as {{ dbt.type_string() }}) as unit,
        cast(null as {{ dbt.type_string() }}) as city,
        cast(null as {{ dbt.type_string() }}) as state,
        cast(null as {{ dbt.type_string() }}) as postal_code,
        cast(null as {{ dbt.type_string() }}) as country,
        cast(null as {{ dbt.type_string() }}) as birth_date,
        cast(null as {{ dbt.type_string() }}) as gender,
        cast(null as {{ dbt.type_string() }}) as account_number,
        updated_at

    from {{ ref('stg_ticketing__requesters') }}

),

connect_profiles as (

    select
        'connect' as source_system,
        profile_id as source_record_id,
        first_name,
        middle_name,
        last_name,
        cast(null as {{ dbt.type_string() }}) as full_name,
        coalesce(email_address, personal_email_address, business_email_address) as email,
        coalesce(phone_number, mobile_phone_number, home_phone_number) as phone,
        address_line_1 as street,
        address_line_2 as unit,
        address_city as city,
        address_state as state,
        address_postal_code as postal_code,
        address_country as country,
        birth_date,
        gender,
        account_number,
        last_updated_at as updated_at

    from {{ ref('stg_connect__customer_profiles') }}

),

unioned as (

    select * from crm
    union all
    select * from billing
    union all
    select * from shipping
    union all
    select * from ticketing
    union all
    select * from connect_profiles

),

final as (

    select
        {{ dbt.concat(['source_system', "':'", 'source_record_id']) }} as profile_record_id,
        *

    from unioned

)

select * from final
