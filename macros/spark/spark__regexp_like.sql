{#- Spark's regexp_like (macros/cross_db): Spark reads backslash escapes in
    string literals ('\s' is 's'), DuckDB does not, so the pattern's
    backslashes are doubled to reach the regular expression as written
    ('' stays a quote on both). -#}
{% macro spark__regexp_like(expr, pattern) -%}
    ({{ expr }} rlike '{{ pattern | replace('\\', '\\\\') }}')
{%- endmacro %}
