{#- Record pairs that agree exactly on every key expression of a rule, each
    pair once (left id < right id). A key value shared by more than
    max_block_size records (a call-center number, test@test.com) is skipped
    rather than joined: n records would make n*(n-1)/2 pairs. Returns a
    select of (profile_record_id_l, profile_record_id_r, match_rule). -#}
{% macro exact_key_pairs(relation, rule_name, keys, max_block_size=50) -%}
    {%- set key_columns = [] -%}
    {%- for key in keys -%}{%- do key_columns.append('key_' ~ loop.index) -%}{%- endfor -%}
    select
        l.profile_record_id as profile_record_id_l,
        r.profile_record_id as profile_record_id_r,
        '{{ rule_name }}' as match_rule
    from (
        select
            profile_record_id,
            {%- for key in keys %}
            {{ key }} as key_{{ loop.index }},
            {%- endfor %}
            count(*) over (partition by {{ keys | join(', ') }}) as block_size
        from {{ relation }}
        where {% for key in keys %}{{ key }} is not null{{ ' and ' if not loop.last }}{% endfor %}
    ) as l
    inner join (
        select
            profile_record_id,
            {%- for key in keys %}
            {{ key }} as key_{{ loop.index }}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ relation }}
        where {% for key in keys %}{{ key }} is not null{{ ' and ' if not loop.last }}{% endfor %}
    ) as r
        on {% for column in key_columns %}l.{{ column }} = r.{{ column }}{{ ' and ' if not loop.last }}{% endfor %}
        and l.profile_record_id < r.profile_record_id
    where l.block_size <= {{ max_block_size }}
{%- endmacro %}
