{#- Spark's strip_erased_contact_records (macros/privacy): the same columns
    and matches as the default, through spark_strip_erased_rows, since Spark
    cannot update a Parquet table. -#}
{% macro spark__strip_erased_contact_records() -%}
    {%- set customer_id_source = var('contact_center_customer_id_source_system', 'crm') -%}
    {%- set columns = ['customer_endpoint_address', 'customer_id_attribute', 'attributes'] -%}
    {%- if this.identifier.startswith('base_') -%}
        {%- do columns.append('_raw_record') -%}
    {%- endif -%}
    {{ return(spark_strip_erased_rows(columns, [
        [pii_hash(normalize_phone('customer_endpoint_address')), 'phone'],
        [dbt.concat(["'" ~ customer_id_source ~ "'", "':'", 'customer_id_attribute']),
            'profile_record'],
    ])) }}
{%- endmacro %}
