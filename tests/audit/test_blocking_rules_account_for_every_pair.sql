-- Every candidate pair is counted once, under the first rule that produced it.
with

counted as (

    select sum(first_candidate_pairs) as pairs from {{ ref('audit_blocking_rules') }}

),

actual as (

    select count(*) as pairs from {{ ref('int_profile_pairs_blocked') }}

)

select
    counted.pairs as counted_pairs,
    actual.pairs as actual_pairs

from counted
cross join actual
where counted.pairs <> actual.pairs
