{#- Per blocking rule: its keys, how many records have a key, the pairs its
    keys would make before the block-size cap, the keys and pairs skipped by
    the cap, the candidate pairs it produced and those it produced first (not
    already produced by an earlier rule). -#}
{%- set config = identity_resolution_config() -%}
with

blocking_keys as (

    select
        *,
        count(*) over (partition by blocking_rule, block_key) as block_size

    from {{ ref('int_profile_blocking_keys') }}

),

pairs as (

    select * from {{ ref('int_profile_pairs_blocked') }}

),

rules as (

    {% for rule in config.blocking.rules %}
        select
            {{ loop.index }} as blocking_rule_number,
            '{{ rule.name }}' as blocking_rule,
            '{{ rule.get("keys", []) | join(", ") | replace("'", "''") }}' as block_keys
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

key_counts as (

    select
        blocking_rule,
        count(*) as records_with_key,
        sum(
            case
                when block_size > {{ config.blocking.get('max_block_size', 200) }} then 1 else 0
            end
        )
            as records_in_skipped_keys

    from blocking_keys
    group by blocking_rule

),

block_counts as (

    select
        blocking_rule,
        sum(block_size * (block_size - 1) / 2) as pairs_before_cap,
        sum(
            case
                when block_size > {{ config.blocking.get('max_block_size', 200) }} then 1 else 0
            end
        )
            as skipped_keys

    from (
        select distinct
            blocking_rule,
            block_key,
            block_size
        from blocking_keys
    ) as blocks
    group by blocking_rule

),

pair_counts as (

    select
        rules.blocking_rule,
        sum(
            case
                when mod(
                    cast(
                        floor(pairs.blocking_rule_mask / power(2, rules.blocking_rule_number - 1))
                        as {{ dbt.type_bigint() }}
                    ), 2
                ) = 1 then 1 else 0
            end
        ) as candidate_pairs,
        sum(case when pairs.first_blocking_rule = rules.blocking_rule then 1 else 0 end)
            as first_candidate_pairs

    from rules
    cross join pairs
    group by rules.blocking_rule

),

final as (

    select
        rules.blocking_rule_number,
        rules.blocking_rule,
        rules.block_keys,
        coalesce(key_counts.records_with_key, 0) as records_with_key,
        coalesce(block_counts.pairs_before_cap, 0) as pairs_before_cap,
        coalesce(block_counts.skipped_keys, 0) as skipped_keys,
        coalesce(key_counts.records_in_skipped_keys, 0) as records_in_skipped_keys,
        coalesce(pair_counts.candidate_pairs, 0) as candidate_pairs,
        coalesce(pair_counts.first_candidate_pairs, 0) as first_candidate_pairs

    from rules
    left join key_counts
        on rules.blocking_rule = key_counts.blocking_rule
    left join block_counts
        on rules.blocking_rule = block_counts.blocking_rule
    left join pair_counts
        on rules.blocking_rule = pair_counts.blocking_rule

)

select * from final
