{#- Every row of relation once per element of its list column, with the
    element in column element_name (which replaces any column of that name).
    Rows whose list is null or empty disappear. -#}
{% macro explode_list(relation, list_column, element_name) -%}
    {{ return(adapter.dispatch('explode_list', 'customer_360')(relation, list_column, element_name)) }}
{%- endmacro %}

{% macro default__explode_list(relation, list_column, element_name) -%}
    select * except ({{ element_name }}), explode({{ list_column }}) as {{ element_name }}
    from {{ relation }}
{%- endmacro %}

{% macro duckdb__explode_list(relation, list_column, element_name) -%}
    select * exclude ({{ element_name }}), unnest({{ list_column }}) as {{ element_name }}
    from {{ relation }}
{%- endmacro %}
