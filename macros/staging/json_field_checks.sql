{#- Quarantine checks (see quarantine_reason) for JSON-lines fields declared as
    [column, path, type, required] and extracted by json_lines_base (raw
    text in _text_<column>, typed value in <column>, JSON types of the
    json_object_paths in the list _object_types): a required field must be
    present (the first field is the key), a typed (integer, timestamp) field
    that is present must cast, and a parent of a declared path must be an
    object when present and not null (an Agent that arrived as a string
    would otherwise stage null agent fields). Reasons name the JSON path. -#}
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
    {%- for path in json_object_paths(fields) -%}
        {%- set json_type = list_element('_object_types', loop.index) -%}
        {%- do checks.append([
            json_type ~ " not in ('OBJECT', 'NULL')",
            "'" ~ path[2:] ~ " is ' || " ~ json_type ~ " || ', not an object'",
        ]) -%}
    {%- endfor -%}
    {{ return(checks) }}
{%- endmacro %}
