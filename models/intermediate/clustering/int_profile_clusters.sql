{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook=["{{ stage_reclustered_records() }}", "{{ delete_reclustered_records() }}"],
    post_hook="{{ drop_work_table('reclustered') }}",
) }}
{#- Every person record with the cluster it belongs to: the connected
    components of the linked pairs that survived the over-linking guards
    (int_profile_pairs_linked). A record with no link is a cluster of one.
    cluster_id is the smallest profile_record_id of the cluster.
    Incremental: a run finds again only the clusters of records whose links
    were rebuilt, that are new, changed or gone, or that a reviewer decided
    on (stage_reclustered_records); the others keep their rows. -#}
-- depends_on: {{ ref('int_match_decisions') }}
with

nodes as (

    select profile_record_id as node_id from {{ ref('int_profiles_normalized') }}
    {%- if is_incremental() %}
    where profile_record_id in (select profile_record_id from {{ work_table('reclustered') }})
    {%- endif %}

),

edges as (

    select
        profile_record_id_l as node_id_l,
        profile_record_id_r as node_id_r

    from {{ ref('int_profile_pairs_linked') }}
    where cut_reason is null
    {%- if is_incremental() %}
        and profile_record_id_l in (
            select profile_record_id from {{ work_table('reclustered') }}
        )
    {%- endif %}

),

components as (

    {{ connected_components('nodes', 'edges') }}

),

final as (

    select
        node_id as profile_record_id,
        component_id as cluster_id,
        is_converged,
        count(*) over (partition by component_id) as cluster_size,
        {{ normalized_sequence() }} as normalized_sequence,
        (
            select max(linked.linked_at) from {{ ref('int_profile_pairs_linked') }} as linked
        ) as linked_at,
        {{ run_timestamp(precise=true) }} as clustered_at

    from components

)

select * from final
