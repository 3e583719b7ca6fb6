{#- A row's contract violations as one '; '-separated string, or null when the
    row keeps its feed's contract. checks: a list of [condition, reason] pairs
    of SQL expressions, as built by missing_value_check and
    invalid_value_check. -#}
{% macro quarantine_reason(checks) -%}
    nullif(concat_ws(
        '; '
        {%- for check in checks %},
        case when {{ check[0] }} then {{ check[1] }} end
        {%- endfor %}
    ), '')
{%- endmacro %}
