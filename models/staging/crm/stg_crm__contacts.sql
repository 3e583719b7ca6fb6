{#- CRM contacts that keep the contract, the latest version of each contact. -#}
with

valid as (

    select * from {{ ref('base_crm__contacts') }}
    where _quarantine_reason is null

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

)

select * from final
