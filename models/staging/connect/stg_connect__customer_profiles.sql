{#- Customer Profiles that keep the contract, the latest version of each. -#}
-- depends_on: {{ ref('privacy_erased_records') }}
with

valid as (

    select * from {{ ref('base_connect__customer_profiles') }}
    where _quarantine_reason is null

),

erased as (

    -- the records a right-to-erasure request removes (docs/privacy.md)
    select valid.profile_id from valid
    where {{ erased_profile_condition(model.name, 'valid') }}

),

latest as (

    {{ deduplicate(
        'valid',
        'profile_id',
        'last_updated_at desc, _load_date desc, _row_in_file desc',
    ) }}

),

final as (

    select
        profile_id,
        account_number,
        first_name,
        middle_name,
        last_name,
        birth_date,
        gender,
        phone_number,
        mobile_phone_number,
        home_phone_number,
        email_address,
        personal_email_address,
        business_email_address,
        {%- for column, _, _ in connect_address_fields() %}
            {{ column }},
        {%- endfor %}
        attributes,
        last_updated_at,
        _load_date,
        _file_name,
        _row_in_file

    from latest
    where profile_id not in (select erased.profile_id from erased)

)

select * from final
