{{ config(
    materialized='incremental',
    unique_key='account_id',
    incremental_strategy=keyed_incremental_strategy(),
    on_schema_change='fail',
    pre_hook=[
        "{{ stage_lake_feed_changes(source('billing', 'accounts')) }}",
        "{{ stage_erased_profile_keys(
            source('billing', 'accounts'),
            ref('base_billing__accounts'),
            'account_id') }}",
    ],
    post_hook="{{ record_lake_feed_changes('account_id') }}",
) }}
{#- Billing accounts that keep the contract, the latest version of each.
    Incremental: a run reads only the source's files it has not loaded (its
    load log <model>__loads) and replaces a staged record where a new copy
    is later; a run that finds a loaded file gone rebuilds the model from
    every row (lake_feed_changes); the keys of an erased person are deleted
    (stage_erased_profile_keys). -#}
{%- set changes = lake_feed_changes(source('billing', 'accounts')) -%}
{%- set new_rows_only = is_incremental() and not changes.rebuild -%}
-- depends_on: {{ ref('privacy_erased_records') }}
with

valid as (

    select * from {{ ref('base_billing__accounts') }}
    where _quarantine_reason is null
    {%- if new_rows_only %}
        and {{ lake_file_condition('_file_name', changes.new) }}
    {%- endif %}

),

erased as (

    -- the records a right-to-erasure request removes (docs/privacy.md)
    {%- if new_rows_only %}
        select erased.account_id from {{ work_table('erased') }} as erased
    {%- else %}
        select valid.account_id from valid
        where {{ erased_profile_condition(model.name, 'valid') }}
    {%- endif %}

),

latest as (

    {%- if new_rows_only %}
    {{ deduplicate_incremental(
        'valid',
        'account_id',
        'modified_at desc, _load_date desc, _row_in_file desc',
    ) }}
    {%- else %}
    {{ deduplicate(
        'valid',
        'account_id',
        'modified_at desc, _load_date desc, _row_in_file desc',
    ) }}
    {%- endif %}

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
        _row_in_file,
        {{ changes.sequence }} as _load_sequence

    from latest
    where account_id not in (select erased.account_id from erased)

)

select * from final
