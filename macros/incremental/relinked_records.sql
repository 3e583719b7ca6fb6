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
            linked_records as (
                select profile_record_id_l as profile_record_id from linked
                union
                select profile_record_id_r from linked
            ),
            decided as (
                select profile_record_id_l as profile_record_id
                from {{ ref('int_match_decisions') }}
                union
                select profile_record_id_r from {{ ref('int_match_decisions') }}
            ),
            seeds as (
                {{ changed_profile_records() }}
                union
                select profile_record_id from linked_records
                where profile_record_id not in (
                    select profile_record_id from {{ ref('int_profiles_normalized') }}
                )
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
                select profile_record_id from clusters
                where profile_record_id not in (
                    select profile_record_id from {{ ref('int_profiles_normalized') }}
                )
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

{#- Post-hook: drop a work table once the model has used it. -#}
{% macro drop_work_table(suffix) -%}
    drop table if exists {{ work_table(suffix) }}
{%- endmacro %}
