{#- SQL selecting the (agent_arn, contact_id) pairs fct_agent_contacts must
    build again on an incremental run: the pairs of the status intervals
    fct_agent_status_intervals wrote since the model last wrote rows
    (built_at); the stored pairs of those agents that were still held at
    or after the earliest interval written (released_at null or later:
    every interval the run rebuilt starts then or later, so a pair released
    before keeps its intervals); the stored pairs of contacts whose contact
    record was staged since (restaged_contact_records: has_contact_record
    may turn true); and the stored pairs whose contact record is gone. -#}
{% macro touched_agent_contacts() -%}
with

rebuilt_intervals as (

    select agent_status_interval_id, agent_arn, started_at
    from {{ ref('fct_agent_status_intervals') }}
    where built_at > (
        select coalesce(max(built_at), cast('1900-01-01' as {{ dbt.type_timestamp() }}))
        from {{ this }}
    )

),

rebuilt_agents as (

    select agent_arn, min(started_at) as rebuilt_from
    from rebuilt_intervals
    group by agent_arn

),

restaged_contacts as (

    {{ restaged_contact_records() }}

),

final as (

    select snapshot_contacts.agent_arn, snapshot_contacts.contact_id
    from {{ ref('int_agent_event_contacts_unnested') }} as snapshot_contacts
    inner join rebuilt_intervals
        on snapshot_contacts.event_id = rebuilt_intervals.agent_status_interval_id
    union
    select stored.agent_arn, stored.contact_id from {{ this }} as stored
    inner join rebuilt_agents
        on stored.agent_arn = rebuilt_agents.agent_arn
    where stored.released_at is null or stored.released_at >= rebuilt_agents.rebuilt_from
    union
    select agent_arn, contact_id from {{ this }}
    where contact_id in (select contact_id from restaged_contacts)
    union
    select agent_arn, contact_id from {{ this }}
    where
        has_contact_record
        and contact_id not in (
            select contact_id from {{ ref('stg_connect__contact_records') }}
        )

)

select * from final
{%- endmacro %}
