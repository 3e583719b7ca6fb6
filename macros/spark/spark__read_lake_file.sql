{#- Spark's read_lake_file (macros/cross_db): a subquery over the files a
    glob matches (spark_lake_files), with _file_name the local path.
    parquet: Spark's Parquet reader over the glob (schema merging,
    spark.sql.parquet.mergeSchema). csv: each file through a temporary view
    with its own header, every value as text, the columns normalized as
    DuckDB's normalize_names does (trimmed, lower case, other characters
    as _) and unioned by name in order of first appearance, a column a file
    lacks as null, so files with different headers read as on DuckDB. A
    line that is not a row under its file's header (too few or too many
    fields: Spark's malformed CSV record) stops the build with an error
    naming each such file and line, as csv_rejected_lines does on DuckDB.
    The temporary views live in the dbt connection's Spark session, where
    the model's query runs. -#}
{% macro spark__read_lake_file(path, format) -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set location = var('lake_root') ~ '/' ~ path -%}
    {%- if format == 'parquet' -%}
        (
            select
                *,
                regexp_replace(_metadata.file_path, '^file:', '') as _file_name
            from parquet.`{{ location }}`
        )
    {%- elif format == 'csv' -%}
        {%- set files = spark_lake_files(path) -%}
        {%- if files | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                "read_lake_file: no file matches " ~ location) }}
        {%- endif -%}
        {%- set prefix = 'lake_file_' ~ local_md5(location)[:12] -%}
        {%- set names = [] -%}
        {%- set reads = [] -%}
        {%- set rejected = [] -%}
        {%- for file in files -%}
            {%- set view = prefix ~ '_' ~ loop.index -%}
            {%- set options -%}
                path '{{ file | replace("'", "\\'") }}', header 'true', encoding 'UTF-8',
                multiLine 'true', mode 'PERMISSIVE'
            {%- endset -%}
            {%- do run_query(
                'create or replace temporary view ' ~ view ~ ' using csv options (' ~ options
                ~ ')') -%}
            {%- set header = [] -%}
            {%- for column in run_query('describe ' ~ view) -%}
                {%- if column[0] and not column[0].startswith('#') -%}
                    {%- do header.append(column[0]) -%}
                {%- endif -%}
            {%- endfor -%}
            {#- the header's columns again, as text, with Spark's malformed-record column -#}
            {%- set typed = [] -%}
            {%- for column in header -%}
                {%- do typed.append('`' ~ column ~ '` string') -%}
            {%- endfor -%}
            {%- do run_query(
                'create or replace temporary view ' ~ view ~ ' (' ~ typed | join(', ')
                ~ ', _corrupt_record string) using csv options (' ~ options
                ~ ", columnNameOfCorruptRecord '_corrupt_record', enforceSchema 'true')") -%}
            {%- set bad = run_query(
                'select * from ' ~ view ~ ' where _corrupt_record is not null') -%}
            {%- for row in bad -%}
                {%- do rejected.append([file, row['_corrupt_record']]) -%}
            {%- endfor -%}
            {%- set columns = {} -%}
            {%- for column in header -%}
                {%- set name = modules.re.sub('[^a-z0-9_]', '_', column.strip().lower()) -%}
                {%- do columns.update({name: column}) -%}
                {%- if name not in names -%}
                    {%- do names.append(name) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- do reads.append([view, file, columns]) -%}
        {%- endfor -%}
        {%- if rejected | length > 0 -%}
            {%- set lines = [] -%}
            {%- for file, text in rejected[:10] -%}
                {%- set numbers = [] -%}
                {%- for row in run_query(
                    "select position + 1 from (select posexplode(split(cast(content as string),"
                    ~ " '\\\\r?\\\\n')) as (position, line) from binaryFile.`" ~ file
                    ~ "`) as lines where line = '" ~ (text | replace('\\', '\\\\')
                    | replace("'", "\\'") | replace('\r', '') | replace('\n', '')) ~ "'") -%}
                    {%- do numbers.append(row[0] | string) -%}
                {%- endfor -%}
                {%- do lines.append(file ~ ' line ' ~ (numbers | join(', ') or '?')
                    ~ ': ' ~ (text | truncate(200))) -%}
            {%- endfor -%}
            {{ exceptions.raise_compiler_error(
                "lake files " ~ path ~ ": " ~ rejected | length
                ~ " csv line(s) are not rows under their file's header; fix or remove them:\n"
                ~ lines | join('\n')) }}
        {%- endif -%}
        (
            {%- for view, file, columns in reads %}
            select
                {%- for name in names %}
                {% if name in columns -%}
                    `{{ columns[name] }}`
                {%- else -%}
                    cast(null as string)
                {%- endif %} as `{{ name }}`,
                {%- endfor %}
                '{{ file | replace("\\", "\\\\") | replace("'", "\\'") }}' as _file_name
            from {{ view }}
            {%- if not loop.last %}
            union all
            {%- endif %}
            {%- endfor %}
        )
    {%- else -%}
        {{ exceptions.raise_compiler_error("identity_resolution source path " ~ path
            ~ ": format must be csv or parquet, not '" ~ format ~ "'") }}
    {%- endif -%}
{%- endmacro %}
