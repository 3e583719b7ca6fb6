{#- A join condition matching the rows of a staging (or base) relation of an
    identity source to the ledger rows (privacy_erased_records, alias
    ledger_alias) that erase them: the record itself, or the email or phone
    a request names; erased_profile_condition, attributed to its request.
    relation_name and alias: as profile_erasure_columns. Matches nothing
    for a relation that is not an identity source. -#}
{% macro erased_profile_join(relation_name, alias, ledger_alias) -%}
    {%- set columns = profile_erasure_columns(relation_name, alias) -%}
    {%- if columns is none -%}
        {{ return('1 = 0') }}
    {%- endif -%}
    ({{ ledger_alias }}.erased_kind = 'profile_record'
        and {{ ledger_alias }}.erased_value = {{ columns.record_id }})
    {%- for column in columns.emails %}
    or ({{ ledger_alias }}.erased_kind = 'requested_email'
        and {{ ledger_alias }}.erased_value = {{ pii_hash(normalize_email(column)) }})
    {%- endfor %}
    {%- for column in columns.phones %}
    or ({{ ledger_alias }}.erased_kind = 'requested_phone'
        and {{ ledger_alias }}.erased_value = {{ pii_hash(normalize_phone(column)) }})
    {%- endfor %}
{%- endmacro %}
