{#- The blocking keys of every person record: one row per record, blocking
    rule and key value (a record with two emails has two email keys), with
    how many records share the key (block_size). A rule's keys are SQL over
    int_profiles_normalized; `email` and `phone` stand for each of a record's
    emails and phones. Records missing any key of a rule have no key for it. -#}
{%- set config = identity_resolution_config() -%}
with

profiles as (

    select * from {{ ref('int_profiles_normalized') }}

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
        count(*) over (partition by blocking_rule, block_key) as block_size

    from unioned

)

select * from final
