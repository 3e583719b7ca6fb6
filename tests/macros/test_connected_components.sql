-- connected_components: every row here is a failure (a node missing, a node
-- that should not be there, a wrong component or a round that did not settle).
with

graph_nodes as (

    select * from (
        values
        ('n11'), ('n12'), ('n13'), ('n14'), ('n15'), ('n16'), ('n17'), ('n18'), ('n19'),
        ('n30'),
        ('n40'),
        ('n50'), ('n51'), ('n52'),
        ('n60')
    ) as fixture (node_id)

),

graph_edges as (

    select * from (
        values
        -- a chain whose ids zigzag: n19 - n11 - n18 - n12 - ... - n15
        ('n19', 'n11'),
        ('n11', 'n18'),
        ('n18', 'n12'),
        ('n12', 'n17'),
        ('n17', 'n13'),
        ('n13', 'n16'),
        ('n16', 'n14'),
        ('n14', 'n15'),
        -- an edge to a record that is not a node (n99)
        ('n40', 'n99'),
        -- a cycle
        ('n50', 'n52'),
        ('n52', 'n51'),
        ('n51', 'n50'),
        -- a loop
        ('n60', 'n60')
    ) as fixture (node_id_l, node_id_r)

),

expected as (

    select * from (
        values
        ('given nodes', 'n11', 'n11'),
        ('given nodes', 'n12', 'n11'),
        ('given nodes', 'n13', 'n11'),
        ('given nodes', 'n14', 'n11'),
        ('given nodes', 'n15', 'n11'),
        ('given nodes', 'n16', 'n11'),
        ('given nodes', 'n17', 'n11'),
        ('given nodes', 'n18', 'n11'),
        ('given nodes', 'n19', 'n11'),
        ('given nodes', 'n30', 'n30'),
        ('given nodes', 'n40', 'n40'),
        ('given nodes', 'n50', 'n50'),
        ('given nodes', 'n51', 'n50'),
        ('given nodes', 'n52', 'n50'),
        ('given nodes', 'n60', 'n60'),
        ('edge nodes', 'n11', 'n11'),
        ('edge nodes', 'n12', 'n11'),
        ('edge nodes', 'n13', 'n11'),
        ('edge nodes', 'n14', 'n11'),
        ('edge nodes', 'n15', 'n11'),
        ('edge nodes', 'n16', 'n11'),
        ('edge nodes', 'n17', 'n11'),
        ('edge nodes', 'n18', 'n11'),
        ('edge nodes', 'n19', 'n11'),
        ('edge nodes', 'n40', 'n40'),
        ('edge nodes', 'n99', 'n40'),
        ('edge nodes', 'n50', 'n50'),
        ('edge nodes', 'n51', 'n50'),
        ('edge nodes', 'n52', 'n50'),
        ('edge nodes', 'n60', 'n60')
    ) as fixture (graph, node_id, component_id)

),

given_nodes as (

    {{ connected_components('graph_nodes', 'graph_edges') }}

),

edge_nodes as (

    {{ connected_components(none, 'graph_edges') }}

),

found as (

    select
        'given nodes' as graph,
        node_id,
        component_id,
        is_converged
    from given_nodes
    union all
    select
        'edge nodes' as graph,
        node_id,
        component_id,
        is_converged
    from edge_nodes

),

failures as (

    select
        coalesce(found.graph, expected.graph) as graph,
        coalesce(found.node_id, expected.node_id) as node_id,
        expected.component_id as expected_component_id,
        found.component_id as found_component_id,
        found.is_converged

    from found
    full outer join expected
        on
            found.graph = expected.graph
            and found.node_id = expected.node_id
    where
        found.node_id is null
        or expected.node_id is null
        or found.component_id <> expected.component_id
        or not found.is_converged

)

select * from failures
