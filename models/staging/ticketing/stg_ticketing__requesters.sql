{#- Help-desk requesters that keep the contract, the latest version of each. -#}
-- depends_on: {{ ref('privacy_erased_records') }}
with

valid as (

    select * from {{ ref('base_ticketing__requesters') }}
    where _quarantine_reason is null

),

erased as (

    -- the records a right-to-erasure request removes (docs/privacy.md)
    select valid.requester_id from valid
    where {{ erased_profile_condition(model.name, 'valid') }}

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
    where requester_id not in (select erased.requester_id from erased)

)

select * from final
