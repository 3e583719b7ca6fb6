{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=[
        "{{ stage_touched_keys(touched_agent_timelines()) }}",
        "{{ delete_rebuilt_intervals() }}",
    ],
    post_hook=[
        "{{ drop_work_table('touched') }}",
        "{{ export_to_lake('agent_status_intervals', 'activity_date') }}",
    ],
) }}
{#- The agents' timelines: one row per interval of constant agent state.
    Each LOGIN and STATE_CHANGE event opens an interval holding the state
    its CurrentAgentSnapshot reports (the agent status, and the contacts
    the agent holds); the agent's next LOGIN, STATE_CHANGE or LOGOUT closes
    it, so a LOGOUT closes the open interval and opens none, and the
    intervals of an agent never overlap. HEART_BEAT events are ignored. An
    interval no later event closes (the end of the data) stays open, with a
    null ended_at. agent_activity classifies the interval: on_contact (a
    contact connected or on hold), after_contact_work (a contact ended, its
    work not done), contact_offered (a contact ringing), else by status
    type: available (ROUTABLE), unavailable (CUSTOM: breaks, lunch),
    offline.
    Incremental: for each agent with a LOGIN, STATE_CHANGE or LOGOUT event
    staged since it last wrote rows, a run builds again the agent's
    intervals from the last one that started before the earliest change
    (touched_agent_timelines: the new events' times and the times a
    replaced event held before); earlier intervals keep their rows. -#}
with

agent_events as (

    select * from {{ ref('stg_connect__agent_events') }}
    where event_type in ('LOGIN', 'STATE_CHANGE', 'LOGOUT')
    {%- if is_incremental() %}
        -- correlated by the table's name: it has no alias
        and {{ in_rebuilt_timeline(ref('stg_connect__agent_events').identifier, 'event_at') }}
    {%- endif %}

),

snapshot_contacts as (

    select * from {{ ref('int_agent_event_contacts_unnested') }}
    {%- if is_incremental() %}
        where {{ in_rebuilt_timeline(
            ref('int_agent_event_contacts_unnested').identifier, 'event_at') }}
    {%- endif %}

),

sequenced as (

    select
        event_id,
        agent_arn,
        event_at,
        event_type,
        agent_status_name,
        agent_status_type,
        lead(event_at) over (
            partition by agent_arn
            order by event_at asc, event_order asc, event_id asc
        ) as next_event_at,
        lead(event_type) over (
            partition by agent_arn
            order by event_at asc, event_order asc, event_id asc
        ) as next_event_type,
        lead(event_id) over (
            partition by agent_arn
            order by event_at asc, event_order asc, event_id asc
        ) as next_event_id

    from (
        select
            *,
            -- on a tie, a login comes first and a logout last
            case event_type
                when 'LOGIN' then 0
                when 'STATE_CHANGE' then 1
                else 2
            end as event_order
        from agent_events
    ) as ordered_events

),

event_contacts as (

    select
        event_id,
        count(*) as contact_count,
        max(case when element_position = 1 then contact_id end) as contact_id,
        max(case when element_position = 1 then contact_state end) as contact_state,
        sum(case
            when contact_state in ('CONNECTED', 'CONNECTED_ONHOLD') then 1 else 0
        end) as connected_contact_count,
        sum(case when contact_state = 'CONNECTED_ONHOLD' then 1 else 0 end)
            as on_hold_contact_count,
        sum(case when contact_state = 'ENDED' then 1 else 0 end)
            as after_contact_work_contact_count,
        sum(case
            when contact_state in ('INCOMING', 'PENDING', 'CONNECTING') then 1 else 0
        end) as offered_contact_count

    from snapshot_contacts
    group by event_id

),

intervals as (

    select
        sequenced.event_id as agent_status_interval_id,
        sequenced.agent_arn,
        sequenced.event_at as started_at,
        sequenced.next_event_at as ended_at,
        sequenced.event_type as opened_by_event_type,
        sequenced.next_event_type as closed_by_event_type,
        sequenced.next_event_id as closed_by_event_id,
        sequenced.agent_status_name,
        sequenced.agent_status_type,
        event_contacts.contact_id,
        event_contacts.contact_state,
        coalesce(event_contacts.contact_count, 0) as contact_count,
        coalesce(event_contacts.on_hold_contact_count, 0) > 0 as is_on_hold,
        case
            when event_contacts.connected_contact_count > 0 then 'on_contact'
            when event_contacts.after_contact_work_contact_count > 0
                then 'after_contact_work'
            when event_contacts.offered_contact_count > 0 then 'contact_offered'
            when sequenced.agent_status_type = 'ROUTABLE' then 'available'
            when sequenced.agent_status_type = 'CUSTOM' then 'unavailable'
            else 'offline'
        end as agent_activity

    from sequenced
    left join event_contacts
        on sequenced.event_id = event_contacts.event_id
    where sequenced.event_type <> 'LOGOUT'

),

final as (

    select
        *,
        {{ dbt.cast('started_at', 'date') }} as activity_date,
        {{ dbt.datediff(
            'started_at',
            'ended_at',
            'millisecond',
        ) }} / 1000.0 as duration_seconds,
        ended_at is null as is_open,
        (
            select max(staged._load_sequence)
            from {{ ref('stg_connect__agent_events') }} as staged
        ) as source_load_sequence,
        {{ run_timestamp(precise=true) }} as built_at

    from intervals

)

select * from final
