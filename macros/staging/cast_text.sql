{#- A text cast to type: 'string' (unchanged), 'integer', or 'timestamp'
    (ISO 8601, to UTC). Null when it does not fit; pair with
    invalid_value_check to quarantine that. -#}
{% macro cast_text(text, type='string') -%}
    {%- if type == 'timestamp' -%}
        {{ parse_timestamp_utc(text) }}
    {%- elif type == 'integer' -%}
        {{ try_cast(text, api.Column.translate_type('integer')) }}
    {%- elif type == 'string' -%}
        {{ text }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("cast_text: unknown type '" ~ type ~ "'") }}
    {%- endif -%}
{%- endmacro %}
