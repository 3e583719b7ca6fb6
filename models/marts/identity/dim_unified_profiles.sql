{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook=["{{ stage_reprofiled_profiles() }}", "{{ delete_reprofiled_rows() }}"],
    post_hook=["{{ drop_work_table('reprofiled') }}", "{{ export_to_lake('unified_profiles') }}"],
) }}
{#- One golden record per unified customer profile: each attribute as
    survivorship chose it (int_profile_attributes_survived; by default the
    most recently updated record wins and older ones fill what it lacks, as
    Amazon Connect does), every email and phone of the profile's records as
    lists, and the records, sources and dates behind it.
    Incremental: a run builds again only the profiles holding a record that
    int_profile_clusters clustered again since (stage_reprofiled_profiles). -#}
{%- set attributes = golden_attributes() -%}
with

profiles as (

    select * from {{ ref('int_profiles_normalized') }}

),

ids as (

    select * from {{ ref('int_unified_profile_ids') }}
    where is_current and {{ is_reprofiled() }}

),

survived as (

    select * from {{ ref('int_profile_attributes_survived') }}
    where {{ is_reprofiled() }}

),

clustered_profiles as (

    select
        profiles.*,
        ids.unified_profile_id,
        ids.unified_profile_id_minted_at,
        ids.cluster_id,
        row_number() over (
            partition by ids.unified_profile_id
            order by profiles.updated_at desc, profiles.profile_record_id asc
        ) as recency_rank

    from profiles
    inner join ids
        on profiles.profile_record_id = ids.profile_record_id

),

golden_attributes as (

    select
        unified_profile_id,
        {%- for attribute in attributes %}
            {{ dbt.cast(
                "max(case when attribute_name = '" ~ attribute.name ~ "' then attribute_value end)",
                attribute.type) }} as {{ attribute.name }}
            {%- if not loop.last %},{% endif %}
        {%- endfor %}

    from survived
    group by unified_profile_id

),

{%- for contact in ['email', 'phone'] %}

    profile_{{ contact }}s as (

        {{ explode_list('clustered_profiles', contact ~ 's', contact) }}

    ),

    {{ contact }}_lists as (

        select
            unified_profile_id,
            {{ distinct_sorted_list(contact) }} as {{ contact }}s

        from profile_{{ contact }}s
        group by unified_profile_id

    ),
{%- endfor %}

profile_facts as (

    select
        unified_profile_id,
        min(cluster_id) as cluster_id,
        min(unified_profile_id_minted_at) as unified_profile_id_minted_at,
        max(case when recency_rank = 1 then profile_record_id end)
            as primary_profile_record_id,
        {{ distinct_sorted_text('source_system', "', '") }}
            as source_systems,
        count(*) as source_record_count,
        min(updated_at) as first_updated_at,
        max(updated_at) as last_updated_at

    from clustered_profiles
    group by unified_profile_id

),

final as (

    select
        profile_facts.unified_profile_id,
        profile_facts.cluster_id,
        {%- for attribute in attributes %}
            golden_attributes.{{ attribute.name }},
        {%- endfor %}
        email_lists.emails,
        phone_lists.phones,
        profile_facts.primary_profile_record_id,
        profile_facts.source_systems,
        profile_facts.source_record_count,
        profile_facts.unified_profile_id_minted_at,
        profile_facts.first_updated_at,
        profile_facts.last_updated_at,
        {{ clustered_at() }} as clustered_at

    from profile_facts
    left join golden_attributes
        on profile_facts.unified_profile_id = golden_attributes.unified_profile_id
    left join email_lists
        on profile_facts.unified_profile_id = email_lists.unified_profile_id
    left join phone_lists
        on profile_facts.unified_profile_id = phone_lists.unified_profile_id

)

select * from final
