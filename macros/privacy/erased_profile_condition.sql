{#- A condition true for the rows of a staging relation of an identity
    source (or of its base relation) that an erasure request removes: the
    record is in the ledger (privacy_erased_records: the person's records,
    resolved when the request was applied), or it holds the very email or
    phone a request names (records that landed after the request, or on the
    build that applied it). Never null. `false` while no request was ever
    applied (erasure_is_active), so staging pays nothing until then, and
    `false` for a staging relation the configuration does not use as an
    identity source (its rows never become person records: nothing to
    resolve a request against; docs/privacy.md).
    relation_name and alias: as profile_erasure_columns. -#}
{% macro erased_profile_condition(relation_name, alias) -%}
    {%- set columns = profile_erasure_columns(relation_name, alias) -%}
    {%- if columns is none or not erasure_is_active() -%}
        false
    {%- else -%}
        coalesce(
            {{ columns.record_id }} in ({{ erased_values('profile_record') }})
            {%- for column in columns.emails %}
            or {{ pii_hash(normalize_email(column)) }} in ({{ erased_values('requested_email') }})
            {%- endfor %}
            {%- for column in columns.phones %}
            or {{ pii_hash(normalize_phone(column)) }} in ({{ erased_values('requested_phone') }})
            {%- endfor %},
            false
        )
    {%- endif -%}
{%- endmacro %}
