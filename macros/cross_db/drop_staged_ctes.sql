{#- Post-hook of a model whose statement goes through staged_ctes: drop the
    tables the engine staged its CTEs in. Nothing by default (no hook
    statement runs: dbt skips an empty hook); Spark's drops the model's
    <model>__cte_* tables (macros/spark/spark__drop_staged_ctes.sql). -#}
{% macro drop_staged_ctes() -%}
    {{ return(adapter.dispatch('drop_staged_ctes', 'customer_360')()) }}
{%- endmacro %}

{% macro default__drop_staged_ctes() -%}
{%- endmacro %}
