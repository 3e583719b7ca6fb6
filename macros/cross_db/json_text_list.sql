{#- The scalars at several JSON paths of one document, as a list of texts in
    path order, parsing the document once (null elements where a path is
    absent; objects and arrays come back as JSON text). -#}
{% macro json_text_list(doc, paths) -%}
    {{ return(adapter.dispatch('json_text_list', 'customer_360')(doc, paths)) }}
{%- endmacro %}

{% macro default__json_text_list(doc, paths) -%}
    array(
        {%- for path in paths %}
        get_json_object({{ doc }}, '{{ path }}'){{ ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{% macro duckdb__json_text_list(doc, paths) -%}
    json_extract_string({{ doc }}, [
        {%- for path in paths %}'{{ path }}'{{ ', ' if not loop.last }}{% endfor -%}
    ])
{%- endmacro %}
