{#- Fails for every combination of the given columns that occurs more than
    once: the grain test of a model keyed by several columns.
    latest_rows_by (optional): a column an incremental model stamps on the
    rows each run writes, rising from run to run (normalized_sequence). Only
    the combinations held by the rows the latest run wrote (latest_run_rows:
    in a `dbt build` running the model, the rows it wrote, none when it
    wrote none) are checked, against the whole table. Rows written earlier were checked when they
    were written and later runs only delete them, so a duplicate can only
    come with the latest rows; a first build or a full refresh stamps every
    row alike and checks them all. Without latest_rows_by, the model's
    declared run stamp (meta incremental_stamp) on an incremental run
    (incremental_test_stamp). -#}
{% test unique_combination_of_columns(model, combination_of_columns, latest_rows_by=none) %}

{%- set columns = combination_of_columns | join(', ') %}
{%- set latest_rows_by = latest_rows_by or incremental_test_stamp() %}
{%- set latest = latest_run_rows(model, latest_rows_by) if latest_rows_by else none %}

with

checked as (

    select {{ columns }} from {{ model }}
    {%- if latest %}
        where {{ latest }}
    {%- endif %}

),

{%- if latest %}

    checked_keys as (

        select distinct {{ columns }} from checked

    ),

    candidates as (

        select
            {%- for column in combination_of_columns %}
                tested.{{ column }}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ model }} as tested
        inner join checked_keys
            on
            {%- for column in combination_of_columns %}
                tested.{{ column }} = checked_keys.{{ column }}{{ ' and' if not loop.last }}
            {%- endfor %}

    ),

{%- else %}

    candidates as (

        select * from checked

    ),

{%- endif %}

final as (

    select
        {{ columns }},
        count(*) as occurrences
    from candidates
    group by {{ columns }}
    having count(*) > 1

)

select * from final

{% endtest %}
