{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=[
        "{{ stage_touched_keys(touched_agent_days()) }}",
        "{{ delete_touched_rows(['agent_arn', 'activity_date']) }}",
    ],
    post_hook=[
        "{{ drop_work_table('touched') }}",
        "{{ export_to_lake('agent_daily_activity', 'activity_date') }}",
    ],
) }}
{#- One row per agent and UTC day with activity: time from the agent's
    status intervals (each closed interval counted whole on the day it
    started) and contacts from the contact records (on the day the agent
    connected). contact_seconds is time holding a contact (offered,
    connected, on hold or in after-contact work, whatever the status);
    available_seconds is idle routable time; occupancy =
    contact_seconds / (contact_seconds + available_seconds), null without
    either. Handle time per contact = talk + hold + after-contact work
    (AgentInteractionDuration + CustomerHoldDuration +
    AfterContactWorkDuration).
    Incremental: a run builds again only the agent days touched_agent_days
    finds (days of agents whose timeline was rebuilt, and days with
    contacts written or moved since). -#}
with

intervals as (

    select * from {{ ref('fct_agent_status_intervals') }}
    where not is_open
    {%- if is_incremental() %}
        and (agent_arn, activity_date) in (
            select touched.agent_arn, touched.activity_date
            from {{ work_table('touched') }} as touched
        )
    {%- endif %}

),

contacts as (

    select
        *,
        {{ dbt.cast('agent_connected_at', 'date') }} as activity_date

    from {{ ref('fct_contacts') }}
    where is_handled and agent_arn is not null
    {%- if is_incremental() %}
        and (agent_arn, {{ dbt.cast('agent_connected_at', 'date') }}) in (
            select touched.agent_arn, touched.activity_date
            from {{ work_table('touched') }} as touched
        )
    {%- endif %}

),

interval_days as (

    select
        agent_arn,
        activity_date,
        sum(duration_seconds) as logged_in_seconds,
        sum(case
            when agent_activity in ('on_contact', 'after_contact_work', 'contact_offered')
                then duration_seconds
            else 0
        end) as contact_seconds,
        sum(case
            when agent_activity = 'after_contact_work' then duration_seconds else 0
        end) as after_contact_work_seconds,
        sum(case when agent_activity = 'available' then duration_seconds else 0 end)
            as available_seconds,
        sum(case when agent_activity = 'unavailable' then duration_seconds else 0 end)
            as unavailable_seconds,
        sum(case when agent_activity = 'offline' then duration_seconds else 0 end)
            as offline_seconds

    from intervals
    group by agent_arn, activity_date

),

contact_days as (

    select
        agent_arn,
        activity_date,
        count(*) as contacts_handled,
        sum(case when is_transferred then 1 else 0 end) as contacts_transferred,
        sum(handle_seconds) as handle_seconds,
        avg(handle_seconds) as average_handle_seconds,
        avg(talk_seconds) as average_talk_seconds,
        avg(hold_seconds) as average_hold_seconds,
        avg(after_contact_work_seconds) as average_after_contact_work_seconds

    from contacts
    group by agent_arn, activity_date

),

joined as (

    select
        contact_days.average_handle_seconds,
        contact_days.average_talk_seconds,
        contact_days.average_hold_seconds,
        contact_days.average_after_contact_work_seconds,
        coalesce(interval_days.agent_arn, contact_days.agent_arn) as agent_arn,
        coalesce(interval_days.activity_date, contact_days.activity_date) as activity_date,
        coalesce(interval_days.logged_in_seconds, 0) as logged_in_seconds,
        coalesce(interval_days.contact_seconds, 0) as contact_seconds,
        coalesce(interval_days.after_contact_work_seconds, 0) as after_contact_work_seconds,
        coalesce(interval_days.available_seconds, 0) as available_seconds,
        coalesce(interval_days.unavailable_seconds, 0) as unavailable_seconds,
        coalesce(interval_days.offline_seconds, 0) as offline_seconds,
        coalesce(contact_days.contacts_handled, 0) as contacts_handled,
        coalesce(contact_days.contacts_transferred, 0) as contacts_transferred,
        coalesce(contact_days.handle_seconds, 0) as handle_seconds

    from interval_days
    full outer join contact_days
        on
            interval_days.agent_arn = contact_days.agent_arn
            and interval_days.activity_date = contact_days.activity_date

),

final as (

    select
        agent_arn,
        activity_date,
        logged_in_seconds,
        contact_seconds,
        after_contact_work_seconds,
        available_seconds,
        unavailable_seconds,
        offline_seconds,
        contacts_handled,
        contacts_transferred,
        handle_seconds,
        average_handle_seconds,
        average_talk_seconds,
        average_hold_seconds,
        average_after_contact_work_seconds,
        contact_seconds / nullif(contact_seconds + available_seconds, 0) as occupancy,
        {{ run_timestamp(precise=true) }} as built_at

    from joined

)

select * from final
