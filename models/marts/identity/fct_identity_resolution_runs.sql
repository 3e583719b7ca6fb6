{{ config(
    materialized='incremental',
    incremental_strategy='append',
    full_refresh=false,
    post_hook="{{ export_to_lake('identity_resolution_runs') }}",
) }}
{#- One row per build, appended (as Amazon Connect's JobStats and AWS Entity
    Resolution's JobMetrics): records resolved, candidate pairs, matches,
    links cut, clusters and unified profiles, the id events of the run
    (fct_unified_profile_id_history) and the review queue's size. -#}
with

ids as (

    select * from {{ ref('int_unified_profile_ids') }}

),

scored as (

    select * from {{ ref('int_profile_pairs_scored') }}

),

linked as (

    select * from {{ ref('int_profile_pairs_linked') }}

),

history as (

    select * from {{ ref('fct_unified_profile_id_history') }}
    where run_id = '{{ invocation_id }}'

),

review_queue as (

    select * from {{ ref('fct_match_review_queue') }}

),

decisions as (

    select * from {{ ref('int_match_decisions') }}

),

record_stats as (

    select
        count(*) filter (where is_current) as records_resolved,
        count(*) filter (where is_current and first_assigned_at = {{ run_timestamp() }})
            as records_new,
        count(*) filter (where not is_current) as records_departed,
        count(distinct case when is_current then unified_profile_id end) as unified_profiles,
        count(*) filter (where is_current and id_changed_run_id = '{{ invocation_id }}')
            as records_changed_id

    from ids

),

pair_stats as (

    select
        count(*) as candidate_pairs,
        count(*) filter (where decision = 'match') as matched_pairs,
        count(*) filter (where decision = 'review') as review_pairs,
        count(*) filter (where deterministic_rule is not null) as deterministic_pairs

    from scored

),

link_stats as (

    select
        count(*) filter (where cut_reason is null) as linked_pairs,
        count(*) filter (where cut_reason is not null) as cut_pairs

    from linked

),

event_stats as (

    select
        count(*) filter (where event_type = 'created') as profiles_created,
        count(distinct case when event_type = 'merged_into' then unified_profile_id end)
            as profiles_merged,
        count(distinct case when event_type = 'split_into' then unified_profile_id end)
            as profiles_split

    from history

),

final as (

    select
        '{{ invocation_id }}' as run_id,
        {{ run_timestamp() }} as run_started_at,
        record_stats.records_resolved,
        record_stats.records_new,
        record_stats.records_departed,
        record_stats.records_changed_id,
        pair_stats.candidate_pairs,
        pair_stats.deterministic_pairs,
        pair_stats.matched_pairs,
        pair_stats.review_pairs,
        link_stats.linked_pairs,
        link_stats.cut_pairs,
        record_stats.unified_profiles,
        event_stats.profiles_created,
        event_stats.profiles_merged,
        event_stats.profiles_split,
        (select count(*) from review_queue) as review_queue_pairs,
        (select count(*) from decisions) as reviewer_decisions

    from record_stats
    cross join pair_stats
    cross join link_stats
    cross join event_stats

)

select * from final
