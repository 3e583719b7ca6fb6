{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook=["{{ stage_changed_records() }}", "{{ delete_keys_of_changed_records() }}"],
    post_hook="{{ drop_work_table('changed') }}",
) }}
{#- The blocking keys of every person record: one row per record, blocking
    rule and key value (a record with two emails has two email keys). A
    rule's keys are SQL over int_profiles_normalized; `email` and `phone`
    stand for each of a record's emails and phones. Records missing any key
    of a rule have no key for it. How many records share a key (the block
    size) is counted where it is used, so that an incremental run only
    writes the keys of new and changed records. -#}
{%- set config = identity_resolution_config() -%}
with

profiles as (

    select * from {{ ref('int_profiles_normalized') }}
    {%- if is_incremental() %}
    where profile_record_id in ({{ staged_changed_records() }})
    {%- endif %}

),

{%- set exploded = [] %}
{%- for rule in config.blocking.rules %}
    {%- set lists = columns_used(rule.get('keys', []), ['email', 'phone']) %}
    {%- if lists and lists | join('_and_') not in exploded %}
        {%- do exploded.append(lists | join('_and_')) %}
    {%- endif %}
{%- endfor %}
{% if 'email' in exploded or 'email_and_phone' in exploded %}
    profiles_by_email as (

        {{ explode_list('profiles', 'emails', 'email') }}

    ),

{% endif %}
{% if 'phone' in exploded %}
    profiles_by_phone as (

        {{ explode_list('profiles', 'phones', 'phone') }}

    ),

{% endif %}
{% if 'email_and_phone' in exploded %}
    profiles_by_email_and_phone as (

        {{ explode_list('profiles_by_email', 'phones', 'phone') }}

    ),

{% endif %}
{% for rule in config.blocking.rules %}
    {%- set lists = columns_used(rule.get('keys', []), ['email', 'phone']) %}
    {%- set relation = 'profiles_by_' ~ (lists | join('_and_')) if lists else 'profiles' %}
    rule_{{ loop.index }} as (

        select distinct
            profile_record_id,
            source_system,
            '{{ rule.name }}' as blocking_rule,
            {{ loop.index }} as blocking_rule_number,
            {{ block_key(rule.get('keys', [])) }} as block_key

        from {{ relation }}
        where {{ keys_present(rule.get('keys', [])) }}

    ),

{% endfor %}
unioned as (

    {% for rule in config.blocking.rules %}
        select * from rule_{{ loop.index }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        *,
        {{ normalized_sequence() }} as normalized_sequence

    from unioned

)

select * from final
