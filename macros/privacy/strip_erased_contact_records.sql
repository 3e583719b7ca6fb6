{#- strip_erased_rows for the contact trace records (base and staging): a
    record is the person's when the caller's number is one of the person's
    phones, or its customerId attribute is one of the person's records of
    var contact_center_customer_id_source_system (int_contacts_resolved's
    first rule). The number, the customerId and the attributes (which hold
    the customerId and whatever else the flow stored) are nulled; the raw
    line too in the base table (kept there for quarantined lines).
    Dispatched: Spark's (spark__strip_erased_contact_records) rewrites the
    table instead of updating it. -#}
{% macro strip_erased_contact_records() -%}
    {{ return(adapter.dispatch('strip_erased_contact_records', 'customer_360')()) }}
{%- endmacro %}

{% macro default__strip_erased_contact_records() -%}
    {%- set customer_id_source = var('contact_center_customer_id_source_system', 'crm') -%}
    {%- set columns = ['customer_endpoint_address', 'customer_id_attribute', 'attributes'] -%}
    {%- if this.identifier.startswith('base_') -%}
        {%- do columns.append('_raw_record') -%}
    {%- endif -%}
    {{ return(strip_erased_rows(columns, [
        [pii_hash(normalize_phone('customer_endpoint_address')), 'phone'],
        [dbt.concat(["'" ~ customer_id_source ~ "'", "':'", 'customer_id_attribute']),
            'profile_record'],
    ])) }}
{%- endmacro %}
