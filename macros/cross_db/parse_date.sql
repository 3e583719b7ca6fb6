{#- Parse a date written in any of the given strptime formats (first that
    fits wins); null when none fits or the date does not exist (02/30).
    The defaults read ISO, US month-first, compact (FEBRL's 19560409),
    year-first with slashes, '09-Apr-1980' and 'Apr 9, 1980' /
    'April 9, 1980'; no day-first slash format, since 04/09 would be
    ambiguous. -#}
{% macro parse_date(expr, formats=[
    '%Y-%m-%d', '%m/%d/%Y', '%Y%m%d', '%Y/%m/%d',
    '%d-%b-%Y', '%b %d, %Y', '%B %d, %Y',
]) -%}
    {{ return(adapter.dispatch('parse_date', 'customer_360')(expr, formats)) }}
{%- endmacro %}

{#- Spark: try_to_timestamp gives null, not an error, under ANSI mode too.
    Datetime patterns: M and d read one or two digits like strptime, but
    digits written without separators need fixed widths (yyyyMMdd). -#}
{% macro default__parse_date(expr, formats) -%}
    coalesce(
        {%- for format in formats %}
        {%- set pattern = format
            | replace('%Y%m%d', 'yyyyMMdd')
            | replace('%Y', 'yyyy') | replace('%m', 'M') | replace('%d', 'd')
            | replace('%B', 'MMMM') | replace('%b', 'MMM') %}
        cast(try_to_timestamp(trim({{ expr }}), '{{ pattern }}') as date)
        {{- ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{% macro duckdb__parse_date(expr, formats) -%}
    cast(try_strptime(trim({{ expr }}), [
        {%- for format in formats %}'{{ format }}'{{ ', ' if not loop.last }}{% endfor -%}
    ]) as date)
{%- endmacro %}
