{#- The files under lake_root that a glob matches (`*` and `?` within a path
    segment, `**` across segments), as local paths without Spark's file:
    scheme, in name order; an empty list at parse time, and when nothing
    matches or the folder does not exist. Spark SQL has no glob() and its
    path readers fail on a path that does not exist, so the folder above
    the glob's first wildcard is listed through a catalog table of the
    binaryFile source (created for the listing and dropped after it; a
    table's location may be missing, and its content column is not
    selected, so no file is read), and its paths are matched against the
    glob. -#}
{% macro spark_lake_files(path) -%}
    {%- if not execute or env_var('CUSTOMER_360_LINT', '') -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set location = var('lake_root') ~ '/' ~ path -%}
    {%- set folder = modules.re.split('/[^/]*[*?\[]', location)[0] -%}
    {%- set pattern = namespace(regex='') -%}
    {%- for token in modules.re.findall('[*][*]/?|[*]|[?]|[^*?]+', location) -%}
        {%- if token.startswith('**') -%}
            {%- set pattern.regex = pattern.regex ~ '(.*/)?' -%}
        {%- elif token == '*' -%}
            {%- set pattern.regex = pattern.regex ~ '[^/]*' -%}
        {%- elif token == '?' -%}
            {%- set pattern.regex = pattern.regex ~ '[^/]' -%}
        {%- else -%}
            {%- set pattern.regex = pattern.regex ~ modules.re.escape(token) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set listing = api.Relation.create(
        schema=target.schema, identifier='lake_files_' ~ local_md5(folder)[:16]) -%}
    {%- do run_query('create schema if not exists ' ~ target.schema) -%}
    {%- do run_query('drop table if exists ' ~ listing) -%}
    {%- do run_query(
        "create table " ~ listing ~ " using binaryFile"
        ~ " options (recursiveFileLookup 'true') location '" ~ folder ~ "'") -%}
    {%- set files = run_query(
        "select file from (select regexp_replace(path, '^file:', '') as file from "
        ~ listing ~ ") as listed order by file").columns[0].values() | list -%}
    {%- do run_query('drop table if exists ' ~ listing) -%}
    {%- set matched = [] -%}
    {%- for file in files if modules.re.fullmatch(pattern.regex, file) -%}
        {%- do matched.append(file) -%}
    {%- endfor -%}
    {{ return(matched) }}
{%- endmacro %}
