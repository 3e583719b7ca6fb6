{#- Spark's clear_for_retraining (macros/incremental): a Parquet table takes
    no delete, so on an incremental run with var retrain true the table is
    overwritten with none of its rows: an empty work table of its columns
    (<model>__retrain, create_work_table), `insert overwrite` from it (Spark
    refuses to overwrite a table from a query reading it), the work table
    dropped, one statement at a time (spark_script). `select 1` otherwise. -#}
{% macro spark__clear_for_retraining() -%}
    {%- if not (is_incremental() and var('retrain', false)) -%}
        {{ return('select 1') }}
    {%- endif -%}
    {%- set work = this.incorporate(path={'identifier': this.identifier ~ '__retrain'}) -%}
    {%- set script -%}
        {{ create_work_table(work, 'select * from ' ~ this ~ ' where false') }};
        insert overwrite table {{ this }} select * from {{ work }};
        drop table if exists {{ work }}
    {%- endset -%}
    {{ return(spark_script(script)) }}
{%- endmacro %}
