{{ config(post_hook="{{ export_to_lake('match_review_queue') }}") }}
{#- Pairs of records a person should decide on: pairs scored between
    scoring.review_probability and scoring.match_probability (uncertain),
    likely pairs whose only agreement is on what a household shares
    (shared_keys_only), and matches the clustering guards cut
    (cannot_link, oversized_cluster). One row per pair, strongest
    evidence first, with each comparison's level and weight. -#}
with

profiles as (

    select * from {{ ref('int_profiles_normalized') }}

),

scored_for_review as (

    select
        profile_record_id_l,
        profile_record_id_r,
        match_probability,
        match_weight,
        explanation,
        review_reason

    from {{ ref('int_profile_pairs_scored') }}
    where decision = 'review'

),

cut_links as (

    select
        profile_record_id_l,
        profile_record_id_r,
        match_probability,
        match_weight,
        explanation,
        cut_reason as review_reason

    from {{ ref('int_profile_pairs_linked') }}
    where cut_reason is not null

),

queued as (

    select * from scored_for_review
    union all
    select * from cut_links

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            'queued.profile_record_id_l', "'|'", 'queued.profile_record_id_r'
        ])) }} as review_pair_id,
        queued.profile_record_id_l,
        queued.profile_record_id_r,
        l.source_system as source_system_l,
        l.source_record_id as source_record_id_l,
        r.source_system as source_system_r,
        r.source_record_id as source_record_id_r,
        queued.review_reason,
        queued.match_probability,
        queued.match_weight,
        queued.explanation

    from queued
    inner join profiles as l
        on queued.profile_record_id_l = l.profile_record_id
    inner join profiles as r
        on queued.profile_record_id_r = r.profile_record_id

)

select * from final
