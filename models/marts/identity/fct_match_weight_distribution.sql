{{ config(post_hook="{{ export_to_lake('match_weight_distribution') }}") }}
{#- How the scored candidate pairs spread over match weight: one row per
    decision (match, review, non_match) and one-unit weight bin (the floor
    of the pair's match weight), with the pairs in it. The dashboard draws
    the distribution from it; a healthy model shows two humps, non-matches
    well below zero and matches well above, with few pairs between. -#}
with

scored_pairs as (

    select * from {{ ref('int_profile_pairs_scored') }}

),

binned as (

    select
        decision,
        {{ dbt.cast('floor(match_weight)', dbt.type_int()) }} as match_weight_bin

    from scored_pairs

),

final as (

    select
        decision,
        match_weight_bin,
        count(*) as pair_count

    from binned
    group by decision, match_weight_bin

)

select * from final
