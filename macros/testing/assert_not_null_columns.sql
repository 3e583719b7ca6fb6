{#- In a generic test: raise a compiler error when the attached model
    declares no not-null column (the test would check nothing), or declares
    columns its relation lacks, naming the model and each such column
    (compared case-insensitively, as DuckDB and Spark compare names). The
    relation's columns are read when it exists; when it does not (not built
    yet), the test's query fails on the missing table. -#}
{% macro assert_not_null_columns(names) -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set node = graph.nodes[model.attached_node] -%}
    {%- set test_name = model.test_metadata.name -%}
    {%- if not names -%}
        {{ exceptions.raise_compiler_error(
            test_name ~ ': ' ~ node.name ~ ' declares no column with'
            ~ ' `constraints: [{type: not_null}]`') }}
    {%- endif -%}
    {%- set relation = adapter.get_relation(
        database=node.database, schema=node.schema, identifier=node.alias) -%}
    {%- if relation is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set present = [] -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- do present.append(column.name | lower) -%}
    {%- endfor -%}
    {%- set missing = [] -%}
    {%- for name in names -%}
        {%- if name | lower not in present -%}
            {%- do missing.append(name) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if missing -%}
        {{ exceptions.raise_compiler_error(
            test_name ~ ': ' ~ node.name ~ ' declares not_null on ' ~ missing | join(', ')
            ~ ', which ' ~ relation ~ ' lacks (its columns: ' ~ present | join(', ') ~ ')') }}
    {%- endif -%}
{%- endmacro %}
