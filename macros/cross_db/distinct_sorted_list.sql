{#- Aggregate: the distinct non-null values of column as a sorted list. -#}
{% macro distinct_sorted_list(column) -%}
    {{ return(adapter.dispatch('distinct_sorted_list', 'customer_360')(column)) }}
{%- endmacro %}

{#- Spark: collect_set drops nulls and duplicates, in no order. -#}
{% macro default__distinct_sorted_list(column) -%}
    array_sort(collect_set({{ column }}))
{%- endmacro %}

{% macro duckdb__distinct_sorted_list(column) -%}
    list(distinct {{ column }} order by {{ column }}) filter (where {{ column }} is not null)
{%- endmacro %}
