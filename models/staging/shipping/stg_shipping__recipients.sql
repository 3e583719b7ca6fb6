{#- Shipping recipients that keep the contract, the latest version of each. -#}
-- depends_on: {{ ref('privacy_erased_records') }}
with

valid as (

    select * from {{ ref('base_shipping__recipients') }}
    where _quarantine_reason is null

),

erased as (

    -- the records a right-to-erasure request removes (docs/privacy.md)
    select valid.recipient_id from valid
    where {{ erased_profile_condition(model.name, 'valid') }}

),

latest as (

    {{ deduplicate(
        'valid',
        'recipient_id',
        'updated_at desc, _load_date desc, _row_in_file desc',
    ) }}

),

final as (

    select
        recipient_id,
        recipient_name,
        ship_to_address,
        phone,
        email,
        updated_at,
        _load_date,
        _file_name,
        _row_in_file

    from latest
    where recipient_id not in (select erased.recipient_id from erased)

)

select * from final
