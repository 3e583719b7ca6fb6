-- pair_components: every row here is a failure (a pair missing, a pair that
-- should not be there, a wrong component on either end, or a duplicate lost).
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

    select * from (
        values
        ('a1', 'a2', 'a', 'a'),
        ('a3', 'b1', 'a', 'b'),
        ('c1', 'b2', 'c', 'b'),
        ('b1', 'b2', 'b', 'b'),
        ('b1', 'b2', 'b', 'b')
    ) as fixture (node_id_l, node_id_r, component_id_l, component_id_r)

),

found as (

    {{ pair_components('fixture_pairs', 'fixture_components') }}

),

-- the rows found and expected as multisets: a row missing, extra, with a
-- wrong component or a wrong number of copies fails
failures as (

    select 'missing' as failure, * from (
        select * from expected
        except all
        select * from found
    ) as missing
    union all
    select 'unexpected' as failure, * from (
        select * from found
        except all
        select * from expected
    ) as unexpected

)

select * from failures
