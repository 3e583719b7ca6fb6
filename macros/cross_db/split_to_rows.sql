{#- One row per space-separated token of text_expr for each row of relation:
    (id_column, token_position starting at 1, token). -#}
{% macro split_to_rows(relation, id_column, text_expr) -%}
    {{ return(adapter.dispatch('split_to_rows', 'customer_360')(relation, id_column, text_expr)) }}
{%- endmacro %}

{% macro default__split_to_rows(relation, id_column, text_expr) -%}
    select {{ id_column }}, token_position + 1 as token_position, token
    from {{ relation }}
    lateral view posexplode(split({{ text_expr }}, ' ')) tokens as token_position, token
    where {{ text_expr }} is not null
{%- endmacro %}

{% macro duckdb__split_to_rows(relation, id_column, text_expr) -%}
    select
        {{ id_column }},
        unnest(range(1, len(string_split({{ text_expr }}, ' ')) + 1)) as token_position,
        unnest(string_split({{ text_expr }}, ' ')) as token
    from {{ relation }}
    where {{ text_expr }} is not null
{%- endmacro %}
