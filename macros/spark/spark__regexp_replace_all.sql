{#- Spark's regexp_replace_all (macros/cross_db): Spark replaces every
    match, as the default; the pattern's backslashes are doubled (Spark
    reads backslash escapes in string literals, DuckDB does not), and the
    replacement's group references \1 become Java's $1, a literal $
    escaped. -#}
{% macro spark__regexp_replace_all(expr, pattern, replacement) -%}
    {%- set java = modules.re.sub('\\\\([0-9])', '$\\1', replacement | replace('$', '\\$')) -%}
    regexp_replace(
        {{ expr }}, '{{ pattern | replace('\\', '\\\\') }}', '{{ java | replace('\\', '\\\\') }}'
    )
{%- endmacro %}
