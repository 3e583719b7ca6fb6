{#- Post-hook of int_unified_profile_ids: forget the erased records (the id
    map keeps a record that leaves the build, with is_current false; an
    erased record must not stay). select 1 while no request was ever
    applied. -#}
{% macro delete_erased_records() -%}
    {{ return(adapter.dispatch('delete_erased_records', 'customer_360')()) }}
{%- endmacro %}

{% macro default__delete_erased_records() -%}
    {%- if erasure_is_active() -%}
        delete from {{ this }}
        where profile_record_id in ({{ erased_values('profile_record') }})
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
