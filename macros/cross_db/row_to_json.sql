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

{#- Spark: timestamps as DuckDB writes them (space, UTC offset '+00' in the
    UTC session) but always with six fraction digits, which Spark cannot
    trim as DuckDB does: nothing of the raw value is lost
    ('2023-10-11 03:04:03.000000+00' where DuckDB has '...03:04:03+00'). -#}
{% macro spark__row_to_json(alias) -%}
    to_json(
        struct({{ alias }}.*),
        map('timestampFormat', 'yyyy-MM-dd HH:mm:ss.SSSSSSx',
            'timestampNTZFormat', 'yyyy-MM-dd HH:mm:ss.SSSSSS')
    )
{%- endmacro %}
