{#- Spark's delete_erased_records (macros/privacy): a Parquet table takes no
    delete, so the id map is written again without the erased records:
    copied to the work table <model>__erased without them, overwritten from
    it (insert overwrite), the work table dropped, one statement at a time
    (spark_script). `select 1` while no request was ever applied. -#}
{% macro spark__delete_erased_records() -%}
    {%- if not erasure_is_active() -%}
        {{ return('select 1') }}
    {%- endif -%}
    {%- set work = work_table('erased') -%}
    {%- set kept_sql -%}
        select * from {{ this }}
        where not coalesce(
            profile_record_id in ({{ erased_values('profile_record') }}), false
        )
    {%- endset -%}
    {%- set script -%}
        {{ create_work_table(work, kept_sql) }};
        insert overwrite table {{ this }} select * from {{ work }};
        drop table if exists {{ work }}
    {%- endset -%}
    {{ return(spark_script(script)) }}
{%- endmacro %}
