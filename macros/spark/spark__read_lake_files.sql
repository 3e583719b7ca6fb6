{#- Spark's read_lake_files (macros/lake): the source's registered view
    (register_lake_sources) filtered to the listed files by its filename
    column, the local path lake_files_in_window lists on Spark too. Spark's
    file readers take no list of paths in SQL; the view reads the source's
    glob, and a Spark build loads every file of the window anyway (a full
    rebuild). No file: the view's columns and no row. -#}
{% macro spark__read_lake_files(relation, files) -%}
    {%- if files | length == 0 -%}
        (select * from {{ relation }} where false)
    {%- else -%}
        (
            select * from {{ relation }}
            where filename in (
                {%- for file in files %}
                '{{ file | replace("\\", "\\\\") | replace("'", "\\'") }}'{{ ',' if not loop.last }}
                {%- endfor %}
            )
        )
    {%- endif -%}
{%- endmacro %}
