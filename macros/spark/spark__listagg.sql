{#- Spark's listagg, overriding dbt-spark's (this project's macros come
    first in dbt's dispatch of its own macros): dbt-spark ignores the order
    (collect_list, with a warning at parse time), so the tokens of a street
    or unit would join in whatever order the shuffle leaves them. Spark 4
    has the SQL standard's listagg(...) within group (order by ...), which
    keeps it. With limit_num: dbt-spark's slice of collect_list, unordered,
    as before (no model of this project limits). -#}
{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if limit_num or not order_by_clause -%}
        {%- if order_by_clause -%}
            {{ exceptions.warn("order_by_clause is not supported with limit_num on Spark") }}
        {%- endif -%}
        {%- set collected = 'collect_list(' ~ measure ~ ')' -%}
        {%- if limit_num -%}
            {%- set collected = 'slice(' ~ collected ~ ', 1, ' ~ limit_num ~ ')' -%}
        {%- endif -%}
        array_join({{ collected }}, {{ delimiter_text }})
    {%- else -%}
        listagg({{ measure }}, {{ delimiter_text }}) within group ({{ order_by_clause }})
    {%- endif -%}
{%- endmacro %}
