{#- A scalar at a JSON path of a JSON text, as text (null when absent or when
    the document is null). path: '$.A.B'. -#}
{% macro json_text(doc, path) -%}
    {{ return(adapter.dispatch('json_text', 'customer_360')(doc, path)) }}
{%- endmacro %}

{% macro default__json_text(doc, path) -%}
    get_json_object({{ doc }}, '{{ path }}')
{%- endmacro %}

{% macro duckdb__json_text(doc, path) -%}
    json_extract_string({{ doc }}, '{{ path }}')
{%- endmacro %}
