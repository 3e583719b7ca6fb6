{#- The weight of one comparison for a pair of int_profile_pairs_compared
    (alias pairs), reading level weights from the one-row pivot of
    int_match_parameters (alias parameter_row): 0 when a value is missing;
    a level's fixed `weight` when it has one; log2(m / u_value) for an exact
    agreement on a term-frequency level (value frequencies in alias
    tf_<comparison>); the level's trained weight otherwise. -#}
{% macro comparison_weight(comparison) -%}
    case pairs.{{ comparison.name }}_level
        when -1 then 0
        {%- for level in comparison.levels %}
        when {{ level.number }} then
            {%- if level.weight is defined %} {{ level.weight }}
            {%- elif level.number == term_frequency_level(comparison) %}
            coalesce(
                {{ log2('parameter_row.' ~ comparison.name ~ '_m_' ~ level.number) }}
                - {{ log2('tf_' ~ comparison.name ~ '.u_probability') }},
                parameter_row.{{ comparison.name }}_weight_{{ level.number }}
            )
            {%- else %} parameter_row.{{ comparison.name }}_weight_{{ level.number }}
            {%- endif %}
        {%- endfor %}
    end
{%- endmacro %}

{#- The one-row pivot of int_match_parameters the weights read: for every
    comparison level, <comparison>_weight_<n> and <comparison>_m_<n>. -#}
{% macro parameter_pivot_columns(comparisons) -%}
    {%- for comparison in comparisons %}
        {%- set comparison_loop = loop %}
        {%- for level in comparison.levels %}
    max(case when comparison_name = '{{ comparison.name }}' and level_number = {{ level.number }}
        then match_weight end) as {{ comparison.name }}_weight_{{ level.number }},
    max(case when comparison_name = '{{ comparison.name }}' and level_number = {{ level.number }}
        then m_probability end) as {{ comparison.name }}_m_{{ level.number }}
            {{- ',' if not (comparison_loop.last and loop.last) }}
        {%- endfor %}
    {%- endfor %}
{%- endmacro %}

{#- The name of the first deterministic rule a pair meets (every listed
    comparison at its top level), or null. -#}
{% macro deterministic_rule_name(rules, comparisons) -%}
    case
    {%- for rule in rules %}
        when
        {%- for name in rule.comparisons %}
            {%- set matching = comparisons | selectattr('name', 'equalto', name) | list %}
            {%- if not matching %}
                {{ exceptions.raise_compiler_error("deterministic rule " ~ rule.name
                    ~ ": no comparison named " ~ name) }}
            {%- endif %}
            {{ 'and ' if not loop.first }}{{ name }}_level = {{ matching[0].levels[0].number }}
        {%- endfor %}
            then '{{ rule.name }}'
    {%- endfor %}
    end
{%- endmacro %}

{#- A pair's explanation as text: each present comparison as
    "<name>:<level label> <weight>", comma-separated. -#}
{% macro pair_explanation(comparisons) -%}
    concat_ws(
        ', '
        {%- for comparison in comparisons %},
        case {{ comparison.name }}_level
            {%- for level in comparison.levels %}
            when {{ level.number }} then '{{ comparison.name }}:{{ level.label }} '
                || {{ dbt.cast('round(' ~ comparison.name ~ '_weight, 1)', dbt.type_string()) }}
            {%- endfor %}
        end
        {%- endfor %}
    )
{%- endmacro %}

{#- The sum of the given comparisons' weight columns (0 when none). -#}
{% macro sum_of_weights(comparisons) -%}
    (0{% for comparison in comparisons %} + {{ comparison.name }}_weight{% endfor %})
{%- endmacro %}
