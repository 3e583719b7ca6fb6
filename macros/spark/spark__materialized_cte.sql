{#- Spark's materialized_cte (macros/cross_db): Spark has no keyword to keep
    a CTE computed once, so a comment marks the CTE instead, for
    spark__staged_ctes to materialize it as a table. -#}
{% macro spark__materialized_cte() -%}
    /* materialized */ {% endmacro %}
