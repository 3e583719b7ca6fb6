{#- A list of the distinct non-null values of the given expressions, or null
    when none is left. -#}
{% macro compact_list(exprs) -%}
    {{ return(adapter.dispatch('compact_list', 'customer_360')(exprs)) }}
{%- endmacro %}

{% macro default__compact_list(exprs) -%}
    nullif(array_distinct(array_compact(array({{ exprs | join(', ') }}))), array())
{%- endmacro %}

{% macro duckdb__compact_list(exprs) -%}
    nullif(list_sort(list_distinct([{{ exprs | join(', ') }}])), [])
{%- endmacro %}
