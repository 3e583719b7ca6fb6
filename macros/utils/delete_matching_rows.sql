{#- SQL deleting from a table the rows whose key columns equal those of a
    row of another (small) table, such as the blocks an incremental run
    rebuilds. -#}
{% macro delete_matching_rows(relation, keys_relation, columns) -%}
    {{ return(adapter.dispatch('delete_matching_rows', 'customer_360')(
        relation, keys_relation, columns)) }}
{%- endmacro %}

{% macro default__delete_matching_rows(relation, keys_relation, columns) -%}
    delete from {{ relation }}
    where exists (
        select 1 from {{ keys_relation }} as matched
        where
        {%- for column in columns %}
            matched.{{ column }} = {{ relation }}.{{ column }}{{ ' and' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{#- DuckDB: delete ... using joins the key table as the hash table, where
    the correlated exists first groups the large table by its keys. -#}
{% macro duckdb__delete_matching_rows(relation, keys_relation, columns) -%}
    delete from {{ relation }}
    using {{ keys_relation }} as matched
    where
    {%- for column in columns %}
        matched.{{ column }} = {{ relation }}.{{ column }}{{ ' and' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
