{#- SQL selecting, for every agent whose timeline fct_agent_status_intervals
    must build again on an incremental run, agent_arn and rebuilt_from: the
    start of the last stored interval of the agent that started before the
    agent's earliest change, or null to rebuild the whole timeline (no such
    interval). A change is a LOGIN, STATE_CHANGE or LOGOUT event staged (new,
    or a later copy) since the model last wrote rows (restaged_agent_events):
    its time, and for a later copy the times the replaced copy held in the
    stored intervals (the start of the interval it opened, the end of the
    one it closed: closed_by_event_id); an event that opened and closed no
    interval changed nothing where it was. Heartbeats change no interval.
    An interval that started before rebuilt_from ends at an event that
    sorts no later than the one at rebuilt_from, and every event up to that
    one is unchanged, so it keeps its row. -#}
{% macro touched_agent_timelines() -%}
with

restaged as (

    select * from ({{ restaged_agent_events() }}) as events
    where event_type in ('LOGIN', 'STATE_CHANGE', 'LOGOUT')

),

changes as (

    select agent_arn, event_at as changed_at from restaged
    union all
    select stored.agent_arn, stored.started_at from {{ this }} as stored
    inner join restaged on stored.agent_status_interval_id = restaged.event_id
    union all
    select stored.agent_arn, stored.ended_at from {{ this }} as stored
    inner join restaged on stored.closed_by_event_id = restaged.event_id

),

first_changes as (

    select agent_arn, min(changed_at) as changed_from
    from changes
    group by agent_arn

),

final as (

    select
        first_changes.agent_arn,
        max(stored.started_at) as rebuilt_from

    from first_changes
    left join {{ this }} as stored
        on
            first_changes.agent_arn = stored.agent_arn
            and stored.started_at < first_changes.changed_from
    group by first_changes.agent_arn

)

select * from final
{%- endmacro %}
