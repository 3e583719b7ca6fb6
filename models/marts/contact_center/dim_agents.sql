{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=[
        "{{ stage_touched_keys(touched_agents()) }}",
        "{{ delete_touched_rows('agent_arn') }}",
    ],
    post_hook=["{{ drop_work_table('touched') }}", "{{ export_to_lake('agents') }}"],
) }}
{#- One row per agent seen in the agent event stream or in a contact
    record: the configuration of the agent's latest snapshot that carries
    one (Configuration: user name, names, routing profile), else the user
    name and routing profile name of the agent's latest contact record, and
    when the agent was first and last seen in either feed.
    Incremental: a run builds again only the agents touched_agents finds
    (new events or contact records, or counts that changed). -#}
with

agent_events as (

    select * from {{ ref('stg_connect__agent_events') }}
    {%- if is_incremental() %}
        where agent_arn in ({{ touched_keys('agent_arn') }})
    {%- endif %}

),

contact_records as (

    select * from {{ ref('stg_connect__contact_records') }}
    where agent_arn is not null
    {%- if is_incremental() %}
        and agent_arn in ({{ touched_keys('agent_arn') }})
    {%- endif %}

),

ranked_configurations as (

    select
        agent_arn,
        event_at,
        agent_username,
        agent_first_name,
        agent_last_name,
        routing_profile_arn,
        routing_profile_name,
        row_number() over (
            partition by agent_arn
            order by event_at desc, event_id desc
        ) as recency_rank

    from agent_events
    where agent_username is not null

),

event_activity as (

    select
        agent_arn,
        min(event_at) as first_event_at,
        max(event_at) as last_event_at,
        count(*) as event_count

    from agent_events
    group by agent_arn

),

ranked_contacts as (

    select
        agent_arn,
        agent_username,
        routing_profile_name,
        initiated_at,
        row_number() over (
            partition by agent_arn
            order by initiated_at desc, contact_id desc
        ) as recency_rank

    from contact_records

),

contact_activity as (

    select
        agent_arn,
        min(initiated_at) as first_contact_at,
        max(initiated_at) as last_contact_at,
        count(*) as contact_record_count

    from contact_records
    group by agent_arn

),

agents as (

    select agent_arn from event_activity
    union
    select agent_arn from contact_activity

),

final as (

    select
        agents.agent_arn,
        configurations.agent_first_name,
        configurations.agent_last_name,
        configurations.routing_profile_arn,
        configurations.event_at as configuration_seen_at,
        event_activity.first_event_at,
        event_activity.last_event_at,
        contact_activity.first_contact_at,
        contact_activity.last_contact_at,
        coalesce(configurations.agent_username, latest_contacts.agent_username)
            as agent_username,
        coalesce(configurations.routing_profile_name, latest_contacts.routing_profile_name)
            as routing_profile_name,
        coalesce(event_activity.event_count, 0) as event_count,
        coalesce(contact_activity.contact_record_count, 0) as contact_record_count,
        (
            select max(staged._load_sequence)
            from {{ ref('stg_connect__agent_events') }} as staged
        ) as event_load_sequence,
        (
            select max(staged._load_sequence)
            from {{ ref('stg_connect__contact_records') }} as staged
        ) as contact_load_sequence,
        {{ run_timestamp(precise=true) }} as built_at

    from agents
    left join ranked_configurations as configurations
        on
            agents.agent_arn = configurations.agent_arn
            and configurations.recency_rank = 1
    left join ranked_contacts as latest_contacts
        on
            agents.agent_arn = latest_contacts.agent_arn
            and latest_contacts.recency_rank = 1
    left join event_activity
        on agents.agent_arn = event_activity.agent_arn
    left join contact_activity
        on agents.agent_arn = contact_activity.agent_arn

)

select * from final
