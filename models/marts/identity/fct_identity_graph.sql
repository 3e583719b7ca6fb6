{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook=["{{ stage_reprofiled_profiles() }}", "{{ delete_reprofiled_rows() }}"],
    post_hook=["{{ drop_work_table('reprofiled') }}", "{{ export_to_lake('identity_graph') }}"],
) }}
{#- The identity graph: every source record and the unified profile it
    belongs to, with the evidence that put it there: how many links join it
    to its cluster, the strongest link's probability and explanation (each
    comparison's level and weight), and the deterministic rules among its
    links.
    Incremental: a run builds again only the profiles holding a record that
    int_profile_clusters clustered again since (stage_reprofiled_profiles). -#}
with

profiles as (

    select * from {{ ref('int_profiles_normalized') }}

),

clusters as (

    select * from {{ ref('int_profile_clusters') }}

),

ids as (

    select * from {{ ref('int_unified_profile_ids') }}
    where is_current and {{ is_reprofiled() }}

),

links as (

    select * from {{ ref('int_profile_pairs_linked') }}
    where cut_reason is null
    {%- if is_incremental() %}
        and profile_record_id_l in (select ids.profile_record_id from ids)
    {%- endif %}

),

record_links as (

    select
        profile_record_id_l as profile_record_id,
        match_probability,
        match_weight,
        deterministic_rule,
        explanation
    from links
    union all
    select
        profile_record_id_r as profile_record_id,
        match_probability,
        match_weight,
        deterministic_rule,
        explanation
    from links

),

ranked_links as (

    select
        *,
        row_number() over (
            partition by profile_record_id
            order by match_weight desc, explanation asc
        ) as link_rank,
        count(*) over (partition by profile_record_id) as link_count

    from record_links

),

rules_per_record as (

    select
        profile_record_id,
        {{ distinct_sorted_text('deterministic_rule', "', '") }}
            as deterministic_rules

    from record_links
    where deterministic_rule is not null
    group by profile_record_id

),

final as (

    select
        profiles.profile_record_id,
        profiles.source_system,
        profiles.source_record_id,
        ids.unified_profile_id,
        clusters.cluster_size,
        ranked_links.match_probability as strongest_link_probability,
        ranked_links.explanation as strongest_link_explanation,
        rules_per_record.deterministic_rules,
        profiles.updated_at,
        coalesce(ranked_links.link_count, 0) as link_count,
        {{ clustered_at() }} as clustered_at

    from profiles
    inner join clusters
        on profiles.profile_record_id = clusters.profile_record_id
    inner join ids
        on profiles.profile_record_id = ids.profile_record_id
    left join ranked_links
        on
            profiles.profile_record_id = ranked_links.profile_record_id
            and ranked_links.link_rank = 1
    left join rules_per_record
        on profiles.profile_record_id = rules_per_record.profile_record_id

)

select * from final
