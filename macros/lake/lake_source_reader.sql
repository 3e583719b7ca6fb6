{#- The reader call of a lake source split into its parts: dbt-duckdb
    renders a source with an external_location such as
    read_text('<glob>', options) as that call, and this returns
    {'function': 'read_text', 'path': '<glob>', 'options': ', options'}
    (options: the text between the path literal and the closing parenthesis,
    '' when there is none). Lets a model list the source's files and read a
    subset of them with the source's own reader options. The path must be
    the call's first argument and hold no single quote. -#}
{% macro lake_source_reader(relation) -%}
    {%- set location = (relation.external if relation.external is defined else none) or '' -%}
    {%- set parts = location.split("'") -%}
    {%- set function = parts[0].strip() -%}
    {%- set rest = ("'".join(parts[2:])).strip() if parts | length >= 3 else '' -%}
    {%- if not function.endswith('(') or not rest.endswith(')') -%}
        {{ exceptions.raise_compiler_error(
            "lake_source_reader: " ~ relation ~ " is not a lake source read by a function "
            ~ "of its path (meta.external_location such as read_text('<glob>'))") }}
    {%- endif -%}
    {{ return({
        'function': function[:-1].strip(),
        'path': parts[1],
        'options': rest[:-1].rstrip(),
    }) }}
{%- endmacro %}
