{#- True when a text contains a match of a regular expression. -#}
{% macro regexp_like(expr, pattern) -%}
    {{ return(adapter.dispatch('regexp_like', 'customer_360')(expr, pattern)) }}
{%- endmacro %}

{% macro default__regexp_like(expr, pattern) -%}
    ({{ expr }} rlike '{{ pattern }}')
{%- endmacro %}

{% macro duckdb__regexp_like(expr, pattern) -%}
    regexp_matches({{ expr }}, '{{ pattern }}')
{%- endmacro %}
