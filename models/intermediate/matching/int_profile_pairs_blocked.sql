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

{% endif %}

-- the kept records numbered in id order, so that pairs are made and grouped
-- on integers and joined back to their ids once
record_numbers as (

    select
        profile_record_id,
        row_number() over (order by profile_record_id) as record_number

    from (select distinct profile_record_id from kept_keys) as kept_records

),

numbered_keys as (

    select
        kept_keys.*,
        record_numbers.record_number

    from kept_keys
    inner join record_numbers
        on kept_keys.profile_record_id = record_numbers.profile_record_id

),

{% if is_incremental() %}

    rule_pairs as (

        select
            changed.blocking_rule_number,
            least(changed.record_number, other.record_number) as record_number_l,
            greatest(changed.record_number, other.record_number) as record_number_r

        from numbered_keys as changed
        inner join numbered_keys as other
            on
                changed.blocking_rule_number = other.blocking_rule_number
                and changed.block_key = other.block_key
                and changed.record_number <> other.record_number
                and {{ across_sources_of_changed }}
        where changed.profile_record_id in ({{ staged_changed_records() }})

    ),

{% else %}

    rule_pairs as (

        select
            l.blocking_rule_number,
            l.record_number as record_number_l,
            r.record_number as record_number_r

        from numbered_keys as l
        inner join numbered_keys as r
            on
                l.blocking_rule_number = r.blocking_rule_number
                and l.block_key = r.block_key
                and l.record_number < r.record_number
                and {{ across_sources }}

    ),

{% endif %}

-- grouped on the integer record numbers: at a million records this
-- aggregate over tens of millions of rule pairs takes about half as long
-- as on the text ids, and the mask as a bit_or about half as long again
-- as a sum of distinct bits (docs/benchmarks.md)
numbered_pairs as (

    select
        record_number_l,
        record_number_r,
        min(blocking_rule_number) as first_blocking_rule_number,
        {{ bit_or_agg(
            'cast(power(2, blocking_rule_number - 1) as ' ~ dbt.type_bigint() ~ ')'
        ) }} as blocking_rule_mask

    from rule_pairs
    group by record_number_l, record_number_r

),

paired as (

    select
        records_l.profile_record_id as profile_record_id_l,
        records_r.profile_record_id as profile_record_id_r,
        case numbered_pairs.first_blocking_rule_number
            {%- for rule in config.blocking.rules %}
                when {{ loop.index }} then '{{ rule.name }}'
            {%- endfor %}
        end as first_blocking_rule,
        numbered_pairs.blocking_rule_mask

    from numbered_pairs
    inner join record_numbers as records_l
        on numbered_pairs.record_number_l = records_l.record_number
    inner join record_numbers as records_r
        on numbered_pairs.record_number_r = records_r.record_number

),

final as (

    select
        *,
        {{ normalized_sequence() }} as normalized_sequence

    from paired

)

select * from final
