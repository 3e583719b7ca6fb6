{#- Pre-hook of int_profile_pairs_linked: the records whose match components
    this run must link again, into the work table <model>__relinked. The
    guards work within a component of the matches, so a component none of
    whose records changed keeps its rows. Seeds: records new or changed
    since the model last ran, records gone from the build, and the records
    of every reviewer decision. To them come their matches' other records
    and then every record of the components those records were in: a union
    of whole components, before and after, that the model rebuilds. Nothing
    to do on a first build or a full refresh. -#}
{% macro stage_relinked_records() -%}
    {%- if is_incremental() -%}
        {%- set select_sql -%}
            with
            linked as (select * from {{ this }}),
            decided as (
                select profile_record_id_l as profile_record_id
                from {{ ref('int_match_decisions') }}
                union
                select profile_record_id_r from {{ ref('int_match_decisions') }}
            ),
            seeds as (
                {{ changed_profile_records() }}
                union
                {{ departed_profile_records() }}
                union
                select profile_record_id from decided
            ),
            matches as (
                select profile_record_id_l, profile_record_id_r
                from {{ ref('int_profile_pairs_scored') }}
                where decision = 'match'
            ),
            touched as (
                select profile_record_id from seeds
                union
                select matches.profile_record_id_r from matches
                inner join seeds on matches.profile_record_id_l = seeds.profile_record_id
                union
                select matches.profile_record_id_l from matches
                inner join seeds on matches.profile_record_id_r = seeds.profile_record_id
            ),
            touched_components as (
                select distinct linked.match_component_id from linked
                inner join touched on linked.profile_record_id_l = touched.profile_record_id
                union
                select linked.match_component_id from linked
                inner join touched on linked.profile_record_id_r = touched.profile_record_id
            ),
            final as (
                select profile_record_id from touched
                union
                select linked.profile_record_id_l from linked
                inner join touched_components using (match_component_id)
                union
                select linked.profile_record_id_r from linked
                inner join touched_components using (match_component_id)
            )
            select * from final
        {%- endset -%}
        {{ create_work_table(work_table('relinked'), select_sql) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook of int_profile_pairs_linked, after stage_relinked_records: drop
    the rows of the components the run links again. -#}
{% macro delete_relinked_pairs() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where
            profile_record_id_l in (select profile_record_id from {{ work_table('relinked') }})
            or profile_record_id_r in (select profile_record_id from {{ work_table('relinked') }})
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook of int_profile_clusters: the records whose clusters this run
    must find again, into the work table <model>__reclustered. Seeds: the
    records of int_profile_pairs_linked rows written since the clusters were
    last built (linked_at), records new, changed or gone since then, and the
    records of every reviewer decision (a non_match can leave both records
    without links). To them come the other records of their clusters. -#}
{% macro stage_reclustered_records() -%}
    {%- if is_incremental() -%}
        {%- set select_sql -%}
            with
            clusters as (select * from {{ this }}),
            relinked as (
                select profile_record_id_l, profile_record_id_r
                from {{ ref('int_profile_pairs_linked') }}
                where linked_at > (
                    select coalesce(max(linked_at), cast('1900-01-01' as {{ dbt.type_timestamp() }}))
                    from clusters
                )
            ),
            seeds as (
                {{ changed_profile_records() }}
                union
                {{ departed_profile_records() }}
                union
                select profile_record_id_l from relinked
                union
                select profile_record_id_r from relinked
                union
                select profile_record_id_l from {{ ref('int_match_decisions') }}
                union
                select profile_record_id_r from {{ ref('int_match_decisions') }}
            ),
            final as (
                select profile_record_id from seeds
                union
                select clusters.profile_record_id from clusters
                where clusters.cluster_id in (
                    select seeded.cluster_id from clusters as seeded
                    inner join seeds using (profile_record_id)
                )
            )
            select * from final
        {%- endset -%}
        {{ create_work_table(work_table('reclustered'), select_sql) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook of int_profile_clusters, after stage_reclustered_records: drop
    the rows of the records the run clusters again. -#}
{% macro delete_reclustered_records() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where profile_record_id in (
            select profile_record_id from {{ work_table('reclustered') }}
        )
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook of the golden-record models (int_profile_attributes_survived,
    dim_unified_profiles, fct_identity_graph): the unified profiles this run
    must build again, into the work table <model>__reprofiled: the current
    profiles of every record int_profile_clusters clustered again since the
    model last ran (clustered_at), and the profiles the model holds that are
    no longer current (merged away, or their records gone), whose rows are
    only deleted. A profile none of whose records was clustered again has
    the same records and id as before and keeps its rows. -#}
{% macro stage_reprofiled_profiles() -%}
    {%- if is_incremental() -%}
        {%- set select_sql -%}
            with
            current_ids as (
                select * from {{ ref('int_unified_profile_ids') }}
                where is_current
            ),
            reclustered as (
                select profile_record_id from {{ ref('int_profile_clusters') }}
                where clustered_at > (
                    select coalesce(max(clustered_at), cast('1900-01-01' as {{ dbt.type_timestamp() }}))
                    from {{ this }}
                )
            ),
            final as (
                select current_ids.unified_profile_id from current_ids
                inner join reclustered using (profile_record_id)
                union
                select unified_profile_id from {{ this }}
                where unified_profile_id not in (select unified_profile_id from current_ids)
            )
            select * from final
        {%- endset -%}
        {{ create_work_table(work_table('reprofiled'), select_sql) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook after stage_reprofiled_profiles: drop the rows of the profiles
    the run builds again. -#}
{% macro delete_reprofiled_rows() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where unified_profile_id in (
            select unified_profile_id from {{ work_table('reprofiled') }}
        )
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- A where-clause condition keeping, on an incremental run, the unified
    profiles stage_reprofiled_profiles staged (true on a full build). -#}
{% macro is_reprofiled(column='unified_profile_id') -%}
    {%- if is_incremental() -%}
        {{ column }} in (select unified_profile_id from {{ work_table('reprofiled') }})
    {%- else -%}
        1 = 1
    {%- endif -%}
{%- endmacro %}

{#- SQL for the clustered_at a golden-record model stores with the rows it
    writes: the latest of int_profile_clusters, i.e. every clustering so far
    is reflected. -#}
{% macro clustered_at() -%}
    (select max(clustering.clustered_at) from {{ ref('int_profile_clusters') }} as clustering)
{%- endmacro %}
