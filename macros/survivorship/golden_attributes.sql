{#- The single-valued attributes of a golden record, in column order, with
    their SQL types: each survives from one source record
    (int_profile_attributes_survived). Emails and phones are also kept
    whole, as lists, in dim_unified_profiles. -#}
{% macro golden_attributes() -%}
    {{ return([
        {'name': 'first_name', 'type': dbt.type_string()},
        {'name': 'middle_name', 'type': dbt.type_string()},
        {'name': 'last_name', 'type': dbt.type_string()},
        {'name': 'name_suffix', 'type': dbt.type_string()},
        {'name': 'birth_date', 'type': 'date'},
        {'name': 'gender', 'type': dbt.type_string()},
        {'name': 'account_number', 'type': dbt.type_string()},
        {'name': 'email', 'type': dbt.type_string()},
        {'name': 'phone', 'type': dbt.type_string()},
        {'name': 'street', 'type': dbt.type_string()},
        {'name': 'unit', 'type': dbt.type_string()},
        {'name': 'city', 'type': dbt.type_string()},
        {'name': 'state', 'type': dbt.type_string()},
        {'name': 'postal_code', 'type': dbt.type_string()},
        {'name': 'country', 'type': dbt.type_string()},
    ]) }}
{%- endmacro %}
