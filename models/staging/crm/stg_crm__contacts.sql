{#- CRM contacts that keep the contract, the latest version of each contact. -#}
-- depends_on: {{ ref('privacy_erased_records') }}
with

valid as (

    select * from {{ ref('base_crm__contacts') }}
    where _quarantine_reason is null

),

erased as (

    -- the records a right-to-erasure request removes (docs/privacy.md)
    select valid.contact_id from valid
    where {{ erased_profile_condition(model.name, 'valid') }}

),

latest as (

    {{ deduplicate(
        'valid',
        'contact_id',
        'modified_at desc, _load_date desc, _row_in_file desc',
    ) }}

),

final as (

    select
        contact_id,
        full_name,
        email,
        phone,
        mailing_street,
        mailing_city,
        mailing_state,
        mailing_zip,
        birth_date,
        lead_source,
        created_at,
        modified_at,
        _load_date,
        _file_name,
        _row_in_file

    from latest
    where contact_id not in (select erased.contact_id from erased)

)

select * from final
