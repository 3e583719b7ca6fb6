{#- Spark's pii_hash (macros/privacy): sha2(..., 256) of salt|value, the
    lower-case hex digest DuckDB's sha256 gives, so a hash computed on
    Spark equals DuckDB's (analysts' hashed keys and the erasure ledger
    agree across engines); null in, null out. -#}
{% macro spark__pii_hash(expression) -%}
    sha2(concat('{{ pii_salt() }}|', cast(({{ expression }}) as string)), 256)
{%- endmacro %}
