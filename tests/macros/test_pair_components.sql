-- pair_components: every row here is a failure (a pair missing, a pair that
-- should not be there, or a wrong component on either end).
with

fixture_components as (

    select * from (
        values
        ('a1', 'a'),
        ('a2', 'a'),
        ('a3', 'a'),
        ('b1', 'b'),
        ('b2', 'b'),
        ('c1', 'c')
    ) as fixture (node_id, component_id)

),

fixture_pairs as (

    select * from (
        values
        -- inside one component
        ('a1', 'a2'),
        -- between two, either way round
        ('a3', 'b1'),
        ('c1', 'b2'),
        -- a pair given twice stays twice
        ('b1', 'b2'),
        ('b1', 'b2'),
        -- an end in no component: left out
        ('a1', 'x9'),
        ('x9', 'c1')
    ) as fixture (node_id_l, node_id_r)

),

expected as (

    select
        node_id_l,
        node_id_r,
        component_id_l,
        component_id_r,
        count(*) as pair_rows
    from (
        values
        ('a1', 'a2', 'a', 'a'),
        ('a3', 'b1', 'a', 'b'),
        ('c1', 'b2', 'c', 'b'),
        ('b1', 'b2', 'b', 'b'),
        ('b1', 'b2', 'b', 'b')
    ) as fixture (node_id_l, node_id_r, component_id_l, component_id_r)
    group by node_id_l, node_id_r, component_id_l, component_id_r

),

found as (

    select
        node_id_l,
        node_id_r,
        component_id_l,
        component_id_r,
        count(*) as pair_rows
    from (
        {{ pair_components('fixture_pairs', 'fixture_components') }}
    ) as pairs
    group by node_id_l, node_id_r, component_id_l, component_id_r

),

failures as (

    select
        coalesce(found.node_id_l, expected.node_id_l) as node_id_l,
        coalesce(found.node_id_r, expected.node_id_r) as node_id_r,
        expected.component_id_l as expected_component_id_l,
        found.component_id_l as found_component_id_l,
        expected.component_id_r as expected_component_id_r,
        found.component_id_r as found_component_id_r,
        expected.pair_rows as expected_pair_rows,
        found.pair_rows as found_pair_rows

    from found
    full outer join expected
        on
            found.node_id_l = expected.node_id_l
            and found.node_id_r = expected.node_id_r
    where
        found.node_id_l is null
        or expected.node_id_l is null
        or found.component_id_l <> expected.component_id_l
        or found.component_id_r <> expected.component_id_r
        or found.pair_rows <> expected.pair_rows

)

select * from failures
