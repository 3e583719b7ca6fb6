{#- Wraps a model's statement (a call block around the model body) so that
    an engine which cannot keep a CTE computed once gets its materialized
    CTEs (materialized_cte) staged as tables. The statement as it is on
    DuckDB, which keeps them itself (`as materialized`), and by default;
    Spark stages them (macros/spark/spark__staged_ctes.sql). Used as
    `{% call staged_ctes() %} ... {% endcall %}`. -#}
{% macro staged_ctes() -%}
    {{ adapter.dispatch('staged_ctes', 'customer_360')(caller()) }}
{%- endmacro %}

{% macro default__staged_ctes(sql) -%}
    {{ sql }}
{%- endmacro %}
