{#- A condition true for the rows of a relation read from one of these lake
    files: `column in ('<file>', ...)`, or false when the list is empty.
    DuckDB pushes it into the reader of a base view over the lake (its
    filename column), so only these files are opened. -#}
{% macro lake_file_condition(column, files) -%}
    {%- if files | length == 0 -%}
        false
    {%- else -%}
        {{ column }} in (
            {%- for file in files %}
            '{{ file | replace("'", "''") }}'{{ ',' if not loop.last }}
            {%- endfor %}
        )
    {%- endif -%}
{%- endmacro %}
