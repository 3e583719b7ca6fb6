{{ config(post_hook="{{ export_to_lake('unified_profiles') }}") }}
{#- One golden record per unified customer profile. Survivorship as the
    Amazon Connect example does it: the most recently updated record is
    primary and wins conflicts, older records fill the values it lacks. -#}
{%- set attributes = [
    'first_name', 'middle_name', 'last_name', 'name_suffix', 'email', 'phone',
    'birth_date', 'street', 'unit', 'city', 'state', 'postal_code', 'country',
    'gender', 'account_number',
] -%}
with

profiles as (

    select * from {{ ref('int_profiles_normalized') }}

),

clusters as (

    select * from {{ ref('int_profile_clusters') }}

),

clustered_profiles as (

    select
        profiles.*,
        clusters.cluster_id

    from profiles
    inner join clusters
        on profiles.profile_record_id = clusters.profile_record_id

),

golden as (

    select
        cluster_id,
        {%- for attribute in attributes %}
            {{ most_recent_value(attribute, 'updated_at') }} as {{ attribute }},
        {%- endfor %}
        {{ most_recent_value('profile_record_id', 'updated_at') }}
            as primary_profile_record_id,
        {{ dbt.listagg('distinct source_system', "', '", 'order by source_system') }}
            as source_systems,
        count(*) as source_record_count,
        min(updated_at) as first_updated_at,
        max(updated_at) as last_updated_at

    from clustered_profiles
    group by cluster_id

),

final as (

    select
        {{ unified_profile_id('cluster_id') }} as unified_profile_id,
        golden.*

    from golden

)

select * from final
