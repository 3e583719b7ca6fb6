{#- Cast that yields null instead of failing on a value that does not fit
    (dbt.safe_cast is a plain cast on DuckDB). -#}
{% macro try_cast(expr, type) -%}
    {{ return(adapter.dispatch('try_cast', 'customer_360')(expr, type)) }}
{%- endmacro %}

{% macro default__try_cast(expr, type) -%}
    try_cast({{ expr }} as {{ type }})
{%- endmacro %}
