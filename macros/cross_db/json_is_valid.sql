{#- True when a text is one well-formed JSON object. -#}
{% macro json_is_valid(expr) -%}
    {{ return(adapter.dispatch('json_is_valid', 'customer_360')(expr)) }}
{%- endmacro %}

{% macro default__json_is_valid(expr) -%}
    (get_json_object({{ expr }}, '$') is not null)
{%- endmacro %}

{#- DuckDB: json_type fails on malformed text, so it is only reached through
    the case branch where json_valid holds. -#}
{% macro duckdb__json_is_valid(expr) -%}
    coalesce(
        case when json_valid({{ expr }}) then json_type({{ expr }}) = 'OBJECT' end,
        false
    )
{%- endmacro %}
