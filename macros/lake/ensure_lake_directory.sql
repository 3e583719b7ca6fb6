{#- SQL that creates a folder under the lake root, parents included (DuckDB's
    COPY does not create folders): writing an empty, partitioned result
    creates the target folder and nothing inside it. The lake root itself
    must exist. Object stores have no folders: nothing to do. -#}
{% macro ensure_lake_directory(relative_path) -%}
    {%- set root = var('lake_root') -%}
    {%- if '://' in root -%}
        select 1
    {%- else -%}
        {%- set parts = relative_path.strip('/').split('/') -%}
        {%- set statements = [] -%}
        {%- for depth in range(1, parts | length + 1) -%}
            {%- do statements.append(
                "copy (select 1 as part, 1 as value where false) to '"
                ~ root ~ "/" ~ (parts[:depth] | join('/'))
                ~ "' (format parquet, partition_by (part), overwrite_or_ignore)") -%}
        {%- endfor -%}
        {{ statements | join(';\n') }}
    {%- endif -%}
{%- endmacro %}
