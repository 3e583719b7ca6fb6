{{ config(
    materialized='incremental',
    unique_key='event_id',
    incremental_strategy=keyed_incremental_strategy(),
    on_schema_change='fail',
) }}
{#- Agent events that keep the contract, each EventId once (a redelivered
    event keeps its first copy, by file name and line). Incremental: a run
    takes the base lines loaded since the highest _load_sequence it holds
    and stages the events it does not hold yet (or an earlier copy of one,
    from a late file that sorts before it). -#}
with

valid as (

    select * from {{ ref('base_connect__agent_events') }}
    where _quarantine_reason is null
    {%- if is_incremental() %}
        and _load_sequence > {{ staged_load_sequence() }}
    {%- endif %}

),

deduplicated as (

    {{ deduplicate_incremental('valid', 'event_id', '_file_name, _row_in_file') }}

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
        _row_in_file,
        _load_sequence

    from deduplicated

)

select * from final
