{#- Spark's create_work_table (macros/incremental): a Parquet table cannot be
    replaced in place (`create or replace table` needs a v2 table: Delta,
    Iceberg), so the work table is dropped first (run_query, when the hook
    renders) and created from the select. -#}
{% macro spark__create_work_table(relation, select_sql) -%}
    {%- if execute -%}
        {%- do run_query('drop table if exists ' ~ relation) -%}
    {%- endif -%}
    create table {{ relation }} as {{ select_sql }}
{%- endmacro %}
