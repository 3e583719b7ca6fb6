{#- Aggregate SQL: the bitwise or of an integer expression over the group,
    nulls ignored. Idempotent, so a value seen twice counts once without a
    distinct (the blocking rule mask of a candidate pair: a pair that shares
    two keys of one rule sets that rule's bit once). DuckDB, Spark (3.0 and
    later), PostgreSQL and BigQuery all call it bit_or; an engine that names
    it otherwise (Snowflake: bitor_agg) adds its own implementation. -#}
{% macro bit_or_agg(expression) -%}
    {{ return(adapter.dispatch('bit_or_agg', 'customer_360')(expression)) }}
{%- endmacro %}

{% macro default__bit_or_agg(expression) -%}
    bit_or({{ expression }})
{%- endmacro %}
