{#- Billing accounts that keep the contract, the latest version of each. -#}
with

valid as (

    select * from {{ ref('base_billing__accounts') }}
    where _quarantine_reason is null

),

latest as (

    {{ deduplicate(
        'valid',
        'account_id',
        'modified_at desc, _load_date desc, _row_in_file desc',
    ) }}

),

final as (

    select
        account_id,
        first_name,
        last_name,
        email,
        phone,
        billing_street_1,
        billing_street_2,
        billing_city,
        billing_state,
        billing_postal_code,
        billing_country,
        account_status,
        modified_at,
        _load_date,
        _file_name,
        _row_in_file

    from latest

)

select * from final
