{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
) }}
{#- Every line of the agent event stream files, parsed and typed, with its
    file, line number and the contract violations that send it to quarantine.
    Incremental: a run appends the lines of the files not loaded yet. -#}
{%- set fields = [
    ['event_id', '$.EventId', 'string', true],
    ['agent_arn', '$.AgentARN', 'string', true],
    ['event_at', '$.EventTimestamp', 'timestamp', true],
    ['event_type', '$.EventType', 'string', true],
    ['event_version', '$.Version', 'string', false],
    ['aws_account_id', '$.AWSAccountId', 'string', false],
    ['instance_arn', '$.InstanceARN', 'string', false],
    ['agent_status_arn', '$.CurrentAgentSnapshot.AgentStatus.ARN', 'string', false],
    ['agent_status_name', '$.CurrentAgentSnapshot.AgentStatus.Name', 'string', false],
    ['agent_status_type', '$.CurrentAgentSnapshot.AgentStatus.Type', 'string', false],
    ['agent_status_started_at',
     '$.CurrentAgentSnapshot.AgentStatus.StartTimestamp', 'timestamp', false],
    ['agent_username', '$.CurrentAgentSnapshot.Configuration.Username', 'string', false],
    ['agent_first_name', '$.CurrentAgentSnapshot.Configuration.FirstName', 'string', false],
    ['agent_last_name', '$.CurrentAgentSnapshot.Configuration.LastName', 'string', false],
    ['routing_profile_arn',
     '$.CurrentAgentSnapshot.Configuration.RoutingProfile.ARN', 'string', false],
    ['routing_profile_name',
     '$.CurrentAgentSnapshot.Configuration.RoutingProfile.Name', 'string', false],
    ['contacts', '$.CurrentAgentSnapshot.Contacts', 'string', false],
    ['previous_agent_status_name',
     '$.PreviousAgentSnapshot.AgentStatus.Name', 'string', false],
    ['previous_agent_status_type',
     '$.PreviousAgentSnapshot.AgentStatus.Type', 'string', false],
    ['previous_contacts', '$.PreviousAgentSnapshot.Contacts', 'string', false],
] -%}
{{ json_lines_base(source('connect', 'agent_events'), fields) }}
