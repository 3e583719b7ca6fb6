{#- Make the project's lake sources queryable by name on an engine that
    cannot read a source's meta.external_location (dbt-duckdb's reader call,
    such as read_parquet('<glob>', ...)) in place: run it before a build,
    `dbt run-operation register_lake_sources --target spark` (make
    build-spark does). Dispatched; other engines read the lake in place, so
    there is nothing to do. -#}
{% macro register_lake_sources() -%}
    {{ return(adapter.dispatch('register_lake_sources', 'customer_360')()) }}
{%- endmacro %}

{% macro default__register_lake_sources() -%}
    {{ log("register_lake_sources: nothing to do on " ~ target.type
        ~ " (sources are read in place)", info=true) }}
{%- endmacro %}

{#- Spark: one view per Parquet source, <schema>.<identifier>, over the
    folder above the glob's first wildcard, read with Spark's own partition
    discovery (key=value folders) and schema merging
    (spark.sql.parquet.mergeSchema, profiles.yml), with the columns DuckDB's
    reader adds, in its order: the file's columns, file_row_number (0-based,
    _metadata.row_index), filename (the local path, without Spark's file:
    scheme), then the partition keys. A view reads the folder when queried,
    so files landed later are seen without re-registering. A source read as
    text (read_text: the Connect Firehose JSON lines) gets a view of DuckDB's
    read_text columns, one row per file of its glob: filename (the local
    path), content (the file as UTF-8 text), through Spark's binaryFile
    reader. Other readers are listed in the log and skipped. -#}
{% macro spark__register_lake_sources() -%}
    {%- set skipped = [] -%}
    {%- for node in graph.sources.values() if node.package_name == project_name -%}
        {%- set location = (node.meta or {}).get('external_location')
            or (node.source_meta or {}).get('external_location') -%}
        {%- set call = modules.re.match(
            "\s*(\w+)\(\s*'([^']*)'(.*)\)\s*$", (location or '') | replace('\n', ' ')) -%}
        {%- if call is not none and call.group(1) == 'read_text' -%}
            {%- set glob = call.group(2) | replace('{name}', node.name) -%}
            {%- set relation = api.Relation.create(
                schema=node.schema, identifier=node.identifier) -%}
            {%- call statement('schema_' ~ node.unique_id) -%}
                create schema if not exists {{ node.schema }}
            {%- endcall -%}
            {%- call statement('view_' ~ node.unique_id) -%}
                create or replace view {{ relation }} as
                select
                    regexp_replace(path, '^file:', '') as filename,
                    cast(content as string) as content
                from binaryFile.`{{ glob }}`
            {%- endcall -%}
            {{ log('register_lake_sources: ' ~ relation ~ ' over ' ~ glob, info=true) }}
        {%- elif call is none or call.group(1) != 'read_parquet' -%}
            {%- do skipped.append(node.source_name ~ '.' ~ node.name) -%}
        {%- else -%}
            {%- set glob = call.group(2) | replace('{name}', node.name) -%}
            {%- set folder = modules.re.split('/[^/]*[*?\[]', glob)[0] -%}
            {%- set reader = 'parquet.`' ~ folder ~ '`' -%}
            {%- set first = run_query(
                'select _metadata.file_path from ' ~ reader ~ ' limit 1') -%}
            {%- set keys = modules.re.findall(
                '/([^/=]+)=[^/]*', first.columns[0].values()[0]) -%}
            {%- set columns = [] -%}
            {%- for column in run_query('describe query select * from ' ~ reader) -%}
                {%- if column[0] and not column[0].startswith('#')
                    and column[0] not in keys and column[0] not in columns -%}
                    {%- do columns.append(column[0]) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- set relation = api.Relation.create(
                schema=node.schema, identifier=node.identifier) -%}
            {%- call statement('schema_' ~ node.unique_id) -%}
                create schema if not exists {{ node.schema }}
            {%- endcall -%}
            {%- call statement('view_' ~ node.unique_id) -%}
                create or replace view {{ relation }} as
                select
                    {%- for column in columns %}
                    `{{ column }}`,
                    {%- endfor %}
                    _metadata.row_index as file_row_number,
                    regexp_replace(_metadata.file_path, '^file:', '') as filename
                    {%- for key in keys %},
                    `{{ key }}`
                    {%- endfor %}
                from {{ reader }}
            {%- endcall -%}
            {{ log('register_lake_sources: ' ~ relation ~ ' over ' ~ folder, info=true) }}
        {%- endif -%}
    {%- endfor -%}
    {%- if skipped -%}
        {{ log('register_lake_sources: sources of other readers, not ported to '
            ~ target.type ~ ' yet: ' ~ skipped | join(', '), info=true) }}
    {%- endif -%}
{%- endmacro %}
