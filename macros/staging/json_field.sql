{#- The value at a JSON path of a document, cast to type: 'string',
    'integer' or 'timestamp' (UTC, ISO 8601). Null when absent or not
    castable; pair with json_field_check to quarantine the latter. -#}
{% macro json_field(doc, path, type='string') -%}
    {%- set text = json_text(doc, path) -%}
    {%- if type == 'timestamp' -%}
        {{ parse_timestamp_utc(text) }}
    {%- elif type == 'integer' -%}
        {{ try_cast(text, api.Column.translate_type('integer')) }}
    {%- else -%}
        {{ text }}
    {%- endif -%}
{%- endmacro %}
