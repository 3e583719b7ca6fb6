{#- Aggregate: the value of column on the most recent row (by order_by) among
    the rows where it is not null: the primary record's value, or the value
    a more recent record cannot supply filled from an older one. -#}
{% macro most_recent_value(column, order_by) -%}
    {{ return(adapter.dispatch('most_recent_value', 'customer_360')(column, order_by)) }}
{%- endmacro %}

{% macro default__most_recent_value(column, order_by) -%}
    max_by({{ column }}, case when {{ column }} is not null then {{ order_by }} end)
{%- endmacro %}

{#- DuckDB: arg_max skips rows whose value is null. -#}
{% macro duckdb__most_recent_value(column, order_by) -%}
    arg_max({{ column }}, {{ order_by }})
{%- endmacro %}
