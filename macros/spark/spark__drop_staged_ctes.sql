{#- Spark's drop_staged_ctes (macros/cross_db): drop the tables
    <model>__cte_* that spark__staged_ctes staged the model's CTEs in, once
    the model is built (run_query, when the hook renders); renders nothing,
    so no hook statement runs. -#}
{% macro spark__drop_staged_ctes() -%}
    {%- if execute -%}
        {%- set listed = run_query(
            "show tables in " ~ this.schema ~ " like '" ~ this.identifier ~ "__cte_*'") -%}
        {%- for row in listed.rows -%}
            {%- do run_query('drop table if exists ' ~ this.schema ~ '.' ~ row['tableName']) -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
