{#- Fails for every combination of the given columns that occurs more than
    once: the grain test of a model keyed by several columns.
    latest_rows_by (optional): a column an incremental model stamps on the
    rows each run writes, rising from run to run (normalized_sequence). Only
    the combinations held by the rows the latest run wrote (latest_run_rows:
    in a `dbt build` running the model, the rows it wrote, none when it
    wrote none) are checked, against the whole table. Rows written earlier
    were checked when they were written and later runs only delete them, so
    a duplicate can only come with the latest rows; a first build or a full
    refresh stamps every row alike and checks them all. Without
    latest_rows_by, the model's declared run stamp (meta incremental_stamp)
    on an incremental run (incremental_test_stamp).
    Rows are first grouped on one 64-bit hash of the columns (row_hash), and
    only those whose hash repeats are grouped on the columns themselves:
    grouping millions of pairs of text ids is what made this test cost as
    much as building the model, and spilled at 5M records (docs/benchmarks.md).
    A null column takes part like a value, as in a group by. With
    latest_rows_by, a hash collision can at most bring in an older
    duplicate, a real one too. -#}
{% test unique_combination_of_columns(model, combination_of_columns, latest_rows_by=none) %}

{%- set columns = combination_of_columns | join(', ') %}
{%- set hashed = row_hash(combination_of_columns) %}
{%- set latest_rows_by = latest_rows_by or incremental_test_stamp() %}
{%- set latest = latest_run_rows(model, latest_rows_by) if latest_rows_by else none %}

with

-- every row's hash, or with latest_rows_by the rows sharing a hash with a
-- row the latest run wrote
candidates as (

    select {{ hashed }} as row_hash
    from {{ model }}
    {%- if latest %}
        where {{ hashed }} in (select {{ hashed }} from {{ model }} where {{ latest }})
    {%- endif %}

),

repeated_hashes as (

    select row_hash
    from candidates
    group by row_hash
    having count(*) > 1

),

-- the model read again, not the candidates: a CTE read twice would be kept
-- whole or computed twice
final as (

    select
        {{ columns }},
        count(*) as occurrences
    from {{ model }}
    where {{ hashed }} in (select row_hash from repeated_hashes)
    group by {{ columns }}
    having count(*) > 1

)

select * from final

{% endtest %}
