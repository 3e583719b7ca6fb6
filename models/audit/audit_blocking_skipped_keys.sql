{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook=[
        "{{ stage_audited_blocks() }}",
        "{{ delete_touched_blocks() }}",
        "{{ refresh_audited_block_keys() }}",
    ],
    post_hook=["{{ drop_work_table('rekeyed') }}", "{{ drop_work_table('touched') }}"],
) }}
{#- Blocking key values held by more records than blocking.max_block_size:
    they were not joined (n records would make n*(n-1)/2 pairs). A
    call-centre number, test@test.com, a null-like placeholder. Counted from
    the audit's key table (audited_block_keys: every blocking key with its
    block's size), which the pre-hooks keep.
    Incremental: a run counts again only the blocks holding a key of a
    record new, changed or gone since the audit last ran, before or after
    (stage_audited_blocks); every other block kept its records. A run that
    finds the model without its key table counts every key
    (audit_keeps_block_keys). -#}
{%- set config = identity_resolution_config() -%}
-- depends_on: {{ ref('int_profiles_normalized') }}
-- depends_on: {{ ref('int_profile_blocking_keys') }}
with

blocking_keys as (

    select audited.*

    from {{ audited_block_keys(this) }} as audited
    {%- if audit_keeps_block_keys() %}
        inner join {{ work_table('touched') }} as touched
            on
                audited.blocking_rule = touched.blocking_rule
                and audited.block_key = touched.block_key
    {%- endif %}

),

final as (

    select
        blocking_rule,
        block_key,
        max(block_size) as block_size,
        max(block_size) * (max(block_size) - 1) / 2 as pairs_skipped,
        {{ run_timestamp(precise=true) }} as audited_at

    from blocking_keys
    where block_size > {{ config.blocking.get('max_block_size', 200) }}
    group by blocking_rule, block_key

)

select * from final
