{#- Spark's delete_erased_term_frequencies (macros/privacy): a Parquet table
    takes no delete, so on a run that applied an erasure request the term
    frequencies are written again with only the rows the default keeps
    (those whose value a current record holds, held_term_values): copied to
    the work table int_match_term_frequencies__erased, the table
    overwritten from it (insert overwrite), the work table dropped, one
    statement at a time (spark_script). `select 1` otherwise. -#}
{% macro spark__delete_erased_term_frequencies() -%}
    {%- if not erasure_applied_this_run() -%}
        {{ return('select 1') }}
    {%- endif -%}
    {%- set frequencies = ref('int_match_term_frequencies') -%}
    {%- set work = frequencies.incorporate(
        path={'identifier': frequencies.identifier ~ '__erased'}) -%}
    {%- set held = held_term_values() -%}
    {%- set kept_sql -%}
        select * from {{ frequencies }}
        {%- if held is not none %}
        where not coalesce({{ dbt.concat(['comparison_name', "'|'", 'value']) }} not in (
            select {{ dbt.concat(['held.comparison_name', "'|'", 'held.value']) }}
            from ({{ held }}) as held
        ), false)
        {%- else %}
        where false
        {%- endif %}
    {%- endset -%}
    {%- set script -%}
        {{ create_work_table(work, kept_sql) }};
        insert overwrite table {{ frequencies }} select * from {{ work }};
        drop table if exists {{ work }}
    {%- endset -%}
    {{ return(spark_script(script)) }}
{%- endmacro %}
