{#- SQL selecting the ledger's erased values of one kind (profile_record:
    profile_record_id; email / phone: pii_hash of the canonical value; as
    erased_value), for an `in (...)` test. -#}
{% macro erased_values(kind) -%}
    select erased_value from {{ erasure_relation() }}
    where erased_kind = '{{ kind }}'
{%- endmacro %}
