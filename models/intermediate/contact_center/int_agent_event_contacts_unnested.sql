{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=[
        "{{ stage_touched_keys(restaged_agent_events()) }}",
        "{{ delete_touched_rows('event_id') }}",
    ],
    post_hook="{{ drop_work_table('touched') }}",
) }}
{#- The contacts an agent holds after each status-bearing agent event: one
    row per contact in the event's CurrentAgentSnapshot.Contacts list (the
    JSON text column contacts), with the contact's state and its
    timestamps. Heartbeats are left out: they carry no change.
    Incremental: a run unnests again only the events staged (new, or a
    later copy) since it last wrote rows (restaged_agent_events), after
    deleting their rows. -#}
{%- set fields = [
    ['contact_id', '$.ContactId'],
    ['initial_contact_id', '$.InitialContactId'],
    ['channel', '$.Channel'],
    ['initiation_method', '$.InitiationMethod'],
    ['contact_state', '$.State'],
    ['state_started_at_text', '$.StateStartTimestamp'],
    ['connected_to_agent_at_text', '$.ConnectedToAgentTimestamp'],
    ['queue_name', '$.Queue.Name'],
] -%}
with

agent_events as (

    select * from {{ ref('stg_connect__agent_events') }}
    where event_type <> 'HEART_BEAT'
    {%- if is_incremental() %}
        and event_id in ({{ touched_keys('event_id') }})
    {%- endif %}

),

snapshot_contacts as (

    {{ json_array_rows(
        'agent_events',
        ['event_id', 'agent_arn', 'event_at', 'event_type'],
        'contacts',
        fields,
    ) }}

),

final as (

    select
        event_id,
        element_position,
        agent_arn,
        event_at,
        event_type,
        contact_id,
        initial_contact_id,
        channel,
        initiation_method,
        contact_state,
        queue_name,
        {{ parse_timestamp_utc('state_started_at_text') }} as state_started_at,
        {{ parse_timestamp_utc('connected_to_agent_at_text') }} as connected_to_agent_at,
        (
            select max(staged._load_sequence)
            from {{ ref('stg_connect__agent_events') }} as staged
        ) as source_load_sequence,
        {{ run_timestamp(precise=true) }} as built_at

    from snapshot_contacts
    where contact_id is not null

)

select * from final
