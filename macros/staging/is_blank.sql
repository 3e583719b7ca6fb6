{#- True when a required text value is missing: null, empty or only spaces. -#}
{% macro is_blank(expr) -%}
    ({{ expr }} is null or trim({{ try_cast(expr, api.Column.translate_type('string')) }}) = '')
{%- endmacro %}
