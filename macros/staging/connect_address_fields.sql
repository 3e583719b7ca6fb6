{#- The flattened address columns of a Customer Profiles row: a list of
    [column_name, struct_column, struct_field], e.g.
    ['shipping_address_city', 'shippingaddress', 'city']. -#}
{% macro connect_address_fields() -%}
    {%- set address_types = [
        ['address', 'address'],
        ['shipping_address', 'shippingaddress'],
        ['billing_address', 'billingaddress'],
    ] -%}
    {%- set address_parts = [
        ['line_1', 'address1'], ['line_2', 'address2'],
        ['line_3', 'address3'], ['line_4', 'address4'],
        ['city', 'city'], ['county', 'county'], ['state', 'state'],
        ['province', 'province'], ['country', 'country'],
        ['postal_code', 'postalcode'],
    ] -%}
    {%- set fields = [] -%}
    {%- for prefix, struct_column in address_types -%}
        {%- for part, struct_field in address_parts -%}
            {%- do fields.append([prefix ~ '_' ~ part, struct_column, struct_field]) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(fields) }}
{%- endmacro %}
