{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=[
        "{{ stage_touched_keys(rebuilt_upstream_keys("
        ~ "ref('int_contacts_resolved'), 'contact_id')) }}",
        "{{ delete_touched_rows('contact_id') }}",
    ],
    post_hook=[
        "{{ drop_work_table('touched') }}",
        "{{ export_to_lake('contacts', 'contact_date') }}",
    ],
) }}
{#- One row per Amazon Connect contact (the latest copy of each CTR) with
    the customer's unified profile (int_contacts_resolved: customerId
    attribute, else a phone number held by exactly one profile, else the
    first leg of the transfer chain; unresolved contacts kept with the
    reason), its channel, queue, agent, timestamps and durations, the
    transfer chain and the abandoned flag: a contact that entered a queue
    (Queue.EnqueueTimestamp) and never connected to an agent
    (no Agent.ConnectedToAgentTimestamp), as the CTR documentation defines
    it.
    Incremental: a run builds again only the contacts int_contacts_resolved
    wrote since (every contact staged again or resolving otherwise), and
    deletes those gone from it. -#}
with

contact_records as (

    select * from {{ ref('stg_connect__contact_records') }}
    {%- if is_incremental() %}
        where contact_id in ({{ touched_keys('contact_id') }})
    {%- endif %}

),

resolved as (

    select * from {{ ref('int_contacts_resolved') }}
    {%- if is_incremental() %}
        where contact_id in ({{ touched_keys('contact_id') }})
    {%- endif %}

),

final as (

    select
        contact_records.contact_id,
        resolved.unified_profile_id,
        resolved.resolution_method,
        resolved.unresolved_reason,
        resolved.phone_candidate_profile_count,
        resolved.customer_id,
        resolved.customer_phone,
        contact_records.channel,
        contact_records.initiation_method,
        contact_records.initial_contact_id,
        contact_records.previous_contact_id,
        contact_records.next_contact_id,
        contact_records.queue_arn,
        contact_records.queue_name,
        contact_records.agent_arn,
        contact_records.agent_username,
        contact_records.routing_profile_name,
        contact_records.system_endpoint_address,
        contact_records.disconnect_reason,
        contact_records.initiated_at,
        contact_records.connected_to_system_at,
        contact_records.enqueued_at,
        contact_records.dequeued_at,
        contact_records.agent_connected_at,
        contact_records.disconnected_at,
        contact_records.last_updated_at,
        contact_records.agent_interaction_seconds as talk_seconds,
        contact_records.customer_hold_seconds as hold_seconds,
        contact_records.longest_hold_seconds,
        contact_records.number_of_holds,
        contact_records.after_contact_work_seconds,
        coalesce(contact_records.initial_contact_id, contact_records.contact_id)
            as chain_contact_id,
        {{ dbt.cast('contact_records.initiated_at', 'date') }} as contact_date,
        case
            when contact_records.enqueued_at is not null
                then coalesce(
                    contact_records.queue_seconds,
                    {{ dbt.datediff(
                        'contact_records.enqueued_at',
                        'contact_records.dequeued_at',
                        'second',
                    ) }}
                )
        end as queue_wait_seconds,
        case
            when contact_records.agent_connected_at is not null
                then
                    coalesce(contact_records.agent_interaction_seconds, 0)
                    + coalesce(contact_records.customer_hold_seconds, 0)
                    + coalesce(contact_records.after_contact_work_seconds, 0)
        end as handle_seconds,
        {{ dbt.datediff(
            'contact_records.initiated_at',
            'contact_records.disconnected_at',
            'second',
        ) }} as contact_duration_seconds,
        contact_records.agent_connected_at is not null as is_handled,
        contact_records.enqueued_at is not null
        and contact_records.agent_connected_at is null as is_abandoned,
        contact_records.previous_contact_id is not null as is_transfer_leg,
        contact_records.next_contact_id is not null as is_transferred,
        {{ run_timestamp(precise=true) }} as built_at

    from contact_records
    inner join resolved
        on contact_records.contact_id = resolved.contact_id

)

select * from final
