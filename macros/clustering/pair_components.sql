{#- The component of each end of a set of pairs: a select of (node_id_l,
    node_id_r, component_id_l, component_id_r), one row per row of pairs
    whose two ends are both in components. Two lookups, the first kept
    (materialized_cte) before the second is joined to it: a filter on the
    two component ids (same, or different) is then a condition of the second
    join, and a planner without estimates cannot join the two lookups to
    each other on it first (all nodes by all nodes on component_id <>
    component_id, or every component squared on component_id =).
    pairs: relation with node_id_l, node_id_r; components: relation with
    node_id, component_id (one row a node). -#}
{% macro pair_components(pairs, components) -%}
    with

    left_components as {{ materialized_cte() }}(
        select
            pairs.node_id_l,
            pairs.node_id_r,
            components.component_id as component_id_l
        from {{ pairs }} as pairs
        inner join {{ components }} as components
            on pairs.node_id_l = components.node_id
    ),

    final as (
        select
            left_components.node_id_l,
            left_components.node_id_r,
            left_components.component_id_l,
            components.component_id as component_id_r
        from left_components
        inner join {{ components }} as components
            on left_components.node_id_r = components.node_id
    )

    select * from final
{%- endmacro %}
