{#- Billing accounts that keep the contract, the latest version of each. -#}
-- depends_on: {{ ref('privacy_erased_records') }}
with

valid as (

    select * from {{ ref('base_billing__accounts') }}
    where _quarantine_reason is null

),

erased as (

    -- the records a right-to-erasure request removes (docs/privacy.md)
    select valid.account_id from valid
    where {{ erased_profile_condition(model.name, 'valid') }}

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
    where account_id not in (select erased.account_id from erased)

)

select * from final
