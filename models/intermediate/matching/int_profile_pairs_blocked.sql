{#- Candidate pairs: every pair of records sharing a key of at least one
    blocking rule, each pair once (profile_record_id_l < profile_record_id_r),
    with the first rule that produced it, every rule that did, and those
    rules as a bit mask (rule n = bit n-1) for training. A key held by more
    than blocking.max_block_size records is skipped (audit_blocking_skipped_keys).
    With link_type link_only, only pairs across sources. -#}
{%- set config = identity_resolution_config() -%}
{%- set across_sources = (
    'l.source_system <> r.source_system' if config.link_type == 'link_only' else '1 = 1'
) -%}
with

kept_keys as (

    select * from {{ ref('int_profile_blocking_keys') }}
    where block_size between 2 and {{ config.blocking.get('max_block_size', 200) }}

),

rule_pairs as (

    select
        l.profile_record_id as profile_record_id_l,
        r.profile_record_id as profile_record_id_r,
        l.blocking_rule_number

    from kept_keys as l
    inner join kept_keys as r
        on
            l.blocking_rule_number = r.blocking_rule_number
            and l.block_key = r.block_key
            and l.profile_record_id < r.profile_record_id
            and {{ across_sources }}

),

final as (

    select
        profile_record_id_l,
        profile_record_id_r,
        case min(blocking_rule_number)
            {%- for rule in config.blocking.rules %}
                when {{ loop.index }} then '{{ rule.name }}'
            {%- endfor %}
        end as first_blocking_rule,
        sum(distinct cast(power(2, blocking_rule_number - 1) as {{ dbt.type_bigint() }}))
            as blocking_rule_mask

    from rule_pairs
    group by profile_record_id_l, profile_record_id_r

)

select * from final
