{#- In a generic test: the columns the attached model (or seed) declares not
    null as dbt constraints, in the yml's order: column-level
    `constraints: [{type: not_null}]` and model-level
    `constraints: [{type: not_null, columns: [...]}]`. Each as a dict of its
    `name` and its SQL `expression` (quoted when the column sets
    `quote: true`). dbt enforces neither without a contract, which this
    project does not declare (Spark's Parquet tables cannot enforce one):
    columns_not_null checks them. Empty while dbt parses; a compiler error
    naming the model when it declares none (the test would check nothing) or
    the test is attached to no model or seed. -#}
{% macro not_null_columns() -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set attached = model.attached_node if model.attached_node is defined else none -%}
    {%- if not attached or attached not in graph.nodes -%}
        {{ exceptions.raise_compiler_error(
            model.test_metadata.name ~ ' (' ~ model.unique_id ~ '): attach it to a model or seed') }}
    {%- endif -%}
    {%- set node = graph.nodes[attached] -%}
    {%- set names = [] -%}
    {%- set quoted = {} -%}
    {%- for column in node.columns.values() -%}
        {%- for constraint in column.constraints or [] -%}
            {%- if constraint.type == 'not_null' and column.name not in names -%}
                {%- do names.append(column.name) -%}
                {%- do quoted.update({column.name: column.quote}) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for constraint in node.constraints or [] -%}
        {%- if constraint.type == 'not_null' -%}
            {%- for name in constraint.columns or [] -%}
                {%- if name not in names -%}
                    {%- do names.append(name) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not names -%}
        {{ exceptions.raise_compiler_error(
            model.test_metadata.name ~ ': ' ~ node.name ~ ' declares no column with'
            ~ ' `constraints: [{type: not_null}]`') }}
    {%- endif -%}
    {%- set columns = [] -%}
    {%- for name in names -%}
        {%- do columns.append({
            'name': name,
            'expression': adapter.quote(name) if quoted.get(name) else name,
        }) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}
