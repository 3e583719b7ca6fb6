{#- The files of a lake source that the calling base model has yet to load,
    in name order: every file of the source within the load_date window
    (lake_files_in_window) minus, on an incremental run, the files the
    model already holds rows of (its _file_name). Asked of the engine when
    the model compiles, so that the model's reader opens only these files
    (read_lake_files); an empty list at parse time and when linting. Lake
    files are immutable with unique names: a file rewritten in place is not
    seen again until the model is rebuilt with --full-refresh. -#}
{% macro lake_files_to_load(relation) -%}
    {%- set files = lake_files_in_window(relation) -%}
    {%- if not files or not is_incremental() -%}
        {{ return(files) }}
    {%- endif -%}
    {%- set loaded = run_query('select distinct _file_name from ' ~ this)
        .columns[0].values() -%}
    {{ return(files | reject('in', loaded) | list) }}
{%- endmacro %}
