{#- Spark's lake_file_columns (macros/lake): Spark SQL has no
    parquet_metadata(), so each file the glob matches (spark_lake_files) has
    its schema described when the calling model compiles (Spark reads the
    file's footer, no row), and the result is rendered as a values list of
    (file_name, column_name), the top-level columns in file order, file
    names as local paths as on DuckDB. Unlike DuckDB's, a file with no row
    group lists its columns too. -#}
{% macro spark__lake_file_columns(path) -%}
    {%- set rows = [] -%}
    {%- for file in spark_lake_files(path) -%}
        {%- set quoted = file | replace("\\", "\\\\") | replace("'", "\\'") -%}
        {%- for column in run_query(
            'describe query select * from parquet.`' ~ file ~ '`') -%}
            {%- if column[0] and not column[0].startswith('#') -%}
                {%- do rows.append("('" ~ quoted ~ "', '"
                    ~ column[0] | replace("\\", "\\\\") | replace("'", "\\'") ~ "')") -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- if rows -%}
        select distinct file_name, column_name
        from values
            {{ rows | join(',\n            ') }}
            as listed (file_name, column_name)
    {%- else -%}
        select
            cast(null as string) as file_name,
            cast(null as string) as column_name
        where false
    {%- endif -%}
{%- endmacro %}
