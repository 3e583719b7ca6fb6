{#- A 64-bit hash of one or more expressions together, equal for equal
    values (nulls included): a cheap key to group on before comparing the
    values themselves. Different values may collide, so a caller treats
    equal hashes as candidates only. expressions: list of SQL expressions. -#}
{% macro row_hash(expressions) -%}
    {{ return(adapter.dispatch('row_hash', 'customer_360')(expressions)) }}
{%- endmacro %}

{#- Portable: the md5 of the values as text, each written as its length, a
    colon and the text (a null as '<null>'), so that no two different rows
    make the same text; slower than an engine's native hash. -#}
{% macro default__row_hash(expressions) -%}
    {%- set parts = [] -%}
    {%- for expression in expressions -%}
        {%- set text = dbt.cast(expression, dbt.type_string()) -%}
        {%- do parts.append("coalesce(" ~ dbt.concat([
            dbt.cast(dbt.length(text), dbt.type_string()), "':'", text]) ~ ", '<null>')") -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}

{% macro duckdb__row_hash(expressions) -%}
    hash({{ expressions | join(', ') }})
{%- endmacro %}

{% macro spark__row_hash(expressions) -%}
    xxhash64({{ expressions | join(', ') }})
{%- endmacro %}
