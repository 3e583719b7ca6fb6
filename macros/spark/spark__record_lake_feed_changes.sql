{#- Spark's record_lake_feed_changes (macros/lake): appends the run's entries
    to the load log and drops the work tables, one statement at a time
    (spark_script), without the default's delete of erased keys: a Parquet
    table cannot delete, and a Spark build, never incremental
    (dbt_project.yml: full_refresh on Spark), leaves the erased rows out
    itself (stage_erased_profile_keys stages no key on a rebuild). An
    incremental run, were one forced, stops with an error rather than keep
    rows an erasure removes. -#}
{% macro spark__record_lake_feed_changes(key) -%}
    {%- if is_incremental() -%}
        {{ exceptions.raise_compiler_error(
            this ~ ": an incremental run on " ~ target.type ~ " cannot delete the erased keys"
            ~ " of " ~ key ~ "; Spark builds rebuild incremental models in full"
            ~ " (dbt_project.yml: full_refresh, docs/spark.md)") }}
    {%- endif -%}
    {%- set script -%}
        insert into {{ work_table('loads') }}
        select * from {{ work_table('load') }};
        drop table if exists {{ work_table('erased') }};
        drop table if exists {{ work_table('load') }}
    {%- endset -%}
    {{ return(spark_script(script)) }}
{%- endmacro %}
