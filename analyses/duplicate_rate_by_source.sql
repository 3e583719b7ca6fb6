-- How duplicated each source system is: its records, the unified profiles
-- they resolve to, the records beyond the first of a profile in the same
-- source (duplicates within the source) and the share of its profiles that
-- other sources hold too.
with

identity_graph as (

    select * from {{ ref('fct_identity_graph') }}

),

profile_sources as (

    select
        unified_profile_id,
        count(distinct source_system) as source_count

    from identity_graph
    group by unified_profile_id

),

source_profiles as (

    select
        identity_graph.source_system,
        identity_graph.unified_profile_id,
        profile_sources.source_count,
        count(*) as record_count

    from identity_graph
    inner join profile_sources
        on identity_graph.unified_profile_id = profile_sources.unified_profile_id
    group by
        identity_graph.source_system,
        identity_graph.unified_profile_id,
        profile_sources.source_count

),

final as (

    select
        source_system,
        sum(record_count) as records,
        count(*) as unified_profiles,
        sum(record_count) - count(*) as duplicate_records,
        1.0 * (sum(record_count) - count(*)) / sum(record_count) as duplicate_rate,
        sum(case when record_count > 1 then 1 else 0 end) as profiles_with_duplicates,
        1.0 * sum(case when source_count > 1 then 1 else 0 end) / count(*)
            as shared_with_other_sources_rate

    from source_profiles
    group by source_system

)

select * from final
order by duplicate_rate desc
