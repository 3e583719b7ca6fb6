{#- Aggregate: the distinct non-null values of column, sorted, joined by
    delimiter_text (a SQL string literal), as dbt.listagg with an order. -#}
{% macro distinct_sorted_text(column, delimiter_text) -%}
    {{ return(adapter.dispatch('distinct_sorted_text', 'customer_360')(column, delimiter_text)) }}
{%- endmacro %}

{% macro default__distinct_sorted_text(column, delimiter_text) -%}
    {{ dbt.listagg('distinct ' ~ column, delimiter_text, 'order by ' ~ column) }}
{%- endmacro %}
