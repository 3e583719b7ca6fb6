{#- Pre-hook of the incremental contact-center models: on an incremental
    run, (re)create the work table <model>__touched from select_sql, the
    keys whose rows the run builds again (computed from the model's
    previous state, before delete_touched_rows deletes them); `select 1` on
    a first build or a full refresh, which build everything. A table built
    before the model was incremental (no built_at) stops the run with a
    request to rebuild it once with --full-refresh. -#}
{% macro stage_touched_keys(select_sql) -%}
    {%- if is_incremental() -%}
        {%- set columns = adapter.get_columns_in_relation(this)
            | map(attribute='name') | map('lower') | list -%}
        {%- if 'built_at' not in columns -%}
            {{ exceptions.raise_compiler_error(
                this ~ " was built before it was incremental (no built_at): "
                ~ "rebuild it and the models after it once with "
                ~ "`dbt build --full-refresh --select " ~ model.name ~ "+`") }}
        {%- endif -%}
        {{ create_work_table(work_table('touched'), select_sql) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
