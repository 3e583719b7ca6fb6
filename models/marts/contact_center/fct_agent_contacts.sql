{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=[
        "{{ stage_touched_keys(touched_agent_contacts()) }}",
        "{{ delete_touched_rows(['agent_arn', 'contact_id']) }}",
    ],
    post_hook=["{{ drop_work_table('touched') }}", "{{ export_to_lake('agent_contacts') }}"],
) }}
{#- Which agent handled which contact, from the agents' own snapshots: one
    row per agent and contact that appeared in the agent's Contacts list,
    with the times and durations the agent's status intervals give it
    (fct_agent_status_intervals: an interval's state lasts until the agent's
    next event): offered (first seen), connected, ended (the contact's
    ENDED state: after-contact work starts) and released (the end of the
    last interval holding it: the work is done), ring, talk, hold and
    after-contact-work seconds, and the contact's last state.
    Incremental: a run builds again only the pairs touched_agent_contacts
    finds (the pairs of the intervals rebuilt since, the pairs of their
    agents still held when those start, and the pairs of contacts whose
    record was staged or is gone), reading their agents' intervals. -#}
with

intervals as (

    select * from {{ ref('fct_agent_status_intervals') }}
    {%- if is_incremental() %}
        where agent_arn in (select touched.agent_arn from {{ work_table('touched') }} as touched)
    {%- endif %}

),

snapshot_contacts as (

    select * from {{ ref('int_agent_event_contacts_unnested') }}

),

contact_records as (

    select contact_id from {{ ref('stg_connect__contact_records') }}

),

interval_contacts as (

    select
        intervals.agent_arn,
        snapshot_contacts.contact_id,
        snapshot_contacts.initial_contact_id,
        snapshot_contacts.channel,
        snapshot_contacts.initiation_method,
        snapshot_contacts.queue_name,
        snapshot_contacts.contact_state,
        snapshot_contacts.connected_to_agent_at,
        intervals.started_at,
        intervals.ended_at,
        intervals.duration_seconds,
        row_number() over (
            partition by intervals.agent_arn, snapshot_contacts.contact_id
            order by intervals.started_at desc, intervals.agent_status_interval_id desc
        ) as recency_rank

    from intervals
    inner join snapshot_contacts
        on intervals.agent_status_interval_id = snapshot_contacts.event_id

),

agent_contacts as (

    select
        agent_arn,
        contact_id,
        max(initial_contact_id) as initial_contact_id,
        max(channel) as channel,
        max(initiation_method) as initiation_method,
        max(queue_name) as queue_name,
        max(case when recency_rank = 1 then contact_state end) as last_contact_state,
        min(started_at) as offered_at,
        min(case
            when contact_state in ('CONNECTED', 'CONNECTED_ONHOLD') then started_at
        end) as connected_at,
        min(case when contact_state = 'ENDED' then started_at end) as ended_at,
        max(ended_at) as last_interval_ended_at,
        count(*) - count(ended_at) as open_interval_count,
        sum(case
            when contact_state in ('INCOMING', 'PENDING', 'CONNECTING')
                then duration_seconds
            else 0
        end) as ring_seconds,
        sum(case when contact_state = 'CONNECTED' then duration_seconds else 0 end)
            as talk_seconds,
        sum(case when contact_state = 'CONNECTED_ONHOLD' then duration_seconds else 0 end)
            as hold_seconds,
        sum(case when contact_state = 'ENDED' then duration_seconds else 0 end)
            as after_contact_work_seconds

    from interval_contacts
    {%- if is_incremental() %}
        where (agent_arn, contact_id) in (
            select touched.agent_arn, touched.contact_id
            from {{ work_table('touched') }} as touched
        )
    {%- endif %}
    group by agent_arn, contact_id

),

final as (

    select
        agent_contacts.agent_arn,
        agent_contacts.contact_id,
        agent_contacts.initial_contact_id,
        agent_contacts.channel,
        agent_contacts.initiation_method,
        agent_contacts.queue_name,
        agent_contacts.last_contact_state,
        agent_contacts.offered_at,
        agent_contacts.connected_at,
        agent_contacts.ended_at,
        agent_contacts.ring_seconds,
        agent_contacts.talk_seconds,
        agent_contacts.hold_seconds,
        agent_contacts.after_contact_work_seconds,
        case
            when agent_contacts.open_interval_count = 0
                then agent_contacts.last_interval_ended_at
        end as released_at,
        case
            when agent_contacts.connected_at is not null
                then
                    agent_contacts.talk_seconds
                    + agent_contacts.hold_seconds
                    + agent_contacts.after_contact_work_seconds
        end as handle_seconds,
        agent_contacts.connected_at is not null as is_connected,
        contact_records.contact_id is not null as has_contact_record,
        (
            select max(staged._load_sequence)
            from {{ ref('stg_connect__contact_records') }} as staged
        ) as source_load_sequence,
        {{ run_timestamp(precise=true) }} as built_at

    from agent_contacts
    left join contact_records
        on agent_contacts.contact_id = contact_records.contact_id

)

select * from final
