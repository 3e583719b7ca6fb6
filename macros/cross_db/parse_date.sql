{#- Parse a date written in any of the given strptime formats (first that
    fits wins); null when none fits. -#}
{% macro parse_date(expr, formats=['%Y-%m-%d', '%m/%d/%Y']) -%}
    {{ return(adapter.dispatch('parse_date', 'customer_360')(expr, formats)) }}
{%- endmacro %}

{% macro default__parse_date(expr, formats) -%}
    coalesce(
        {%- for format in formats %}
        to_date({{ expr }}, '{{ format | replace('%Y', 'yyyy') | replace('%m', 'MM') | replace('%d', 'dd') }}')
        {{- ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{% macro duckdb__parse_date(expr, formats) -%}
    cast(try_strptime(trim({{ expr }}), [
        {%- for format in formats %}'{{ format }}'{{ ', ' if not loop.last }}{% endfor -%}
    ]) as date)
{%- endmacro %}
