-- comparison_level_condition for the name levels (swapped with and without a
-- threshold, initial): every row here is a failure.
with

cases as (

    select * from (
        values
        ('john', 'doe', 'doe', 'john', true, true, false),
        ('robert', 'davidson', 'davidzson', 'robeet', false, true, false),
        ('john', 'doe', 'jane', 'doe', false, false, false),
        ('n', 'newman', 'nancy', 'newman', false, false, true),
        ('nancy', 'newman', 'n', 'newman', false, false, true),
        ('nancy', 'newman', 'm', 'newman', false, false, false),
        ('nancy', 'newman', 'nadia', 'newman', false, false, false)
    ) as fixture (
        first_name_l, last_name_l, first_name_r, last_name_r,
        expected_swapped, expected_swapped_fuzzy, expected_initial
    )

),

pairs as (

    select
        cases.*,
        {{ comparison_level_condition({'type': 'swapped', 'with': 'last_name_l'},
            'first_name_l', 'cases', 'mirrored') }} as is_swapped,
        {{ comparison_level_condition({'type': 'swapped', 'with': 'last_name_l', 'threshold': 0.92},
            'first_name_l', 'cases', 'mirrored') }} as is_swapped_fuzzy,
        {{ comparison_level_condition({'type': 'initial'}, 'first_name_l', 'cases', 'mirrored') }}
            as is_initial
    from cases
    -- the right record's columns under the left record's names
    inner join (
        select
            first_name_l as key_first_name,
            last_name_l as key_last_name,
            first_name_r as first_name_l,
            last_name_r as last_name_l
        from cases
    ) as mirrored
        on
            cases.first_name_l = mirrored.key_first_name
            and cases.last_name_l = mirrored.key_last_name
            and cases.first_name_r = mirrored.first_name_l
            and cases.last_name_r = mirrored.last_name_l

)

select *
from pairs
where
    is_swapped is distinct from expected_swapped
    or is_swapped_fuzzy is distinct from expected_swapped_fuzzy
    or is_initial is distinct from expected_initial
