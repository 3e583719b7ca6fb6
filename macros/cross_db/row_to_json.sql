{#- The whole row of a relation alias as one JSON text, so a quarantined row
    keeps every raw value. -#}
{% macro row_to_json(alias) -%}
    {{ return(adapter.dispatch('row_to_json', 'customer_360')(alias)) }}
{%- endmacro %}

{% macro default__row_to_json(alias) -%}
    to_json(struct({{ alias }}.*))
{%- endmacro %}

{#- DuckDB: a table alias used as a value is the row as a struct. -#}
{% macro duckdb__row_to_json(alias) -%}
    cast(to_json({{ alias }}) as varchar)
{%- endmacro %}
