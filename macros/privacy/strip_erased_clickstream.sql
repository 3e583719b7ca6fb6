{#- strip_erased_rows for the clickstream (base and staging): an event is
    the person's when the email it carries (login, registration, checkout)
    is one of the person's emails; the email is nulled (the raw row too in
    the base table, kept there for quarantined rows: erased_raw_record), so
    no identification reaches the person and the cookie's events stay
    anonymous. -#}
{% macro strip_erased_clickstream() -%}
    {%- set columns = {'email': 'null'} -%}
    {%- if this.identifier.startswith('base_') -%}
        {%- do columns.update({'_raw_record': erased_raw_record()}) -%}
    {%- endif -%}
    {{ return(strip_erased_rows(columns, [
        [pii_hash(normalize_email('email')), 'email'],
    ])) }}
{%- endmacro %}
