{#- Spark's ndjson_lines (macros/cross_db), DuckDB's lines exactly: each file
    split on the newline character (split takes a regular expression: a lone
    newline is itself), posexplode numbering every line from 1, blank ones
    included, before blank lines (only [ \t\n\f\r], RE2's \s, which Java's
    \s would widen with \x0B) are dropped; the carriage returns that end a
    line are cut, as DuckDB's rtrim. char() builds the control characters:
    no escape has to survive both Jinja and Spark's string literals. -#}
{% macro spark__ndjson_lines(relation) -%}
    (
        select
            file_name,
            line_position + 1 as line_number,
            regexp_replace(raw_line, concat(char(13), '+$'), '') as line
        from (
            select
                filename as file_name,
                posexplode(split(content, char(10))) as (line_position, raw_line)
            from {{ relation }}
        ) as split_lines
        where not raw_line rlike concat(
            '^[ ', char(9), char(10), char(12), char(13), ']*$'
        )
    )
{%- endmacro %}
