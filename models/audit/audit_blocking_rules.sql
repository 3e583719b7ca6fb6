{#- Per blocking rule: its keys, how many records have a key, the pairs its
    keys would make before the block-size cap, the keys and pairs skipped by
    the cap, the candidate pairs it produced and those it produced first (not
    already produced by an earlier rule). Summed from the audit's key table
    (audited_block_keys: every blocking key with its block's size, kept up
    to date block by block by audit_blocking_skipped_keys), the skipped keys
    and the pairs' rule masks, so a run reads no key text. -#}
{%- set config = identity_resolution_config() -%}
with

skipped_keys as (

    select * from {{ ref('audit_blocking_skipped_keys') }}

),

-- one row per blocking key: a block of n keys has n rows of block_size n,
-- whose (n - 1) add up to n * (n - 1): twice the block's pairs
key_counts as (

    select
        blocking_rule_number,
        count(*) as records_with_key,
        sum(block_size - 1) / 2 as pairs_before_cap

    from {{ audited_block_keys(ref('audit_blocking_skipped_keys')) }}
    group by blocking_rule_number

),

-- one row per combination of rules that produced pairs: a few hundred rows,
-- where a cross join with the rules is cheap. The pair's first rule is the
-- lowest bit of its mask.
pair_masks as (

    select
        blocking_rule_mask,
        count(*) as pair_count

    from {{ ref('int_profile_pairs_blocked') }}
    group by blocking_rule_mask

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

skipped_counts as (

    select
        blocking_rule,
        count(*) as skipped_keys,
        sum(block_size) as records_in_skipped_keys

    from skipped_keys
    group by blocking_rule

),

pair_counts as (

    select
        rules.blocking_rule,
        sum(
            case
                when mod(
                    cast(
                        floor(
                            pair_masks.blocking_rule_mask
                            / power(2, rules.blocking_rule_number - 1)
                        ) as {{ dbt.type_bigint() }}
                    ), 2
                ) = 1 then pair_masks.pair_count else 0
            end
        ) as candidate_pairs,
        sum(
            case
                when
                    mod(
                        pair_masks.blocking_rule_mask,
                        cast(power(2, rules.blocking_rule_number) as {{ dbt.type_bigint() }})
                    )
                    = cast(power(2, rules.blocking_rule_number - 1) as {{ dbt.type_bigint() }})
                    then pair_masks.pair_count
                else 0
            end
        )
            as first_candidate_pairs

    from rules
    cross join pair_masks
    group by rules.blocking_rule

),

final as (

    select
        rules.blocking_rule_number,
        rules.blocking_rule,
        rules.block_keys,
        coalesce(key_counts.records_with_key, 0) as records_with_key,
        coalesce(key_counts.pairs_before_cap, 0) as pairs_before_cap,
        coalesce(skipped_counts.skipped_keys, 0) as skipped_keys,
        coalesce(skipped_counts.records_in_skipped_keys, 0) as records_in_skipped_keys,
        coalesce(pair_counts.candidate_pairs, 0) as candidate_pairs,
        coalesce(pair_counts.first_candidate_pairs, 0) as first_candidate_pairs

    from rules
    left join key_counts
        on rules.blocking_rule_number = key_counts.blocking_rule_number
    left join skipped_counts
        on rules.blocking_rule = skipped_counts.blocking_rule
    left join pair_counts
        on rules.blocking_rule = pair_counts.blocking_rule

)

select * from final
