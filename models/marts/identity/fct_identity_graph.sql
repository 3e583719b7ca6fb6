{{ config(post_hook="{{ export_to_lake('identity_graph') }}") }}
{#- The identity graph: every source record and the unified profile it
    belongs to, with the rules that linked it to its cluster. -#}
with

profiles as (

    select * from {{ ref('int_profiles_normalized') }}

),

clusters as (

    select * from {{ ref('int_profile_clusters') }}

),

pairs as (

    select * from {{ ref('int_profile_pairs_matched') }}

),

record_rules as (

    select
        profile_record_id_l as profile_record_id,
        match_rules
    from pairs
    union all
    select
        profile_record_id_r as profile_record_id,
        match_rules
    from pairs

),

rules_per_record as (

    select
        profile_record_id,
        count(*) as matched_pair_count,
        {{ dbt.listagg('distinct match_rules', "'; '", 'order by match_rules') }}
            as match_rules

    from record_rules
    group by profile_record_id

),

final as (

    select
        profiles.profile_record_id,
        profiles.source_system,
        profiles.source_record_id,
        {{ unified_profile_id('clusters.cluster_id') }} as unified_profile_id,
        clusters.cluster_size,
        coalesce(rules_per_record.matched_pair_count, 0) as matched_pair_count,
        rules_per_record.match_rules,
        profiles.updated_at

    from profiles
    inner join clusters
        on profiles.profile_record_id = clusters.profile_record_id
    left join rules_per_record
        on profiles.profile_record_id = rules_per_record.profile_record_id

)

select * from final
