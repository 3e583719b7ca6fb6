{#- A relation over the files of a path-based identity source (glob under
    lake_root): every value as text, column names normalized (trimmed, lower
    case, other characters as _), with the file name as _file_name. csv files
    need a header row; they are read in order so row numbers are line order. -#}
{% macro read_lake_file(path, format) -%}
    {{ return(adapter.dispatch('read_lake_file', 'customer_360')(path, format)) }}
{%- endmacro %}

{% macro duckdb__read_lake_file(path, format) -%}
    {%- set location = var('lake_root') ~ '/' ~ path -%}
    {%- if format == 'parquet' -%}
        read_parquet('{{ location }}', union_by_name = true, filename = '_file_name')
    {%- elif format == 'csv' -%}
        read_csv('{{ location }}', header = true, all_varchar = true, normalize_names = true,
            union_by_name = true, parallel = false, filename = '_file_name')
    {%- else -%}
        {{ exceptions.raise_compiler_error("identity_resolution source path " ~ path
            ~ ": format must be csv or parquet, not '" ~ format ~ "'") }}
    {%- endif -%}
{%- endmacro %}
