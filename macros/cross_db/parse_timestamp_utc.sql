{#- Parse a timestamp string into a UTC timestamp without time zone; null when
    it cannot be parsed (the caller quarantines or flags it).
    - no format: ISO 8601, with or without an offset (no offset = UTC);
    - format: a strptime pattern, the value being local time in time_zone
      (default UTC). -#}
{% macro parse_timestamp_utc(expr, format=none, time_zone='UTC') -%}
    {{ return(adapter.dispatch('parse_timestamp_utc', 'customer_360')(expr, format, time_zone)) }}
{%- endmacro %}

{% macro default__parse_timestamp_utc(expr, format, time_zone) -%}
    {{ try_cast(expr, api.Column.translate_type('timestamp')) }}
{%- endmacro %}

{#- DuckDB: ICU's timestamptz cast reads offsets; timezone() converts. -#}
{% macro duckdb__parse_timestamp_utc(expr, format, time_zone) -%}
    {%- if format -%}
        timezone('UTC', timezone('{{ time_zone }}', try_strptime({{ expr }}, '{{ format }}')))
    {%- else -%}
        timezone('UTC', try_cast({{ expr }} as timestamptz))
    {%- endif -%}
{%- endmacro %}
