{#- Shipping recipients that keep the contract, the latest version of each. -#}
with

valid as (

    select * from {{ ref('base_shipping__recipients') }}
    where _quarantine_reason is null

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

)

select * from final
