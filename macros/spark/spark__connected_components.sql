{#- Spark's connected_components (macros/clustering): every node gets the
    smallest node id reachable from it, as on DuckDB, but each round reads
    the previous round once. Spark inlines a CTE at every place it is read,
    so DuckDB's rounds (each reading the previous round twice, to jump
    pointers) would make a plan of 4^rounds copies. Here a round gives each
    node the smallest label among itself and its neighbours (one join, one
    group by): a path of n links settles in n rounds rather than log2(n), so
    Spark runs 2 * rounds rounds (24 by default: components whose longest
    shortest path is at most 24 links). is_converged says whether the last
    round changed anything, as on DuckDB (a test asserts it never does). -#}
{% macro spark__connected_components(nodes, edges, rounds=12) -%}
    {%- set steps = 2 * rounds -%}
    with

    neighbours as (
        select node_id_l as node_id, node_id_r as neighbour_id from {{ edges }}
        union all
        select node_id_r as node_id, node_id_l as neighbour_id from {{ edges }}
    ),

    labels_0 as (
        {%- if nodes is none %}
        select node_id_l as node_id, node_id_l as label from {{ edges }}
        union
        select node_id_r as node_id, node_id_r as label from {{ edges }}
        {%- else %}
        select node_id, node_id as label from {{ nodes }}
        {%- endif %}
    ),

    -- each node, itself and its neighbours that are nodes of the graph
    reachable as (
        select node_id, node_id as neighbour_id from labels_0
        union
        select neighbours.node_id, neighbours.neighbour_id
        from neighbours
        left semi join labels_0
            on neighbours.node_id = labels_0.node_id
    ),

    {%- for step in range(1, steps + 1) %}

    labels_{{ step }} as (
        select
            reachable.node_id,
            min(previous_labels.label) as label
        from reachable
        inner join labels_{{ step - 1 }} as previous_labels
            on reachable.neighbour_id = previous_labels.node_id
        group by reachable.node_id
    ),
    {%- endfor %}

    final as (
        select
            last_round.node_id,
            last_round.label as component_id,
            last_round.label = previous_round.label as is_converged
        from labels_{{ steps }} as last_round
        inner join labels_{{ steps - 1 }} as previous_round
            on last_round.node_id = previous_round.node_id
    )

    select * from final
{%- endmacro %}
