{{ config(
    materialized='incremental',
    unique_key='profile_record_id',
    incremental_strategy=keyed_incremental_strategy(),
    full_refresh=false,
    post_hook="{{ delete_erased_records() }}",
) }}
{#- The persistent id map: every profile record ever clustered and the
    unified_profile_id it holds. State carried from run to run (full_refresh
    is off: only dropping the table forgets the ids). Each cluster of this run
    inherits an id of the previous run:
    - split: an id of the previous run follows the cluster holding most of
      its records (on a tie, the smallest cluster_id); the other parts mint
      new ids;
    - merge: a cluster that inherits several ids keeps the oldest (minted
      first; then the one sharing most records; then the smallest id); the
      others are merged into it;
    - a cluster that inherits none mints an id: 'up_' and a hash of its
      cluster_id when none of its records was ever seen (the id a first
      build gives), of its cluster_id and this run's invocation_id otherwise
      (so a retired id is never minted again).
    A record that leaves the build keeps its last id, with is_current false.
    Incremental: only the clusters whose id can change are assigned again
    (those holding a record that is new, back or moved, or a record of an id
    one of them held); every other row stays as it is. -#}
-- depends_on: {{ ref('privacy_erased_records') }}
with

all_clusters as (

    select * from {{ ref('int_profile_clusters') }}

),

{% if is_incremental() %}

    previous as (

        select * from {{ this }}

    ),

    -- records new, back, or in another cluster than the one their id was
    -- assigned with
    moved_records as (

        select
            all_clusters.profile_record_id,
            all_clusters.cluster_id

        from all_clusters
        left join previous
            on all_clusters.profile_record_id = previous.profile_record_id
        where
            previous.profile_record_id is null
            or not previous.is_current
            or previous.cluster_id <> all_clusters.cluster_id

    ),

    -- the ids those records held, and the ids of records gone from the build
    touched_ids as (

        select previous.unified_profile_id
        from previous
        inner join moved_records
            on previous.profile_record_id = moved_records.profile_record_id
        where previous.is_current
        union
        select previous.unified_profile_id
        from previous
        left join all_clusters
            on previous.profile_record_id = all_clusters.profile_record_id
        where previous.is_current and all_clusters.profile_record_id is null

    ),

    -- the clusters whose id can change: those of moved records and every
    -- cluster holding a record of a touched id. Clustering rebuilds whole
    -- clusters, so any other cluster holds exactly the records of one
    -- previous id and keeps it: its rows are left as they are.
    scoped_clusters as (

        select cluster_id from moved_records
        union
        select all_clusters.cluster_id
        from all_clusters
        inner join previous
            on all_clusters.profile_record_id = previous.profile_record_id
        inner join touched_ids
            on previous.unified_profile_id = touched_ids.unified_profile_id
        where previous.is_current

    ),

    clusters as (

        select all_clusters.*
        from all_clusters
        inner join scoped_clusters
            on all_clusters.cluster_id = scoped_clusters.cluster_id

    ),

{% else %}

    clusters as (

        select * from all_clusters

    ),

    previous as (

        select
            cast(null as {{ dbt.type_string() }}) as profile_record_id,
            cast(null as {{ dbt.type_string() }}) as cluster_id,
            cast(null as {{ dbt.type_string() }}) as unified_profile_id,
            cast(null as {{ dbt.type_timestamp() }}) as unified_profile_id_minted_at,
            cast(null as {{ dbt.type_string() }}) as previous_unified_profile_id,
            cast(null as {{ dbt.type_boolean() }}) as is_current,
            cast(null as {{ dbt.type_timestamp() }}) as first_assigned_at,
            cast(null as {{ dbt.type_timestamp() }}) as id_changed_at,
            cast(null as {{ dbt.type_string() }}) as id_changed_run_id

        where 1 = 0

    ),

{% endif %}

previous_current as (

    select * from previous
    where is_current

),

-- how many records of each previous id each cluster holds
id_overlaps as (

    select
        clusters.cluster_id,
        previous_current.unified_profile_id as previous_id,
        min(previous_current.unified_profile_id_minted_at) as minted_at,
        count(*) as shared_records

    from clusters
    inner join previous_current
        on clusters.profile_record_id = previous_current.profile_record_id
    group by clusters.cluster_id, previous_current.unified_profile_id

),

-- each previous id follows the cluster holding most of its records
heirs as (

    select
        *,
        row_number() over (
            partition by previous_id
            order by shared_records desc, cluster_id asc
        ) as heir_rank

    from id_overlaps

),

-- a cluster heir to several ids keeps the oldest
kept_ids as (

    select
        cluster_id,
        previous_id,
        minted_at,
        row_number() over (
            partition by cluster_id
            order by minted_at asc, shared_records desc, previous_id asc
        ) as keep_rank

    from heirs
    where heir_rank = 1

),

cluster_history as (

    select
        clusters.cluster_id,
        count(previous.profile_record_id) as seen_records

    from clusters
    left join previous
        on clusters.profile_record_id = previous.profile_record_id
    group by clusters.cluster_id

),

assigned as (

    select
        cluster_history.cluster_id,
        coalesce(
            kept_ids.previous_id,
            case
                when cluster_history.seen_records = 0
                    then {{ unified_profile_id('cluster_history.cluster_id') }}
                else {{ unified_profile_id(dbt.concat([
                    'cluster_history.cluster_id', "'|" ~ invocation_id ~ "'"])) }}
            end
        ) as unified_profile_id,
        coalesce(kept_ids.minted_at, {{ run_timestamp() }}) as unified_profile_id_minted_at

    from cluster_history
    left join kept_ids
        on
            cluster_history.cluster_id = kept_ids.cluster_id
            and kept_ids.keep_rank = 1

),

current_records as (

    select
        clusters.profile_record_id,
        clusters.cluster_id,
        assigned.unified_profile_id,
        assigned.unified_profile_id_minted_at,
        previous.unified_profile_id as previous_unified_profile_id,
        true as is_current,
        coalesce(previous.first_assigned_at, {{ run_timestamp() }}) as first_assigned_at,
        case
            when previous.unified_profile_id = assigned.unified_profile_id
                then previous.id_changed_at
            else {{ run_timestamp() }}
        end as id_changed_at,
        case
            when previous.unified_profile_id = assigned.unified_profile_id
                then previous.id_changed_run_id
            else '{{ invocation_id }}'
        end as id_changed_run_id

    from clusters
    inner join assigned
        on clusters.cluster_id = assigned.cluster_id
    left join previous
        on clusters.profile_record_id = previous.profile_record_id

),

-- records no longer in the build keep their last id (written once, when
-- they leave)
departed_records as (

    select
        previous.profile_record_id,
        previous.cluster_id,
        previous.unified_profile_id,
        previous.unified_profile_id_minted_at,
        previous.unified_profile_id as previous_unified_profile_id,
        false as is_current,
        previous.first_assigned_at,
        previous.id_changed_at,
        previous.id_changed_run_id

    from previous
    left join all_clusters
        on previous.profile_record_id = all_clusters.profile_record_id
    where previous.is_current and all_clusters.profile_record_id is null

),

final as (

    select * from current_records
    union all
    select * from departed_records

)

select * from final
