{#- True when two lists share at least one element. -#}
{% macro lists_overlap(left, right) -%}
    {{ return(adapter.dispatch('lists_overlap', 'customer_360')(left, right)) }}
{%- endmacro %}

{% macro default__lists_overlap(left, right) -%}
    arrays_overlap({{ left }}, {{ right }})
{%- endmacro %}

{% macro duckdb__lists_overlap(left, right) -%}
    list_has_any({{ left }}, {{ right }})
{%- endmacro %}
