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

{#- Portable; Spark has its own (macros/spark/spark__connected_components.sql).
    The nodes are numbered in id order first and the rounds work on the
    numbers: every round's labels are two integers a node instead of two
    strings (docs/benchmarks.md). The smallest number of a component is its
    smallest id, so the output is the same. -#}
{% macro default__connected_components(nodes, edges, rounds=12) -%}
    with

    node_ids as (
        {%- if nodes is none %}
        select node_id_l as node_id from {{ edges }}
        union
        select node_id_r as node_id from {{ edges }}
        {%- else %}
        select node_id from {{ nodes }}
        {%- endif %}
    ),

    node_numbers as (
        select
            node_id,
            row_number() over (order by node_id) as node_number
        from node_ids
    ),

    -- edges between two nodes of the graph, as numbers
    numbered_edges as (
        select
            numbers_l.node_number as node_number_l,
            numbers_r.node_number as node_number_r
        from {{ edges }} as edges
        inner join node_numbers as numbers_l
            on edges.node_id_l = numbers_l.node_id
        inner join node_numbers as numbers_r
            on edges.node_id_r = numbers_r.node_id
    ),

    neighbours as (
        select node_number_l as node_number, node_number_r as neighbour_number
        from numbered_edges
        union all
        select node_number_r as node_number, node_number_l as neighbour_number
        from numbered_edges
    ),

    labels_0 as (
        select node_number, node_number as label from node_numbers
    ),

    {%- for round in range(1, rounds + 1) %}

    propagated_{{ round }} as (
        select
            labels.node_number,
            least(labels.label, coalesce(min(neighbour_labels.label), labels.label)) as label
        from labels_{{ round - 1 }} as labels
        left join neighbours
            on labels.node_number = neighbours.node_number
        left join labels_{{ round - 1 }} as neighbour_labels
            on neighbours.neighbour_number = neighbour_labels.node_number
        group by labels.node_number, labels.label
    ),

    labels_{{ round }} as (
        select
            propagated.node_number,
            least(propagated.label, pointed.label) as label
        from propagated_{{ round }} as propagated
        inner join propagated_{{ round }} as pointed
            on propagated.label = pointed.node_number
    ),
    {%- endfor %}

    final as (
        select
            numbers.node_id,
            components.node_id as component_id,
            last_round.label = previous_round.label as is_converged
        from labels_{{ rounds }} as last_round
        inner join labels_{{ rounds - 1 }} as previous_round
            on last_round.node_number = previous_round.node_number
        inner join node_numbers as numbers
            on last_round.node_number = numbers.node_number
        inner join node_numbers as components
            on last_round.label = components.node_number
    )

    select * from final
{%- endmacro %}
