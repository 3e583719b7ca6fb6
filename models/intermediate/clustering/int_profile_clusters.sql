{#- Every profile record with the cluster it belongs to: the connected
    components of the matched pairs. A record with no match is a cluster of
    one. cluster_id is the smallest profile_record_id of the cluster. -#}
with

nodes as (

    select profile_record_id as node_id from {{ ref('int_profiles_normalized') }}

),

edges as (

    select
        profile_record_id_l as node_id_l,
        profile_record_id_r as node_id_r

    from {{ ref('int_profile_pairs_matched') }}

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
