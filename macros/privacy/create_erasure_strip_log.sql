{#- Post-hook of the erasure ledger: create, once, the log of the rows the
    strip hooks nulled (strip_erased_rows), next to the ledger: per request,
    relation and file, how many rows and in which invocation. The audit
    (audit_erasure_requests) reads it; it holds no personal data. -#}
{% macro create_erasure_strip_log() -%}
    create table if not exists {{ erasure_relation('stripped') }} (
        request_id {{ dbt.type_string() }},
        relation_name {{ dbt.type_string() }},
        file_name {{ dbt.type_string() }},
        stripped_rows {{ dbt.type_bigint() }},
        stripped_invocation_id {{ dbt.type_string() }}
    )
{%- endmacro %}
