{#- Blocking key values held by more records than blocking.max_block_size:
    they were not joined (n records would make n*(n-1)/2 pairs). A
    call-centre number, test@test.com, a null-like placeholder. -#}
{%- set config = identity_resolution_config() -%}
with

blocking_keys as (

    select
        *,
        count(*) over (partition by blocking_rule, block_key) as block_size

    from {{ ref('int_profile_blocking_keys') }}

),

final as (

    select
        blocking_rule,
        block_key,
        max(block_size) as block_size,
        max(block_size) * (max(block_size) - 1) / 2 as pairs_skipped

    from blocking_keys
    where block_size > {{ config.blocking.get('max_block_size', 200) }}
    group by blocking_rule, block_key

)

select * from final
