{#- The JSON paths that must hold an object (or be absent or null) for the
    fields of a JSON-lines feed to be read: every parent of a declared path
    ('$.Agent' and '$.Agent.RoutingProfile' for '$.Agent.RoutingProfile.Name'),
    once each, in the order first met. fields: as in json_lines_base. -#}
{% macro json_object_paths(fields) -%}
    {%- set parents = [] -%}
    {%- for field in fields -%}
        {%- set steps = field[1][2:].split('.') -%}
        {%- for depth in range(1, steps | length) -%}
            {%- set parent = '$.' ~ (steps[:depth] | join('.')) -%}
            {%- if parent not in parents -%}{%- do parents.append(parent) -%}{%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(parents) }}
{%- endmacro %}
