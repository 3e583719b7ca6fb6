{#- Every person record with the cluster it belongs to: the connected
    components of the linked pairs that survived the over-linking guards
    (int_profile_pairs_linked). A record with no link is a cluster of one.
    cluster_id is the smallest profile_record_id of the cluster. -#}
with

nodes as (

    select profile_record_id as node_id from {{ ref('int_profiles_normalized') }}

),

edges as (

    select
        profile_record_id_l as node_id_l,
        profile_record_id_r as node_id_r

    from {{ ref('int_profile_pairs_linked') }}
    where cut_reason is null

),

components as (

    {{ connected_components('nodes', 'edges') }}

),

final as (

    select
        node_id as profile_record_id,
        component_id as cluster_id,
        is_converged,
        count(*) over (partition by component_id) as cluster_size

    from components

)

select * from final
