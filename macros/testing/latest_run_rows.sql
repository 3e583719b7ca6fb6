{#- A where-clause condition keeping the rows of a relation that the latest
    run wrote: those carrying the highest value of its run-stamp column (on
    a first build or a full refresh, every row), and any row without a
    stamp (a row that lacks one was never tested). -#}
{% macro latest_run_rows(relation, stamp_column) -%}
    {{ return(adapter.dispatch('latest_run_rows', 'customer_360')(relation, stamp_column)) }}
{%- endmacro %}

{% macro default__latest_run_rows(relation, stamp_column) -%}
    {{ stamp_column }} is null
    or {{ stamp_column }} >= (select max({{ stamp_column }}) from {{ relation }})
{%- endmacro %}

{#- DuckDB: the highest stamp is read when the test runs and compared as a
    literal: DuckDB pushes `is null or >= literal` into the scan and skips the
    row groups earlier runs wrote by their min/max, where the scalar subquery
    (under the `or`) plans as a nested-loop join over every row and column.
    An empty relation is not filtered. -#}
{% macro duckdb__latest_run_rows(relation, stamp_column) -%}
    {%- if not execute -%}
        {{ return(default__latest_run_rows(relation, stamp_column)) }}
    {%- endif -%}
    {#- each value read as text behind a marker, which agate cannot take for a
        number or a date and round -#}
    {%- set latest = run_query(
        "select '=' || cast(max(" ~ stamp_column ~ ") as varchar), typeof(max(" ~ stamp_column
        ~ ")) from " ~ relation) -%}
    {%- set value = latest.columns[0].values()[0] -%}
    {%- if value is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set kind = latest.columns[1].values()[0] -%}
    {{ return(
        stamp_column ~ ' is null or ' ~ stamp_column ~ " >= cast('"
        ~ value[1:] | replace("'", "''") ~ "' as " ~ kind ~ ')') }}
{%- endmacro %}
