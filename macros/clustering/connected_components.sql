{#- Connected components of an undirected graph in plain SQL: every node gets
    the smallest node id reachable from it. Each round takes the smallest
    label among a node and its neighbours, then jumps pointers (a node takes
    its label's label), so a chain of n links settles in about log2(n)
    rounds rather than n. dbt cannot loop until a fixed point, so the rounds
    are unrolled; the output's is_converged says whether the last round
    changed anything (a test asserts it never does).
    nodes: relation with column node_id, or none for the nodes the edges
    touch; edges: relation with node_id_l, node_id_r. Returns a select of
    (node_id, component_id, is_converged). -#}
{% macro connected_components(nodes, edges, rounds=12) -%}
    {{ return(adapter.dispatch('connected_components', 'customer_360')(nodes, edges, rounds)) }}
{%- endmacro %}

{#- Portable; Spark has its own (macros/spark/spark__connected_components.sql). -#}
{% macro default__connected_components(nodes, edges, rounds=12) -%}
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

    {%- for round in range(1, rounds + 1) %}

    propagated_{{ round }} as (
        select
            labels.node_id,
            least(labels.label, coalesce(min(neighbour_labels.label), labels.label)) as label
        from labels_{{ round - 1 }} as labels
        left join neighbours
            on labels.node_id = neighbours.node_id
        left join labels_{{ round - 1 }} as neighbour_labels
            on neighbours.neighbour_id = neighbour_labels.node_id
        group by labels.node_id, labels.label
    ),

    labels_{{ round }} as (
        select
            propagated.node_id,
            least(propagated.label, pointed.label) as label
        from propagated_{{ round }} as propagated
        inner join propagated_{{ round }} as pointed
            on propagated.label = pointed.node_id
    ),
    {%- endfor %}

    final as (
        select
            last_round.node_id,
            last_round.label as component_id,
            last_round.label = previous_round.label as is_converged
        from labels_{{ rounds }} as last_round
        inner join labels_{{ rounds - 1 }} as previous_round
            on last_round.node_id = previous_round.node_id
    )

    select * from final
{%- endmacro %}
