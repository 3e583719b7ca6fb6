{#- A where-clause condition keeping the rows of a relation that the latest
    run wrote, and any row without a stamp (a row that lacks one was never
    tested). When a `dbt build` runs the model before its tests, the rows
    stamped above the value record_test_scope recorded before the model ran:
    those this run wrote, none when it wrote none. Otherwise (a `dbt test`,
    a build not selecting the model, a first build) the rows carrying the
    highest value of the stamp column: on a first build or a full refresh,
    every row. -#}
{% macro latest_run_rows(relation, stamp_column) -%}
    {{ return(adapter.dispatch('latest_run_rows', 'customer_360')(relation, stamp_column)) }}
{%- endmacro %}

{% macro default__latest_run_rows(relation, stamp_column) -%}
    {{ stamp_column }} is null
    or {{ stamp_column }} >= (select max({{ stamp_column }}) from {{ relation }})
{%- endmacro %}

{#- DuckDB: the stamp is read when the test runs and compared as a literal:
    DuckDB pushes `is null or > literal` into the scan and skips the row
    groups earlier runs wrote by their min/max, where the scalar subquery
    (under the `or`) plans as a nested-loop join over every row and column.
    The stamp recorded before this run's model ran if there is one (a model
    with an empty table before: every row), else the highest stamp (an empty
    relation is not filtered). -#}
{% macro duckdb__latest_run_rows(relation, stamp_column) -%}
    {%- if not execute -%}
        {{ return(default__latest_run_rows(relation, stamp_column)) }}
    {%- endif -%}
    {#- each value read as text behind a marker, which agate cannot take for a
        number or a date and round -#}
    {%- set node = stamped_test_node() -%}
    {%- set recorded = none -%}
    {%- if node and flags.WHICH == 'build' and node.unique_id in selected_resources -%}
        {%- set recorded = run_query(
            "select '=' || coalesce(stamp_before, ''), stamp_type, stamp_before is null from "
            ~ test_scopes_relation() ~ " where node_id = '" ~ node.unique_id
            ~ "' and stamp_column = '" ~ stamp_column ~ "' and invocation_id = '"
            ~ invocation_id ~ "'") -%}
    {%- endif -%}
    {%- if recorded and recorded.rows | length > 0 -%}
        {%- if recorded.columns[2].values()[0] -%}
            {{ return(none) }}
        {%- endif -%}
        {%- set value = recorded.columns[0].values()[0] -%}
        {%- set kind = recorded.columns[1].values()[0] -%}
        {%- set comparison = ' > ' -%}
    {%- else -%}
        {%- set latest = run_query(
            "select '=' || cast(max(" ~ stamp_column ~ ") as varchar), typeof(max("
            ~ stamp_column ~ ")) from " ~ relation) -%}
        {%- set value = latest.columns[0].values()[0] -%}
        {%- if value is none -%}
            {{ return(none) }}
        {%- endif -%}
        {%- set kind = latest.columns[1].values()[0] -%}
        {%- set comparison = ' >= ' -%}
    {%- endif -%}
    {{ return(
        stamp_column ~ ' is null or ' ~ stamp_column ~ comparison ~ "cast('"
        ~ value[1:] | replace("'", "''") ~ "' as " ~ kind ~ ')') }}
{%- endmacro %}
