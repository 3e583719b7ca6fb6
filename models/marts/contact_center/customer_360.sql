{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=[
        "{{ stage_touched_keys(touched_profiles()) }}",
        "{{ delete_touched_rows('unified_profile_id') }}",
    ],
    post_hook=["{{ drop_work_table('touched') }}", "{{ export_to_lake('customer_360') }}"],
) }}
{#- One row per unified customer profile: its golden attributes
    (dim_unified_profiles), the source systems and records behind it
    (fct_identity_graph, a count per configured source), its contact-center
    activity (fct_contacts: contacts by channel, last contact, average
    handle time, abandoned contacts) and its web activity through the
    cookies that belong to it (dim_web_cookies: shared devices belong to
    nobody), and when it was first and last seen anywhere.
    Incremental: a run builds again only the profiles touched_profiles
    finds (rewritten or gone in the identity marts, with contacts written
    or moved since, or whose web facts changed). -#}
{%- set sources = identity_resolution_config()['sources'] -%}
{%- set channels = ['voice', 'chat', 'task'] -%}
with

unified_profiles as (

    select * from {{ ref('dim_unified_profiles') }}
    {%- if is_incremental() %}
        where unified_profile_id in ({{ touched_keys('unified_profile_id') }})
    {%- endif %}

),

identity_graph as (

    select * from {{ ref('fct_identity_graph') }}
    {%- if is_incremental() %}
        where unified_profile_id in ({{ touched_keys('unified_profile_id') }})
    {%- endif %}

),

contacts as (

    select * from {{ ref('fct_contacts') }}
    where unified_profile_id is not null
    {%- if is_incremental() %}
        and unified_profile_id in ({{ touched_keys('unified_profile_id') }})
    {%- endif %}

),

cookies as (

    select * from {{ ref('dim_web_cookies') }}
    where unified_profile_id is not null
    {%- if is_incremental() %}
        and unified_profile_id in ({{ touched_keys('unified_profile_id') }})
    {%- endif %}

),

profile_records as (

    select
        unified_profile_id,
        {%- for source in sources %}
            count(case when source_system = '{{ source.name }}' then 1 end)
                as {{ source.name }}_record_count
            {%- if not loop.last %},{% endif %}
        {%- endfor %}

    from identity_graph
    group by unified_profile_id

),

profile_contacts as (

    select
        unified_profile_id,
        count(*) as contact_count,
        {%- for channel in channels %}
            count(case when channel = '{{ channel | upper }}' then 1 end)
                as {{ channel }}_contact_count,
        {%- endfor %}
        count(case when is_handled then 1 end) as handled_contact_count,
        count(case when is_abandoned then 1 end) as abandoned_contact_count,
        min(initiated_at) as first_contact_at,
        max(initiated_at) as last_contact_at,
        avg(handle_seconds) as average_handle_seconds

    from contacts
    group by unified_profile_id

),

profile_web as (

    select
        unified_profile_id,
        count(*) as web_cookie_count,
        cast(sum(session_count) as {{ dbt.type_bigint() }}) as web_session_count,
        min(first_seen_at) as first_web_visit_at,
        max(last_seen_at) as last_web_visit_at

    from cookies
    group by unified_profile_id

),

final as (

    select
        unified_profiles.unified_profile_id,
        {%- for attribute in golden_attributes() %}
            unified_profiles.{{ attribute.name }},
        {%- endfor %}
        unified_profiles.emails,
        unified_profiles.phones,
        unified_profiles.source_systems,
        unified_profiles.source_record_count,
        profile_contacts.first_contact_at,
        profile_contacts.last_contact_at,
        profile_contacts.average_handle_seconds,
        profile_web.first_web_visit_at,
        profile_web.last_web_visit_at,
        unified_profiles.first_updated_at as first_record_updated_at,
        unified_profiles.last_updated_at as last_record_updated_at,
        {%- for source in sources %}
            coalesce(profile_records.{{ source.name }}_record_count, 0)
                as {{ source.name }}_record_count,
        {%- endfor %}
        coalesce(profile_contacts.contact_count, 0) as contact_count,
        {%- for channel in channels %}
            coalesce(profile_contacts.{{ channel }}_contact_count, 0)
                as {{ channel }}_contact_count,
        {%- endfor %}
        coalesce(profile_contacts.handled_contact_count, 0) as handled_contact_count,
        coalesce(profile_contacts.abandoned_contact_count, 0) as abandoned_contact_count,
        coalesce(profile_web.web_cookie_count, 0) as web_cookie_count,
        coalesce(profile_web.web_session_count, 0) as web_session_count,
        -- the earliest / latest of the dates present: each argument falls back
        -- to the others (engines differ on nulls in least and greatest)
        least(
            coalesce(
                unified_profiles.first_updated_at,
                profile_contacts.first_contact_at,
                profile_web.first_web_visit_at
            ),
            coalesce(
                profile_contacts.first_contact_at,
                unified_profiles.first_updated_at,
                profile_web.first_web_visit_at
            ),
            coalesce(
                profile_web.first_web_visit_at,
                unified_profiles.first_updated_at,
                profile_contacts.first_contact_at
            )
        ) as first_seen_at,
        greatest(
            coalesce(
                unified_profiles.last_updated_at,
                profile_contacts.last_contact_at,
                profile_web.last_web_visit_at
            ),
            coalesce(
                profile_contacts.last_contact_at,
                unified_profiles.last_updated_at,
                profile_web.last_web_visit_at
            ),
            coalesce(
                profile_web.last_web_visit_at,
                unified_profiles.last_updated_at,
                profile_contacts.last_contact_at
            )
        ) as last_seen_at,
        greatest(
            (select max(profiles.clustered_at) from {{ ref('dim_unified_profiles') }} as profiles),
            (select max(graph.clustered_at) from {{ ref('fct_identity_graph') }} as graph)
        ) as graph_clustered_at,
        {{ run_timestamp(precise=true) }} as built_at

    from unified_profiles
    left join profile_records
        on unified_profiles.unified_profile_id = profile_records.unified_profile_id
    left join profile_contacts
        on unified_profiles.unified_profile_id = profile_contacts.unified_profile_id
    left join profile_web
        on unified_profiles.unified_profile_id = profile_web.unified_profile_id

)

select * from final
