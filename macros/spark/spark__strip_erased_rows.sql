{#- Spark's strip_erased_rows (macros/privacy), where a Parquet table
    takes no update: the same log entry (log_stripped_rows), then the table
    written again with the personal columns of the rows tied to an erased
    person (erased_row_condition) given the values `columns` maps them to
    (null, or erased_raw_record's marker): copied to the work table
    <model>__stripped with those values, the table overwritten from it
    (insert overwrite), the work table dropped. One statement at a time
    (spark_script). `select 1` while no request was ever applied. The
    table's other columns keep their order and values. -#}
{% macro spark__strip_erased_rows(columns, matches) -%}
    {%- if not erasure_is_active() -%}
        {{ return('select 1') }}
    {%- endif -%}
    {%- set work = work_table('stripped') -%}
    {%- set stripped_sql -%}
        select
            {%- for column in adapter.get_columns_in_relation(this) %}
            {%- if column.name in columns %}
            case
                when {{ erased_row_condition(matches) }} then {{ columns[column.name] }}
                else {{ column.name }}
            end as {{ column.name }}
            {%- else %}
            {{ column.name }}
            {%- endif %}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ this }}
    {%- endset -%}
    {%- set script -%}
        {{ log_stripped_rows(matches) }};
        {{ create_work_table(work, stripped_sql) }};
        insert overwrite table {{ this }} select * from {{ work }};
        drop table if exists {{ work }}
    {%- endset -%}
    {{ return(spark_script(script)) }}
{%- endmacro %}
