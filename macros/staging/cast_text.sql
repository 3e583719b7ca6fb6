{#- A text cast to type: 'string' (unchanged), 'integer', or 'timestamp'
    (ISO 8601 with a UTC offset, to UTC: the Connect feeds write 'Z', so a
    value without an offset is ambiguous; see parse_timestamp_utc). Null when
    it does not fit; pair with invalid_value_check to quarantine that. -#}
{% macro cast_text(text, type='string') -%}
    {%- if type == 'timestamp' -%}
        {{ parse_timestamp_utc(text, time_zone=none) }}
    {%- elif type == 'integer' -%}
        {{ try_cast(text, api.Column.translate_type('integer')) }}
    {%- elif type == 'string' -%}
        {{ text }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("cast_text: unknown type '" ~ type ~ "'") }}
    {%- endif -%}
{%- endmacro %}
