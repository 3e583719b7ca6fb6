{{ config(
    materialized='incremental',
    unique_key='contact_id',
    incremental_strategy=keyed_incremental_strategy(),
    on_schema_change='fail',
    pre_hook=[
        "{{ stage_lake_feed_changes(source('crm', 'contacts')) }}",
        "{{ stage_erased_profile_keys(
            source('crm', 'contacts'),
            ref('base_crm__contacts'),
            'contact_id') }}",
    ],
    post_hook="{{ record_lake_feed_changes('contact_id') }}",
) }}
{#- CRM contacts that keep the contract, the latest version of each contact.
    Incremental: a run reads only the source's files it has not loaded (its
    load log <model>__loads) and replaces a staged record where a new copy
    is later; a run that finds a loaded file gone rebuilds the model from
    every row (lake_feed_changes); the keys of an erased person are deleted
    (stage_erased_profile_keys). -#}
{%- set changes = lake_feed_changes(source('crm', 'contacts')) -%}
{%- set new_rows_only = is_incremental() and not changes.rebuild -%}
-- depends_on: {{ ref('privacy_erased_records') }}
with

valid as (

    select * from {{ ref('base_crm__contacts') }}
    where _quarantine_reason is null
    {%- if new_rows_only %}
        and {{ lake_file_condition('_file_name', changes.new) }}
    {%- endif %}

),

erased as (

    -- the records a right-to-erasure request removes (docs/privacy.md)
    {%- if new_rows_only %}
        select erased.contact_id from {{ work_table('erased') }} as erased
    {%- else %}
        select valid.contact_id from valid
        where {{ erased_profile_condition(model.name, 'valid') }}
    {%- endif %}

),

latest as (

    {%- if new_rows_only %}
    {{ deduplicate_incremental(
        'valid',
        'contact_id',
        'modified_at desc, _load_date desc, _row_in_file desc',
    ) }}
    {%- else %}
    {{ deduplicate(
        'valid',
        'contact_id',
        'modified_at desc, _load_date desc, _row_in_file desc',
    ) }}
    {%- endif %}

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
        _row_in_file,
        {{ changes.sequence }} as _load_sequence

    from latest
    where contact_id not in (select erased.contact_id from erased)

)

select * from final
