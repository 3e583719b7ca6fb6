{{ config(
    materialized='incremental',
    unique_key='profile_id',
    incremental_strategy=keyed_incremental_strategy(),
    on_schema_change='fail',
    pre_hook=[
        "{{ stage_lake_feed_changes(source('connect', 'customer_profiles')) }}",
        "{{ stage_erased_profile_keys(
            source('connect', 'customer_profiles'),
            ref('base_connect__customer_profiles'),
            'profile_id') }}",
    ],
    post_hook="{{ record_lake_feed_changes('profile_id') }}",
) }}
{#- Customer Profiles that keep the contract, the latest version of each.
    Incremental: a run reads only the source's files it has not loaded (its
    load log <model>__loads) and replaces a staged record where a new copy
    is later; a run that finds a loaded file gone rebuilds the model from
    every row (lake_feed_changes); the keys of an erased person are deleted
    (stage_erased_profile_keys). -#}
{%- set changes = lake_feed_changes(source('connect', 'customer_profiles')) -%}
{%- set new_rows_only = is_incremental() and not changes.rebuild -%}
-- depends_on: {{ ref('privacy_erased_records') }}
with

valid as (

    select * from {{ ref('base_connect__customer_profiles') }}
    where _quarantine_reason is null
    {%- if new_rows_only %}
        and {{ lake_file_condition('_file_name', changes.new) }}
    {%- endif %}

),

erased as (

    -- the records a right-to-erasure request removes (docs/privacy.md)
    {%- if new_rows_only %}
        select erased.profile_id from {{ work_table('erased') }} as erased
    {%- else %}
        select valid.profile_id from valid
        where {{ erased_profile_condition(model.name, 'valid') }}
    {%- endif %}

),

latest as (

    {%- if new_rows_only %}
    {{ deduplicate_incremental(
        'valid',
        'profile_id',
        'last_updated_at desc, _load_date desc, _row_in_file desc',
    ) }}
    {%- else %}
    {{ deduplicate(
        'valid',
        'profile_id',
        'last_updated_at desc, _load_date desc, _row_in_file desc',
    ) }}
    {%- endif %}

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
        _row_in_file,
        {{ changes.sequence }} as _load_sequence

    from latest
    where profile_id not in (select erased.profile_id from erased)

)

select * from final
