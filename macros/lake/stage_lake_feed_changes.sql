{#- Pre-hook of an incremental staging model that reads a lake source
    through a base view (lake_feed_changes): create its load log
    <model>__loads once (load_sequence, file_name, change: reset | loaded |
    gone | run, invocation_id), stage this run's entries in the work table
    <model>__load (record_lake_feed_changes appends them once the model is
    written: a failed run logs nothing), and, on an incremental run that
    must rebuild the model, empty it. A first build or full refresh logs a
    reset and every listed file as loaded; an incremental run logs its new
    files, its gone files and a run entry (so its sequence is never used
    again). Then stage_erased_profile_keys stages the keys to erase. -#}
{% macro stage_lake_feed_changes(relation) -%}
    {{ return(adapter.dispatch('stage_lake_feed_changes', 'customer_360')(relation)) }}
{%- endmacro %}

{#- DuckDB and engines that run several statements in one call. -#}
{% macro default__stage_lake_feed_changes(relation) -%}
    {%- set changes = lake_feed_changes(relation) -%}
    {%- set entries = [] -%}
    {%- if is_incremental() -%}
        {%- do entries.append([none, 'run']) -%}
        {%- for file in changes.gone -%}{%- do entries.append([file, 'gone']) -%}{%- endfor -%}
    {%- else -%}
        {%- do entries.append([none, 'reset']) -%}
    {%- endif -%}
    {%- for file in changes.new -%}{%- do entries.append([file, 'loaded']) -%}{%- endfor -%}
    {%- set select_sql -%}
        {%- for file, change in entries %}
        select
            cast({{ changes.sequence }} as {{ dbt.type_bigint() }}) as load_sequence,
            cast({{ "'" ~ (file | replace("'", "''")) ~ "'" if file else 'null' }}
                as {{ dbt.type_string() }}) as file_name,
            cast('{{ change }}' as {{ dbt.type_string() }}) as change,
            cast('{{ invocation_id }}' as {{ dbt.type_string() }}) as invocation_id
        {%- if not loop.last %}
        union all
        {%- endif %}
        {%- endfor %}
    {%- endset -%}
    create table if not exists {{ work_table('loads') }} (
        load_sequence {{ dbt.type_bigint() }},
        file_name {{ dbt.type_string() }},
        change {{ dbt.type_string() }},
        invocation_id {{ dbt.type_string() }}
    );
    {{ create_work_table(work_table('load'), select_sql) }};
    {%- if is_incremental() and changes.rebuild %}
    delete from {{ this }} where 1 = 1;
    {%- endif %}
    select 1
{%- endmacro %}
