{#- strip_erased_rows for the contact trace records (base and staging): a
    record is the person's when the caller's number is one of the person's
    phones, or its customerId attribute is one of the person's records of
    var contact_center_customer_id_source_system (int_contacts_resolved's
    first rule). The number, the customerId and the attributes (which hold
    the customerId and whatever else the flow stored) are nulled; the raw
    line too in the base table, which keeps the quarantined lines (replaced
    by erased_raw_record's marker): a line that did not parse (malformed or
    truncated JSON) has no parsed number, so there the caller's number is
    read from the raw text instead (the first Address inside the
    CustomerEndpoint object). -#}
{% macro strip_erased_contact_records() -%}
    {%- set customer_id_source = var('contact_center_customer_id_source_system', 'crm') -%}
    {%- set columns = {
        'customer_endpoint_address': 'null',
        'customer_id_attribute': 'null',
        'attributes': 'null',
    } -%}
    {%- set caller_number = 'customer_endpoint_address' -%}
    {%- if this.identifier.startswith('base_') -%}
        {%- do columns.update({'_raw_record': erased_raw_record()}) -%}
        {%- set caller_number = 'coalesce(customer_endpoint_address, '
            ~ regexp_extract_group('_raw_record',
                '"CustomerEndpoint"[ ]*:[ ]*[{][^}]*"Address"[ ]*:[ ]*"([^"]+)"') ~ ')' -%}
    {%- endif -%}
    {{ return(strip_erased_rows(columns, [
        [pii_hash(normalize_phone(caller_number)), 'phone'],
        [dbt.concat(["'" ~ customer_id_source ~ "'", "':'", 'customer_id_attribute']),
            'profile_record'],
    ])) }}
{%- endmacro %}
