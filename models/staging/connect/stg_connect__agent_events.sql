{#- Agent events that keep the contract, each EventId once (a redelivered
    event keeps its first copy). -#}
with

valid as (

    select * from {{ ref('base_connect__agent_events') }}
    where _quarantine_reason is null

),

deduplicated as (

    {{ deduplicate('valid', 'event_id', '_file_name, _row_in_file') }}

),

final as (

    select
        event_id,
        agent_arn,
        event_at,
        event_type,
        event_version,
        agent_status_arn,
        agent_status_name,
        agent_status_type,
        agent_status_started_at,
        agent_username,
        agent_first_name,
        agent_last_name,
        routing_profile_arn,
        routing_profile_name,
        contacts,
        previous_agent_status_name,
        previous_agent_status_type,
        previous_contacts,
        aws_account_id,
        instance_arn,
        _file_name,
        _row_in_file

    from deduplicated

)

select * from final
