{#- Quarantine checks (see quarantine_reason) for JSON-lines fields declared as
    [column, path, type, required] and extracted by json_lines_base (raw
    text in _text_<column>, typed value in <column>): a required field must
    be present (the first field is the key), and a typed (integer,
    timestamp) field that is present must cast. Reasons name the JSON path. -#}
{% macro json_field_checks(fields) -%}
    {%- set problems = {
        'integer': 'not an integer',
        'timestamp': 'unparseable timestamp',
    } -%}
    {%- set checks = [] -%}
    {%- for column, path, type, required in fields -%}
        {%- set name = path[2:] -%}
        {%- if required -%}
            {%- do checks.append(missing_value_check(
                '_text_' ~ column, name, 'key' if loop.first else 'required')) -%}
        {%- endif -%}
        {%- if type in problems -%}
            {%- do checks.append(invalid_value_check(
                '_text_' ~ column, column, name, problems[type])) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(checks) }}
{%- endmacro %}
