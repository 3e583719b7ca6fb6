{#- Quarantine checks (see quarantine_reason) for JSON-lines fields declared as
    [column, path, type, required]: a required field must be present, and a
    typed (integer, timestamp) field present in the document must cast. The
    reasons name the JSON path. -#}
{% macro json_field_checks(doc, fields) -%}
    {%- set problems = {
        'integer': 'not an integer',
        'timestamp': 'unparseable timestamp',
    } -%}
    {%- set checks = [] -%}
    {%- for column, path, type, required in fields -%}
        {%- set name = path[2:] -%}
        {%- if required -%}
            {%- do checks.append(missing_value_check(
                json_text(doc, path), name, 'key' if loop.first else 'required')) -%}
        {%- endif -%}
        {%- if type in problems -%}
            {%- do checks.append(invalid_value_check(
                json_text(doc, path), column, name, problems[type])) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(checks) }}
{%- endmacro %}
