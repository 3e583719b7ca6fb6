{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook=["{{ stage_changed_records() }}", "{{ delete_pairs_of_changed_records() }}"],
    post_hook="{{ drop_work_table('changed') }}",
) }}
{#- Candidate pairs: every pair of records sharing a key of at least one
    blocking rule, each pair once (profile_record_id_l < profile_record_id_r),
    with the first rule that produced it, every rule that did, and those
    rules as a bit mask (rule n = bit n-1) for training. A key held by more
    than blocking.max_block_size records is skipped (audit_blocking_skipped_keys).
    With link_type link_only, only pairs across sources. Incremental: a
    run drops the pairs of new, changed and departed records and pairs the
    new and changed records' keys with every record's. -#}
{%- set config = identity_resolution_config() -%}
{%- set across_sources = (
    'l.source_system <> r.source_system' if config.link_type == 'link_only' else '1 = 1'
) -%}
{%- set across_sources_of_changed = (
    'changed.source_system <> other.source_system' if config.link_type == 'link_only' else '1 = 1'
) -%}
-- depends_on: {{ ref('int_profiles_normalized') }}
with

blocking_keys as (

    select * from {{ ref('int_profile_blocking_keys') }}

),

{% if is_incremental() %}

    changed_keys as (

        select * from blocking_keys
        where profile_record_id in ({{ staged_changed_records() }})

    ),

    -- only the blocks a new or changed record is in: their sizes decide the
    -- cap, and the other blocks make no new pair
    touched_keys as (

        select blocking_keys.*

        from blocking_keys
        inner join (
            select distinct
                blocking_rule,
                block_key
            from changed_keys
        ) as touched_blocks
            on
                blocking_keys.blocking_rule = touched_blocks.blocking_rule
                and blocking_keys.block_key = touched_blocks.block_key

    ),

    kept_blocks as (

        select
            blocking_rule,
            block_key

        from touched_keys
        group by blocking_rule, block_key
        having count(*) between 2 and {{ config.blocking.get('max_block_size', 200) }}

    ),

    kept_keys as (

        select touched_keys.*

        from touched_keys
        inner join kept_blocks
            on
                touched_keys.blocking_rule = kept_blocks.blocking_rule
                and touched_keys.block_key = kept_blocks.block_key

    ),

    rule_pairs as (

        select
            changed.blocking_rule_number,
            least(changed.profile_record_id, other.profile_record_id) as profile_record_id_l,
            greatest(changed.profile_record_id, other.profile_record_id) as profile_record_id_r

        from kept_keys as changed
        inner join kept_keys as other
            on
                changed.blocking_rule_number = other.blocking_rule_number
                and changed.block_key = other.block_key
                and changed.profile_record_id <> other.profile_record_id
                and {{ across_sources_of_changed }}
        where changed.profile_record_id in ({{ staged_changed_records() }})

    ),

{% else %}

    kept_blocks as (

        select
            blocking_rule,
            block_key

        from blocking_keys
        group by blocking_rule, block_key
        having count(*) between 2 and {{ config.blocking.get('max_block_size', 200) }}

    ),

    kept_keys as (

        select blocking_keys.*

        from blocking_keys
        inner join kept_blocks
            on
                blocking_keys.blocking_rule = kept_blocks.blocking_rule
                and blocking_keys.block_key = kept_blocks.block_key

    ),

    rule_pairs as (

        select
            l.blocking_rule_number,
            l.profile_record_id as profile_record_id_l,
            r.profile_record_id as profile_record_id_r

        from kept_keys as l
        inner join kept_keys as r
            on
                l.blocking_rule_number = r.blocking_rule_number
                and l.block_key = r.block_key
                and l.profile_record_id < r.profile_record_id
                and {{ across_sources }}

    ),

{% endif %}

paired as (

    select
        profile_record_id_l,
        profile_record_id_r,
        case min(blocking_rule_number)
            {%- for rule in config.blocking.rules %}
                when {{ loop.index }} then '{{ rule.name }}'
            {%- endfor %}
        end as first_blocking_rule,
        cast(
            sum(distinct cast(power(2, blocking_rule_number - 1) as {{ dbt.type_bigint() }}))
            as {{ dbt.type_bigint() }}
        ) as blocking_rule_mask

    from rule_pairs
    group by profile_record_id_l, profile_record_id_r

),

final as (

    select
        *,
        {{ normalized_sequence() }} as normalized_sequence

    from paired

)

select * from final
