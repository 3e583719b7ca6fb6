{#- Every file a lake source's glob matches within the load_date_since /
    load_date_until window, in name order (a file's date is that of its
    `<name>_date=YYYY-MM-DD` or `year=YYYY/month=MM/day=DD` folder; a file
    in neither is listed only when no window is set). Asked of the engine
    when the calling model compiles; an empty list at parse time and when
    linting (env CUSTOMER_360_LINT, set by make lint). -#}
{% macro lake_files_in_window(relation) -%}
    {{ return(adapter.dispatch('lake_files_in_window', 'customer_360')(relation)) }}
{%- endmacro %}

{% macro default__lake_files_in_window(relation) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {{ exceptions.raise_compiler_error(
        "lake_files_in_window has no implementation for " ~ target.type) }}
{%- endmacro %}

{#- DuckDB: glob() lists the files (no file is opened); the folder date is
    cut from the path with regular expressions. -#}
{% macro duckdb__lake_files_in_window(relation) -%}
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

        )

        select file from lake_files
        {{- load_date_filter('load_date') }}
        order by file
    {%- endset -%}
    {{ return(run_query(query).columns[0].values() | list) }}
{%- endmacro %}
