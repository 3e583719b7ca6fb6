{#- Every level of every configured comparison as rows (comparison_name,
    level_number, level_label, is_term_frequency_level, m_prior, u_prior),
    for joining trained parameters to the configuration. -#}
{% macro comparison_levels_table() -%}
    {%- set config = identity_resolution_config() -%}
    {%- for comparison in config.comparisons %}
        {%- set comparison_loop = loop %}
        {%- for level in comparison.levels %}
    select
        '{{ comparison.name }}' as comparison_name,
        {{ level.number }} as level_number,
        '{{ level.label }}' as level_label,
        {{ 'true' if level.get('tf') and level.number == term_frequency_level(comparison) else 'false' }}
            as is_term_frequency_level,
        cast({{ level.m_prior }} as {{ dbt.type_float() }}) as m_prior,
        cast({{ level.u_prior }} as {{ dbt.type_float() }}) as u_prior
            {%- if not (comparison_loop.last and loop.last) %}
    union all
            {%- endif %}
        {%- endfor %}
    {%- endfor %}
{%- endmacro %}

{#- The number of a comparison's term-frequency level (its first level with
    tf: true), or none. -#}
{% macro term_frequency_level(comparison) -%}
    {%- set tf_levels = comparison.levels | selectattr('tf', 'defined') | selectattr('tf') | list -%}
    {{ return(tf_levels[0].number if tf_levels else none) }}
{%- endmacro %}

{#- The normalized columns a blocking rule's keys use, of those named. -#}
{% macro columns_used(expressions, names) -%}
    {%- set used = [] -%}
    {%- for name in names -%}
        {%- for expression in expressions -%}
            {%- if modules.re.search('\\b' ~ name ~ '\\b', expression) and name not in used -%}
                {%- do used.append(name) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(used) }}
{%- endmacro %}
