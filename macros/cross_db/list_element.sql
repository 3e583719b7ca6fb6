{#- The element of a list at a 1-based position. -#}
{% macro list_element(list_expr, position) -%}
    {{ return(adapter.dispatch('list_element', 'customer_360')(list_expr, position)) }}
{%- endmacro %}

{#- Spark's element_at is 1-based too. -#}
{% macro default__list_element(list_expr, position) -%}
    element_at({{ list_expr }}, {{ position }})
{%- endmacro %}

{% macro duckdb__list_element(list_expr, position) -%}
    list_element({{ list_expr }}, {{ position }})
{%- endmacro %}
