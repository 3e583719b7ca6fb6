{#- Spark's compact_list (macros/cross_db): the distinct non-null values,
    sorted as DuckDB's list_sort sorts them (ascending, byte order), so the
    first element (a record's email, phone) is the same on both engines;
    null when none is left. The default keeps the values' order. -#}
{% macro spark__compact_list(exprs) -%}
    nullif(
        array_sort(array_distinct(array_compact(array({{ exprs | join(', ') }})))),
        array()
    )
{%- endmacro %}
