{#- The regular expression (unanchored, portable: no backslash classes) of
    the timestamps parse_timestamp_utc reads without a format: an ISO 8601 /
    RFC 3339 date and time, YYYY-MM-DD, 'T' or a space, hh:mm[:ss[.fraction]],
    then per offset: 'required' a UTC offset ('Z', '+hh', '+hhmm', '+hh:mm'
    or '-'), 'absent' none, 'optional' either. -#}
{% macro iso_timestamp_pattern(offset='optional') -%}
    {%- set date_time = '[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?' -%}
    {%- set utc_offset = '(Z|[+-][0-9]{2}(:?[0-9]{2})?)' -%}
    {%- if offset == 'required' -%}
        {{ return(date_time ~ utc_offset) }}
    {%- elif offset == 'absent' -%}
        {{ return(date_time) }}
    {%- elif offset == 'optional' -%}
        {{ return(date_time ~ utc_offset ~ '?') }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "iso_timestamp_pattern: offset must be required, absent or optional, not '"
            ~ offset ~ "'") }}
    {%- endif -%}
{%- endmacro %}
