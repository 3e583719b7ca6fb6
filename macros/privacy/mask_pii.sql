{#- The analyst-facing form of a column holding personal data of a kind
    (meta.pii in the models' yml; vocabulary in docs/privacy.md):
    - email, phone, account_number, identifier: pii_hash, so analysts can
      still join and count distinct (each element of a list column);
    - postal_code: its first three characters;
    - birth_date: its year (a number: the birth year);
    - location (city, state, country): kept, a coarse quasi-identifier;
    - url: without its query string;
    - name, address, gender, free_text, raw_record, device, and any other
      kind: null (redacted).
    data_type: the column's type as the engine reports it (lists end in
    `[]`), or none. -#}
{% macro mask_pii(column, kind, data_type=none) -%}
    {{ return(adapter.dispatch('mask_pii', 'customer_360')(column, kind, data_type)) }}
{%- endmacro %}

{% macro default__mask_pii(column, kind, data_type) -%}
    {%- set is_list = data_type is not none and (data_type | string).endswith('[]') -%}
    {%- if kind in ['email', 'phone', 'account_number', 'identifier'] and not is_list -%}
        {{ pii_hash(column) }}
    {%- elif kind == 'postal_code' and not is_list -%}
        substr({{ dbt.cast(column, dbt.type_string()) }}, 1, 3)
    {%- elif kind == 'birth_date' and not is_list -%}
        extract(year from {{ column }})
    {%- elif kind == 'location' -%}
        {{ column }}
    {%- elif kind == 'url' and not is_list -%}
        {{ dbt.split_part(column, "'?'", 1) }}
    {%- else -%}
        cast(null as {{ data_type if data_type is not none else dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}

{#- DuckDB: list columns (emails, phones) are hashed element by element
    (list_transform); the rest as the default. -#}
{% macro duckdb__mask_pii(column, kind, data_type) -%}
    {%- set is_list = data_type is not none and (data_type | string).endswith('[]') -%}
    {%- if is_list and kind in ['email', 'phone', 'account_number', 'identifier'] -%}
        list_transform({{ column }}, pii_value -> {{ pii_hash('pii_value') }})
    {%- else -%}
        {{ default__mask_pii(column, kind, data_type) }}
    {%- endif -%}
{%- endmacro %}
