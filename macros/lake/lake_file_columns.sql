{#- SQL listing the top-level columns of every Parquet file matching a glob
    under lake_root: one row per file and column (file_name, column_name),
    read from the files' footers only (a file with no row group lists no
    columns). -#}
{% macro lake_file_columns(path) -%}
    {{ return(adapter.dispatch('lake_file_columns', 'customer_360')(path)) }}
{%- endmacro %}

{% macro default__lake_file_columns(path) -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {{ exceptions.raise_compiler_error(
        "lake_file_columns has no implementation for " ~ target.type) }}
{%- endmacro %}

{% macro duckdb__lake_file_columns(path) -%}
    select distinct
        file_name,
        split_part(path_in_schema, ', ', 1) as column_name
    from parquet_metadata('{{ var("lake_root") }}/{{ path }}')
{%- endmacro %}
