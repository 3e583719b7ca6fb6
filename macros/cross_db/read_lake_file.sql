{#- A relation over the files of a path-based identity source (glob under
    lake_root; also reviewer decisions and pinned match parameters): every
    value as text, column names normalized (trimmed, lower case, other
    characters as _), with the file name as _file_name. csv files
    need a header row (a UTF-8 byte order mark and CRLF line ends are read
    as such); they are read in order so row numbers are line order. A csv
    line that is not a row under its header (too few or too many fields)
    stops the build with an error naming each such file and line
    (csv_rejected_lines): rows are never guessed or dropped. -#}
{% macro read_lake_file(path, format) -%}
    {{ return(adapter.dispatch('read_lake_file', 'customer_360')(path, format)) }}
{%- endmacro %}

{#- Not ported to other engines yet (docs/spark.md): an error when a model
    reading such a file runs; nothing at parse time. -#}
{% macro default__read_lake_file(path, format) -%}
    {%- if execute -%}
        {{ exceptions.raise_compiler_error(
            "read_lake_file (" ~ path ~ ") has no implementation for " ~ target.type) }}
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__read_lake_file(path, format) -%}
    {%- set location = var('lake_root') ~ '/' ~ path -%}
    {%- if format == 'parquet' -%}
        read_parquet('{{ location }}', union_by_name = true, filename = '_file_name')
    {%- elif format == 'csv' -%}
        {%- set rejected = csv_rejected_lines(path) -%}
        {%- if rejected | length > 0 -%}
            {%- set lines = [] -%}
            {%- for file_name, line, error, text in rejected[:10] -%}
                {%- do lines.append(file_name ~ ' line ' ~ line ~ ': ' ~ error
                    ~ ': ' ~ (text | truncate(200))) -%}
            {%- endfor -%}
            {{ exceptions.raise_compiler_error(
                "lake files " ~ path ~ ": " ~ rejected | length
                ~ " csv line(s) are not rows under their file's header; fix or remove them:\n"
                ~ lines | join('\n')) }}
        {%- endif %}
        read_csv('{{ location }}', header = true, all_varchar = true, normalize_names = true,
            union_by_name = true, parallel = false, filename = '_file_name')
    {%- else -%}
        {{ exceptions.raise_compiler_error("identity_resolution source path " ~ path
            ~ ": format must be csv or parquet, not '" ~ format ~ "'") }}
    {%- endif -%}
{%- endmacro %}
