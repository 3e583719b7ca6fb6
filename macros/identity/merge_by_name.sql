{#- Merge two lists of named dictionaries: an override entry replaces the base
    entry of the same name (keeping its position), new names are appended, and
    an override with `enabled: false` removes the entry of its name. -#}
{% macro merge_by_name(base, overrides) -%}
    {%- set merged = [] -%}
    {%- set override_names = overrides | map(attribute='name') | list -%}
    {%- set base_names = base | map(attribute='name') | list -%}
    {%- for entry in base -%}
        {%- if entry.name in override_names -%}
            {%- set replacement = (overrides | selectattr('name', 'equalto', entry.name) | list)[0] -%}
            {%- if replacement.get('enabled', true) -%}{%- do merged.append(replacement) -%}{%- endif -%}
        {%- else -%}
            {%- do merged.append(entry) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for entry in overrides -%}
        {%- if entry.name not in base_names and entry.get('enabled', true) -%}
            {%- do merged.append(entry) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(merged) }}
{%- endmacro %}
