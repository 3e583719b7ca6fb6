{#- The lines of csv files (a glob under lake_root) that the CSV reader
    cannot take as a row under its header: too few or too many fields, an
    unterminated quote, invalid UTF-8. One row per line (file_name, line
    1-based counting the header, error, line text), asked of the engine when
    the calling model compiles; an empty list at parse time and when linting.
    Lets read_lake_file stop the build naming each line, where the reader
    alone would guess a one-column dialect and fail on the binding. -#}
{% macro csv_rejected_lines(path) -%}
    {{ return(adapter.dispatch('csv_rejected_lines', 'customer_360')(path)) }}
{%- endmacro %}

{% macro default__csv_rejected_lines(path) -%}
    {{ exceptions.raise_compiler_error(
        "csv_rejected_lines has no implementation for " ~ target.type) }}
{%- endmacro %}

{#- DuckDB: each file read on its own with store_rejects (which cannot be
    combined with union_by_name), into temp tables dropped first. -#}
{% macro duckdb__csv_rejected_lines(path) -%}
    {%- if not execute or env_var('CUSTOMER_360_LINT', '') -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set location = var('lake_root') ~ '/' ~ path -%}
    {%- set files = run_query(
        "select file from glob('" ~ location | replace("'", "''") ~ "') order by file"
    ).columns[0].values() -%}
    {%- if files | length == 0 -%}
        {{ return([]) }}
    {%- endif -%}
    {%- do run_query("drop table if exists temp.main.customer_360_csv_rejects") -%}
    {%- do run_query("drop table if exists temp.main.customer_360_csv_scans") -%}
    {%- set scans = [] -%}
    {%- for file in files -%}
        {%- do scans.append(
            "select count(*) as row_count from read_csv('" ~ file | replace("'", "''")
            ~ "', header = true, all_varchar = true, store_rejects = true,"
            ~ " rejects_table = 'customer_360_csv_rejects',"
            ~ " rejects_scan = 'customer_360_csv_scans')") -%}
    {%- endfor -%}
    {%- do run_query(scans | join('\nunion all\n')) -%}
    {#- a short row is reported once per missing column: keep the first -#}
    {%- set rejected = run_query(
        "select scans.file_path, rejects.line,"
        ~ " arg_min(rejects.error_message, rejects.column_idx),"
        ~ " arg_min(trim(rejects.csv_line, chr(13) || chr(10)), rejects.column_idx)"
        ~ " from temp.main.customer_360_csv_rejects as rejects"
        ~ " inner join temp.main.customer_360_csv_scans as scans"
        ~ " on rejects.scan_id = scans.scan_id and rejects.file_id = scans.file_id"
        ~ " group by scans.file_path, rejects.line"
        ~ " order by scans.file_path, rejects.line") -%}
    {{ return(rejected.rows | list) }}
{%- endmacro %}
