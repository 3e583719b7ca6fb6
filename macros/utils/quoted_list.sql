{#- A list of names as SQL string literals separated by commas, for `in (...)`. -#}
{% macro quoted_list(names) -%}
    {%- for name in names %}'{{ name | replace("'", "''") }}'{{ ", " if not loop.last }}{% endfor -%}
{%- endmacro %}
