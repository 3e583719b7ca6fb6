{#- Spark's distinct_sorted_text (macros/golden): dbt-spark's listagg cannot
    order, so the distinct values (collect_set drops nulls) are sorted, then
    joined; null for a group without values, as DuckDB's string_agg. -#}
{% macro spark__distinct_sorted_text(column, delimiter_text) -%}
    case
        when count({{ column }}) > 0
            then array_join(array_sort(collect_set({{ column }})), {{ delimiter_text }})
    end
{%- endmacro %}
