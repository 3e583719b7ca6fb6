{#- Replace every match of a regular expression (RE2/Java syntax). -#}
{% macro regexp_replace_all(expr, pattern, replacement) -%}
    {{ return(adapter.dispatch('regexp_replace_all', 'customer_360')(expr, pattern, replacement)) }}
{%- endmacro %}

{#- Spark and most engines replace every match by default. -#}
{% macro default__regexp_replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, '{{ pattern }}', '{{ replacement }}')
{%- endmacro %}

{#- DuckDB replaces the first match unless given the 'g' option. -#}
{% macro duckdb__regexp_replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}
