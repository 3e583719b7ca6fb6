{#- The select of an analyst view over a model: every column of the model,
    each one the model's yml tags with meta.pii masked by mask_pii, the
    others as they are. Driven by the tags (read from the graph when the
    view compiles), not written per column: tagging a column masks it. A
    column of the table that its yml does not document stops the build:
    an untagged column might hold personal data. -#}
{% macro masked_select(model_name) -%}
    {%- set relation = ref(model_name) -%}
    {%- if not execute -%}
        select * from {{ relation }}
        {{- return('') -}}
    {%- endif -%}
    {%- set node = graph.nodes['model.customer_360.' ~ model_name] -%}
    {%- set documented = {} -%}
    {%- for name, column in node.columns.items() -%}
        {%- do documented.update({name | lower: column.meta.get('pii')}) -%}
    {%- endfor -%}
    {%- set selected = [] -%}
    {%- set undocumented = [] -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- set name = column.name | lower -%}
        {%- if name not in documented -%}
            {%- do undocumented.append(name) -%}
        {%- elif documented[name] -%}
            {%- do selected.append(mask_pii(adapter.quote(column.name), documented[name],
                column.data_type) ~ ' as ' ~ adapter.quote(column.name)) -%}
        {%- else -%}
            {%- do selected.append(adapter.quote(column.name)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if undocumented -%}
        {{ exceptions.raise_compiler_error(
            "analyst view of " ~ model_name ~ ": column(s) " ~ undocumented | join(', ')
            ~ " are not documented in the model's yml; document them (with meta.pii where"
            ~ " they hold personal data) before analysts may see them") }}
    {%- endif -%}
    select
        {{ selected | join(',\n        ') }}
    from {{ relation }}
{%- endmacro %}
