{#- A relation over exactly these files of a lake source (a list from
    lake_files_to_load), read by the source's own reader with its options
    (hive partitions, file names, row numbers), to select from. With no
    files, an empty relation with the source's columns: an incremental run
    with nothing new inserts nothing instead of failing. -#}
{% macro read_lake_files(relation, files) -%}
    {{ return(adapter.dispatch('read_lake_files', 'customer_360')(relation, files)) }}
{%- endmacro %}

{% macro default__read_lake_files(relation, files) -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {{ exceptions.raise_compiler_error(
        "read_lake_files has no implementation for " ~ target.type) }}
{%- endmacro %}

{#- DuckDB: the reader functions take a list of paths where the source has
    its glob; the empty relation binds the glob but reads no row. -#}
{% macro duckdb__read_lake_files(relation, files) -%}
    {%- if files | length == 0 -%}
        (select * from {{ relation }} where false)
    {%- else -%}
        {%- set reader = lake_source_reader(relation) -%}
        {{ reader.function }}([
            {%- for file in files %}
            '{{ file | replace("'", "''") }}'{{ ',' if not loop.last }}
            {%- endfor %}
        ]{{ reader.options }})
    {%- endif -%}
{%- endmacro %}
