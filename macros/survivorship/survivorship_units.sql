{#- The units that survive together, from the survivorship configuration:
    each group (its name, its attributes) and every attribute in no group on
    its own, each with its rule (the attribute's or group's configured rule,
    else default_rule) and source priority. A group takes the rule of its
    name in survivorship.attributes. -#}
{% macro survivorship_units(survivorship) -%}
    {%- set rules = ['recency', 'source_priority', 'most_complete', 'most_frequent'] -%}
    {%- set configured = survivorship.get('attributes', {}) or {} -%}
    {%- set groups = survivorship.get('groups', {}) or {} -%}
    {%- set names = golden_attributes() | map(attribute='name') | list -%}
    {%- set grouped = [] -%}
    {%- set units = [] -%}
    {%- for group_name, members in groups.items() -%}
        {%- for member in members if member not in names -%}
            {{ exceptions.raise_compiler_error("survivorship group " ~ group_name
                ~ ": unknown attribute '" ~ member ~ "' (known: " ~ names | join(', ') ~ ")") }}
        {%- endfor -%}
        {%- do grouped.extend(members) -%}
        {%- do units.append({'name': group_name, 'attributes': members}) -%}
    {%- endfor -%}
    {%- for name in names if name not in grouped -%}
        {%- do units.append({'name': name, 'attributes': [name]}) -%}
    {%- endfor -%}
    {%- for key in configured if key not in names and key not in groups -%}
        {{ exceptions.raise_compiler_error("survivorship.attributes: unknown attribute or group '"
            ~ key ~ "' (known: " ~ (names + (groups.keys() | list)) | join(', ') ~ ")") }}
    {%- endfor -%}
    {%- for unit in units -%}
        {%- set setting = configured.get(unit.name, {}) or {} -%}
        {%- set rule = setting.get('rule', survivorship.get('default_rule', 'recency')) -%}
        {%- if rule not in rules -%}
            {{ exceptions.raise_compiler_error("survivorship rule for " ~ unit.name ~ ": '"
                ~ rule ~ "' is not one of " ~ rules | join(', ')) }}
        {%- endif -%}
        {%- do unit.update({
            'rule': rule,
            'source_priority': setting.get('source_priority',
                survivorship.get('source_priority', [])) or [],
        }) -%}
    {%- endfor -%}
    {{ return(units) }}
{%- endmacro %}
