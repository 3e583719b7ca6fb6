{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook=["{{ stage_reprofiled_profiles() }}", "{{ delete_reprofiled_rows() }}"],
    post_hook=["{{ drop_work_table('reprofiled') }}"],
) }}
{#- Survivorship: for each unified profile and each golden attribute, the
    value that survives and the source record that supplied it (per-field
    provenance, as Amazon Connect's FieldSourceProfileIds). Only records
    holding a value compete, so a record that lacks a value never blanks one
    (the seed's rule: others fill the primary's gaps). The survivorship
    configuration sets each attribute's rule (recency, source_priority,
    most_complete, most_frequent; ties go to the most recent record, then the
    smallest profile_record_id) and the groups of attributes that come from
    one record together (address).
    Incremental: a run builds again only the profiles holding a record that
    int_profile_clusters clustered again since (stage_reprofiled_profiles);
    a changed survivorship configuration takes a --full-refresh. -#}
{%- set config = identity_resolution_config() -%}
{%- set units = survivorship_units(config.get('survivorship', {})) -%}
{%- set attributes = golden_attributes() -%}
with

profiles as (

    select * from {{ ref('int_profiles_normalized') }}

),

ids as (

    select * from {{ ref('int_unified_profile_ids') }}
    where is_current and {{ is_reprofiled() }}

),

records as (

    select
        ids.unified_profile_id,
        profiles.profile_record_id,
        profiles.source_system,
        profiles.updated_at,
        {%- for attribute in attributes %}
            profiles.{{ attribute.name }},
        {%- endfor %}
        {% for attribute in attributes -%}
            case when profiles.{{ attribute.name }} is null then 0 else 1 end
            {%- if not loop.last %} + {% endif %}
        {%- endfor %} as filled_attributes

    from profiles
    inner join ids
        on profiles.profile_record_id = ids.profile_record_id

),

-- one row per record and survivorship unit it holds a value for
candidates as (

    {%- for unit in units %}
        {%- set value_parts = [] %}
        {%- for attribute in unit.attributes %}
            {%- do value_parts.append(
                'coalesce(' ~ dbt.cast(attribute, dbt.type_string()) ~ ", '')") %}
            {%- if not loop.last %}{% do value_parts.append("'|'") %}{% endif %}
        {%- endfor %}

        select
            unified_profile_id,
            profile_record_id,
            source_system,
            updated_at,
            filled_attributes,
            '{{ unit.name }}' as survivorship_unit,
            '{{ unit.rule }}' as survivorship_rule,
            case source_system
                {%- for source in unit.source_priority %}
                    when '{{ source }}' then {{ loop.index }}
                {%- endfor %}
                else {{ unit.source_priority | length + 1 }}
            end as source_rank,
            {{ dbt.concat(value_parts) }} as unit_value

        from records
        where
            {%- for attribute in unit.attributes %}
                {% if not loop.first %}or {% endif %}{{ attribute }} is not null
            {%- endfor %}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

ranked as (

    select
        *,
        row_number() over (
            partition by unified_profile_id, survivorship_unit
            order by
                case survivorship_rule
                    when 'source_priority' then source_rank
                    when 'most_complete' then -filled_attributes
                    when 'most_frequent' then -value_frequency
                    else 0
                end asc,
                updated_at desc,
                profile_record_id asc
        ) as survivor_rank

    from (
        select
            *,
            count(*) over (
                partition by unified_profile_id, survivorship_unit, unit_value
            ) as value_frequency
        from candidates
    ) as counted

),

survivors as (

    select
        records.*,
        ranked.survivorship_unit,
        ranked.survivorship_rule

    from ranked
    inner join records
        on ranked.profile_record_id = records.profile_record_id
    where ranked.survivor_rank = 1

),

final as (

    {%- for unit in units %}
        {%- set outer_loop = loop %}
        {%- for attribute in unit.attributes %}

            select
                survivors.unified_profile_id,
                survivors.profile_record_id,
                survivors.source_system,
                survivors.updated_at as source_updated_at,
                survivors.survivorship_unit,
                survivors.survivorship_rule,
                '{{ attribute }}' as attribute_name,
                {{ dbt.cast(attribute, dbt.type_string()) }} as attribute_value,
                {{ clustered_at() }} as clustered_at

            from survivors
            where survivors.survivorship_unit = '{{ unit.name }}'
            {% if not (outer_loop.last and loop.last) %}union all{% endif %}
        {%- endfor %}
    {%- endfor %}

)

select * from final
