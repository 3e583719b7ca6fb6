{#- A salted hash of a value as text (null stays null): the same value
    hashes alike in every model and run, so hashed columns still join and
    count distinct, but the value cannot be looked up without the salt
    (pii_salt). -#}
{% macro pii_hash(expression) -%}
    {{ return(adapter.dispatch('pii_hash', 'customer_360')(expression)) }}
{%- endmacro %}

{#- Portable: dbt.hash (md5 on most engines) of salt|value. -#}
{% macro default__pii_hash(expression) -%}
    case
        when ({{ expression }}) is not null
            then {{ dbt.hash(dbt.concat(["'" ~ pii_salt() ~ "|'", expression])) }}
    end
{%- endmacro %}

{#- DuckDB: sha256, stronger than md5 against guessing; null in, null out. -#}
{% macro duckdb__pii_hash(expression) -%}
    sha256('{{ pii_salt() }}|' || cast(({{ expression }}) as varchar))
{%- endmacro %}
