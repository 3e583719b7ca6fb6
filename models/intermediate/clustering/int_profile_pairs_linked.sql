{#- The matched pairs (decision = match) that clustering may join, after the
    over-linking guards; a pair the guards cut carries its cut_reason and
    goes to the review queue instead:
    - uncorroborated_bridge: in a first-pass component of three or more
      records, a pair below clustering.strong_match_probability whose two
      records share no matched neighbour (a weak bridge between two groups);
    - oversized_cluster: in a first-pass component larger than
      clustering.max_cluster_size, any pair below that probability.
    Pairs that meet a deterministic rule are never cut. -#}
{%- set config = identity_resolution_config() -%}
{%- set clustering = config.clustering -%}
{%- set strong_probability = clustering.get('strong_match_probability', 0.9999) -%}
{%- set strong_weight = probability_to_weight(strong_probability) -%}
with

matches as (

    select * from {{ ref('int_profile_pairs_scored') }}
    where decision = 'match'

),

edges as (

    select
        profile_record_id_l as node_id_l,
        profile_record_id_r as node_id_r

    from matches

),

nodes as (

    select node_id_l as node_id from edges
    union
    select node_id_r as node_id from edges

),

components as (

    {{ connected_components('nodes', 'edges') }}

),

component_sizes as (

    select
        node_id,
        count(*) over (partition by component_id) as component_size

    from components

),

neighbours as (

    select
        node_id_l as node_id,
        node_id_r as neighbour_id
    from edges
    union all
    select
        node_id_r as node_id,
        node_id_l as neighbour_id
    from edges

),

shared_neighbours as (

    select
        edges.node_id_l,
        edges.node_id_r,
        count(*) as shared_neighbour_count

    from edges
    inner join neighbours as neighbours_l
        on edges.node_id_l = neighbours_l.node_id
    inner join neighbours as neighbours_r
        on
            edges.node_id_r = neighbours_r.node_id
            and neighbours_l.neighbour_id = neighbours_r.neighbour_id
    group by edges.node_id_l, edges.node_id_r

),

final as (

    select
        matches.profile_record_id_l,
        matches.profile_record_id_r,
        matches.match_weight,
        matches.match_probability,
        matches.deterministic_rule,
        matches.explanation,
        component_sizes.component_size,
        coalesce(shared_neighbours.shared_neighbour_count, 0) as shared_neighbour_count,
        case
            when matches.deterministic_rule is not null then null
            when
                component_sizes.component_size > {{ clustering.get('max_cluster_size', 50) }}
                and matches.match_weight < {{ strong_weight }}
                then 'oversized_cluster'
            when
                component_sizes.component_size >= 3
                and shared_neighbours.shared_neighbour_count is null
                and matches.match_weight < {{ strong_weight }}
                then 'uncorroborated_bridge'
        end as cut_reason

    from matches
    inner join component_sizes
        on matches.profile_record_id_l = component_sizes.node_id
    left join shared_neighbours
        on
            matches.profile_record_id_l = shared_neighbours.node_id_l
            and matches.profile_record_id_r = shared_neighbours.node_id_r

)

select * from final
