{#- Spark's lake_files_in_window (macros/lake): the files of a registered
    Parquet or text source (register_lake_sources) within the load_date window, in
    name order, as the source's view names them in filename (local paths,
    no file: scheme). Spark SQL has no glob(): the binaryFile reader lists
    the files of the source's glob (its content column is not selected, so
    no file is read); the folder date is cut from the path as on DuckDB.
    Kept here, beside register_lake_sources, not in macros/lake. -#}
{% macro spark__lake_files_in_window(relation) -%}
    {%- if not execute or env_var('CUSTOMER_360_LINT', '') -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set globs = [] -%}
    {%- for node in graph.sources.values() if node.package_name == project_name
        and node.schema == relation.schema and node.identifier == relation.identifier -%}
        {%- set location = (node.meta or {}).get('external_location')
            or (node.source_meta or {}).get('external_location') or '' -%}
        {%- set call = modules.re.match(
            "\s*read_(?:parquet|text)\(\s*'([^']*)'", location | replace('\n', ' ')) -%}
        {%- if call -%}
            {%- do globs.append(call.group(1) | replace('{name}', node.name)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if globs | length != 1 -%}
        {{ exceptions.raise_compiler_error(
            "lake_files_in_window: " ~ relation ~ " is not a registered Parquet or text lake source"
            ~ " on " ~ target.type ~ " (register_lake_sources, docs/spark.md)") }}
    {%- endif -%}
    {%- set query -%}
        with

        lake_files as (

            select
                regexp_replace(path, '^file:', '') as file,
                try_cast(coalesce(
                    nullif(regexp_extract(
                        path, '/[a-z_]*date=([0-9]{4}-[0-9]{2}-[0-9]{2})/', 1
                    ), ''),
                    nullif(regexp_replace(
                        regexp_extract(path, '/year=[0-9]{4}/month=[0-9]{2}/day=[0-9]{2}/', 0),
                        '/year=([0-9]{4})/month=([0-9]{2})/day=([0-9]{2})/', '$1-$2-$3'
                    ), '')
                ) as date) as load_date
            from binaryFile.`{{ globs[0] }}`

        )

        select file from lake_files
        {{- load_date_filter('load_date') }}
        order by file
    {%- endset -%}
    {{ return(run_query(query).columns[0].values() | list) }}
{%- endmacro %}
