{#- SQL selecting the agent_arn of every agent dim_agents must build again
    on an incremental run: the agents of agent events staged since the
    model last wrote rows (restaged_agent_events, by event_load_sequence)
    and of contact records staged since (restaged_contact_records, by
    contact_load_sequence); agents whose number of events or of contact
    records differs from the one stored (a later copy naming another agent
    takes one away); and agents seen in neither feed any more. -#}
{% macro touched_agents() -%}
with

stored as (

    select agent_arn, event_count, contact_record_count from {{ this }}

),

event_counts as (

    select agent_arn, count(*) as event_count
    from {{ ref('stg_connect__agent_events') }}
    group by agent_arn

),

contact_counts as (

    select agent_arn, count(*) as contact_record_count
    from {{ ref('stg_connect__contact_records') }}
    where agent_arn is not null
    group by agent_arn

),

final as (

    select agent_arn from ({{ restaged_agent_events('event_load_sequence') }}) as events
    union
    select agent_arn from ({{ restaged_contact_records('contact_load_sequence') }}) as contacts
    where agent_arn is not null
    union
    select stored.agent_arn from stored
    left join event_counts
        on stored.agent_arn = event_counts.agent_arn
    left join contact_counts
        on stored.agent_arn = contact_counts.agent_arn
    where
        stored.event_count <> coalesce(event_counts.event_count, 0)
        or stored.contact_record_count <> coalesce(contact_counts.contact_record_count, 0)

)

select * from final
{%- endmacro %}
