{#- The keyword that makes the engine compute a CTE once and keep it, for
    chains of CTEs that each read the previous one several times (unrolled
    EM iterations): without it DuckDB inlines the chain and the plan grows
    exponentially with its length. Empty where the engine has no such hint,
    and when linting (env CUSTOMER_360_LINT set by make lint): sqlfluff 4.4's
    duckdb dialect cannot parse `as materialized`. Used as
    `name as {{ materialized_cte() }}(`: the keyword carries its own space. -#}
{% macro materialized_cte() -%}
    {{ return(adapter.dispatch('materialized_cte', 'customer_360')()) }}
{%- endmacro %}

{% macro default__materialized_cte() -%}
{%- endmacro %}

{% macro duckdb__materialized_cte() -%}
    {%- if not env_var('CUSTOMER_360_LINT', '') -%}materialized {% endif -%}
{%- endmacro %}
