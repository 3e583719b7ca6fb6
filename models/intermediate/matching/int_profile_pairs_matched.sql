{#- Pairs of profile records linked by an exact-key rule, each pair once
    (left id < right id), with every rule that linked it. A first, simple
    matcher: exact keys only, each rule requiring a name part beside a
    shared email or phone so that a household sharing one does not merge. -#}
{%- set rules = [
    ['email_first_initial', ['email', 'substr(first_name, 1, 1)']],
    ['phone_last_name_first_initial', ['phone', 'last_name', 'substr(first_name, 1, 1)']],
    ['name_birth_date', ['first_name', 'last_name', 'birth_date']],
    ['account_number_last_name', ['account_number', 'last_name']],
] -%}
with

profiles as (

    select * from {{ ref('int_profiles_normalized') }}

),

{% for rule_name, keys in rules %}
    {{ rule_name }} as (

        {{ exact_key_pairs('profiles', rule_name, keys) }}

    ),

{% endfor %}
rule_pairs as (

    {% for rule_name, _ in rules %}
        select * from {{ rule_name }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        profile_record_id_l,
        profile_record_id_r,
        {{ dbt.listagg('match_rule', "', '", 'order by match_rule') }} as match_rules

    from rule_pairs
    group by profile_record_id_l, profile_record_id_r

)

select * from final
