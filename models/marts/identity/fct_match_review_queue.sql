{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook=["{{ stage_requeued_records() }}", "{{ delete_requeued_pairs() }}"],
    post_hook=[
        "{{ drop_work_table('requeued') }}",
        "{{ rank_review_queue() }}",
        "{{ export_to_lake('match_review_queue') }}",
    ],
) }}
{#- Pairs of records a person should decide on: pairs scored between
    scoring.review_probability and scoring.match_probability (uncertain),
    likely pairs whose only agreement is on what a household shares
    (shared_keys_only), and matches the clustering guards cut
    (cannot_link, oversized_cluster, reviewer_non_match), less the pairs a
    reviewer has decided (int_match_decisions). One row per pair with both
    records side by side and each comparison's level and weight, ranked most
    consequential first: by how many records a decision would move (the two
    records' clusters), then by probability.
    Incremental: a run builds again only the pairs holding a record new,
    changed, gone or clustered again since the queue last ran, or named by a
    reviewer decision (stage_requeued_records); the other pairs keep their
    rows. review_rank orders the whole queue: a run's new rows get theirs
    from rank_review_queue, which ranks the queue again once they are in. -#}
{%- set config = identity_resolution_config() -%}
-- depends_on: {{ ref('int_match_decisions') }}
with

profiles as (

    select * from {{ ref('int_profiles_normalized') }}

),

clusters as (

    select * from {{ ref('int_profile_clusters') }}

),

decisions as (

    select * from {{ ref('int_match_decisions') }}

),

scored_for_review as (

    select
        profile_record_id_l,
        profile_record_id_r,
        match_probability,
        match_weight,
        {{ pair_explanation(config.comparisons) }} as explanation,
        review_reason

    from {{ ref('int_profile_pairs_scored') }}
    where decision = 'review'
    {%- if is_incremental() %}
        and (
            profile_record_id_l in (select profile_record_id from {{ work_table('requeued') }})
            or profile_record_id_r in (
                select profile_record_id from {{ work_table('requeued') }}
            )
        )
    {%- endif %}

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
    {%- if is_incremental() %}
        and (
            profile_record_id_l in (select profile_record_id from {{ work_table('requeued') }})
            or profile_record_id_r in (
                select profile_record_id from {{ work_table('requeued') }}
            )
        )
    {%- endif %}

),

queued as (

    select * from scored_for_review
    union all
    select * from cut_links

),

undecided as (

    select queued.*

    from queued
    left join decisions
        on
            queued.profile_record_id_l = decisions.profile_record_id_l
            and queued.profile_record_id_r = decisions.profile_record_id_r
    where decisions.profile_record_id_l is null

),

sized as (

    select
        undecided.*,
        clusters_l.cluster_size as cluster_size_l,
        clusters_r.cluster_size as cluster_size_r,
        case
            when clusters_l.cluster_id = clusters_r.cluster_id
                then clusters_l.cluster_size
            else clusters_l.cluster_size + clusters_r.cluster_size
        end as affected_records

    from undecided
    inner join clusters as clusters_l
        on undecided.profile_record_id_l = clusters_l.profile_record_id
    inner join clusters as clusters_r
        on undecided.profile_record_id_r = clusters_r.profile_record_id

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            'sized.profile_record_id_l', "'|'", 'sized.profile_record_id_r'
        ])) }} as review_pair_id,
        {%- if is_incremental() %}
            cast(null as {{ dbt.type_bigint() }}) as review_rank,
        {%- else %}
            row_number() over (
                order by
                    sized.affected_records desc,
                    sized.match_probability desc,
                    sized.profile_record_id_l asc,
                    sized.profile_record_id_r asc
            ) as review_rank,
        {%- endif %}
        sized.profile_record_id_l,
        sized.profile_record_id_r,
        l.source_system as source_system_l,
        l.source_record_id as source_record_id_l,
        r.source_system as source_system_r,
        r.source_record_id as source_record_id_r,
        sized.review_reason,
        sized.match_probability,
        sized.match_weight,
        sized.explanation,
        sized.cluster_size_l,
        sized.cluster_size_r,
        sized.affected_records,
        {%- for side in ['l', 'r'] %}
            {{ side }}.first_name as first_name_{{ side }},
            {{ side }}.last_name as last_name_{{ side }},
            {{ side }}.birth_date as birth_date_{{ side }},
            {{ side }}.email as email_{{ side }},
            {{ side }}.phone as phone_{{ side }},
            {{ side }}.street as street_{{ side }},
            {{ side }}.postal_code as postal_code_{{ side }},
        {%- endfor %}
        l.updated_at as updated_at_l,
        r.updated_at as updated_at_r,
        {{ normalized_sequence() }} as normalized_sequence,
        {{ clustered_at() }} as clustered_at,
        {{ run_timestamp(precise=true) }} as queued_at

    from sized
    inner join profiles as l
        on sized.profile_record_id_l = l.profile_record_id
    inner join profiles as r
        on sized.profile_record_id_r = r.profile_record_id

)

select * from final
