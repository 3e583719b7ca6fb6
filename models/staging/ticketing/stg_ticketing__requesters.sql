{#- Help-desk requesters that keep the contract, the latest version of each. -#}
with

valid as (

    select * from {{ ref('base_ticketing__requesters') }}
    where _quarantine_reason is null

),

latest as (

    {{ deduplicate(
        'valid',
        'requester_id',
        'updated_at desc, _load_date desc, _row_in_file desc',
    ) }}

),

final as (

    select
        requester_id,
        display_name,
        email,
        phone,
        organization,
        created_at,
        updated_at,
        _load_date,
        _file_name,
        _row_in_file

    from latest

)

select * from final
