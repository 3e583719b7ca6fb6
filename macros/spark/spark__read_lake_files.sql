{#- Spark's read_lake_files (macros/lake): the rows of exactly these files
    of a registered Parquet source (register_lake_sources), selected from
    the source's view by its filename column (the local paths
    lake_files_in_window lists), so the view's columns, partition keys and
    reader columns come as on DuckDB; with no files, the view's columns and
    no row. -#}
{% macro spark__read_lake_files(relation, files) -%}
    {%- if files | length == 0 -%}
        (select * from {{ relation }} where false)
    {%- else -%}
        (
            select * from {{ relation }}
            where filename in (
                {%- for file in files %}
                '{{ file | replace("\\", "\\\\") | replace("'", "\\'") }}'
                {{- ',' if not loop.last }}
                {%- endfor %}
            )
        )
    {%- endif -%}
{%- endmacro %}
