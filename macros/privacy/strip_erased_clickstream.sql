{#- strip_erased_rows for the clickstream (base and staging): an event is
    the person's when the email it carries (login, registration, checkout)
    is one of the person's emails; the email is nulled (the raw row too in
    the base table, kept there for quarantined rows), so no identification
    reaches the person and the cookie's events stay anonymous. -#}
{% macro strip_erased_clickstream() -%}
    {{ return(adapter.dispatch('strip_erased_clickstream', 'customer_360')()) }}
{%- endmacro %}

{% macro default__strip_erased_clickstream() -%}
    {%- set columns = ['email'] -%}
    {%- if this.identifier.startswith('base_') -%}
        {%- do columns.append('_raw_record') -%}
    {%- endif -%}
    {{ return(strip_erased_rows(columns, [
        [pii_hash(normalize_email('email')), 'email'],
    ])) }}
{%- endmacro %}
