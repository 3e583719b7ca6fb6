{#- The regular expression (unanchored, portable: no backslash classes) of
    the timestamps parse_timestamp_utc reads without a format: an ISO 8601 /
    RFC 3339 date YYYY-MM-DD and time ('T' or a space, hh:mm[:ss[.fraction]]),
    then per offset: 'required' a UTC offset ('Z', '+hh', '+hhmm', '+hh:mm'
    or '-'); 'absent' none, the time optional (a date alone is midnight);
    'optional' either. -#}
{% macro iso_timestamp_pattern(offset='optional') -%}
    {%- set date = '[0-9]{4}-[0-9]{2}-[0-9]{2}' -%}
    {%- set time = '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?' -%}
    {%- set utc_offset = '(Z|[+-][0-9]{2}(:?[0-9]{2})?)' -%}
    {%- if offset == 'required' -%}
        {{ return(date ~ time ~ utc_offset) }}
    {%- elif offset == 'absent' -%}
        {{ return(date ~ '(' ~ time ~ ')?') }}
    {%- elif offset == 'optional' -%}
        {{ return(date ~ '(' ~ time ~ utc_offset ~ '?)?') }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "iso_timestamp_pattern: offset must be required, absent or optional, not '"
            ~ offset ~ "'") }}
    {%- endif -%}
{%- endmacro %}
