{#- The files of a lake source that the calling base model has yet to load,
    in name order: every file the source's glob matches, within the
    load_date_since / load_date_until window (a file's date is that of its
    `<name>_date=YYYY-MM-DD` or `year=YYYY/month=MM/day=DD` folder; a file in
    neither is read only when no window is set), minus, on an incremental
    run, the files the model already holds rows of (its _file_name). Asked of
    the engine when the model compiles, so that the model's reader opens only
    these files (read_lake_files); an empty list at parse time and when
    linting (env CUSTOMER_360_LINT, set by make lint). Lake files
    are immutable with unique names: a file rewritten in place is not seen
    again until the model is rebuilt with --full-refresh. -#}
{% macro lake_files_to_load(relation) -%}
    {{ return(adapter.dispatch('lake_files_to_load', 'customer_360')(relation)) }}
{%- endmacro %}

{% macro default__lake_files_to_load(relation) -%}
    {{ exceptions.raise_compiler_error(
        "lake_files_to_load has no implementation for " ~ target.type) }}
{%- endmacro %}

{#- DuckDB: glob() lists the files (no file is opened); the folder date is
    cut from the path with regular expressions. -#}
{% macro duckdb__lake_files_to_load(relation) -%}
    {%- if not execute or env_var('CUSTOMER_360_LINT', '') -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set reader = lake_source_reader(relation) -%}
    {%- set query -%}
        with

        lake_files as (

            select
                file,
                try_cast(coalesce(
                    nullif(regexp_extract(file, '/[a-z_]*date=(\d{4}-\d{2}-\d{2})/', 1), ''),
                    nullif(regexp_replace(
                        regexp_extract(file, '/year=\d{4}/month=\d{2}/day=\d{2}/', 0),
                        '/year=(\d{4})/month=(\d{2})/day=(\d{2})/', '\1-\2-\3'
                    ), '')
                ) as date) as load_date
            from glob('{{ reader.path }}')

        ),

        in_window as (

            select file from lake_files
            {{- load_date_filter('load_date') }}

        )

        select in_window.file
        from in_window
        {%- if is_incremental() %}
        left join (select distinct _file_name from {{ this }}) as loaded
            on in_window.file = loaded._file_name
        where loaded._file_name is null
        {%- endif %}
        order by in_window.file
    {%- endset -%}
    {{ return(run_query(query).columns[0].values() | list) }}
{%- endmacro %}
