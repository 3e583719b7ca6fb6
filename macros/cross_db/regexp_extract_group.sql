{#- The first capture group of the first match of a regular expression in
    a text; null where the text does not match (or the group is empty). -#}
{% macro regexp_extract_group(expr, pattern) -%}
    {{ return(adapter.dispatch('regexp_extract_group', 'customer_360')(expr, pattern)) }}
{%- endmacro %}

{#- DuckDB and Spark alike: regexp_extract(text, pattern, 1) gives '' where
    nothing matches. -#}
{% macro default__regexp_extract_group(expr, pattern) -%}
    nullif(regexp_extract({{ expr }}, '{{ pattern }}', 1), '')
{%- endmacro %}
