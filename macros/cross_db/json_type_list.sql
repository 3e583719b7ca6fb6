{#- The JSON types of the values at several paths of one document, as a list
    in path order, parsing the document once: 'OBJECT' for an object, 'NULL'
    for a JSON null, another type name otherwise, a null element where the
    path is absent. Lets staging tell an object that arrived as a string or
    a number (Agent: "jdoe") from one that is absent or null. -#}
{% macro json_type_list(doc, paths) -%}
    {{ return(adapter.dispatch('json_type_list', 'customer_360')(doc, paths)) }}
{%- endmacro %}

{#- Portable (Spark): no json_type; json_object_keys is null for anything
    but an object, and get_json_object gives null for a JSON null too. -#}
{% macro default__json_type_list(doc, paths) -%}
    array(
        {%- for path in paths %}
        case
            when get_json_object({{ doc }}, '{{ path }}') is null then null
            when json_object_keys(get_json_object({{ doc }}, '{{ path }}')) is not null
                then 'OBJECT'
            else 'OTHER'
        end{{ ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{% macro duckdb__json_type_list(doc, paths) -%}
    json_type({{ doc }}, [
        {%- for path in paths %}'{{ path }}'{{ ', ' if not loop.last }}{% endfor -%}
    ])
{%- endmacro %}
