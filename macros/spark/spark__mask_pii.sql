{#- Spark's mask_pii (macros/privacy): list columns (emails, phones) of the
    hashed kinds hashed element by element (transform), as DuckDB's
    list_transform; Spark reports them as array<...>, where the default
    looks for DuckDB's `[]` and would hash the array as one value. The rest
    as the default. -#}
{% macro spark__mask_pii(column, kind, data_type) -%}
    {%- set is_list = data_type is not none and (data_type | string | lower).startswith('array<') -%}
    {%- if is_list and kind in ['email', 'phone', 'account_number', 'identifier'] -%}
        transform({{ column }}, pii_value -> {{ pii_hash('pii_value') }})
    {%- else -%}
        {{ default__mask_pii(column, kind, data_type) }}
    {%- endif -%}
{%- endmacro %}
