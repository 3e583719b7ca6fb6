{#- The lines of newline-delimited JSON files as rows (file_name, line_number
    1-based, line), blank lines dropped. relation: a source whose external
    location lists the files (DuckDB: read_text, one row per file). Reading
    lines ourselves, not read_json, is what lets a malformed or truncated line
    be quarantined with its file and line number instead of failing the read. -#}
{% macro ndjson_lines(relation) -%}
    {{ return(adapter.dispatch('ndjson_lines', 'customer_360')(relation)) }}
{%- endmacro %}

{% macro duckdb__ndjson_lines(relation) -%}
    (
        select
            file_name,
            line_number,
            rtrim(line, chr(13)) as line
        from (
            select
                filename as file_name,
                unnest(string_split(content, chr(10))) as line,
                unnest(
                    generate_series(1, len(string_split(content, chr(10))))
                ) as line_number
            from {{ relation }}
        ) as split_lines
        where trim(line) <> ''
    )
{%- endmacro %}
