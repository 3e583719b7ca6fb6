{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    post_hook="{{ strip_erased_contact_records() }}",
) }}
{#- Every line of the CTR files, parsed and typed, with its file, line number
    and the contract violations that send it to quarantine (a malformed or
    truncated line, a missing key, an unparseable timestamp, a duration that
    is not an integer). Incremental: a run appends the lines of the files
    not loaded yet. -#}
{%- set fields = [
    ['contact_id', '$.ContactId', 'string', true],
    ['initiated_at', '$.InitiationTimestamp', 'timestamp', true],
    ['last_updated_at', '$.LastUpdateTimestamp', 'timestamp', true],
    ['aws_account_id', '$.AWSAccountId', 'string', false],
    ['instance_arn', '$.InstanceARN', 'string', false],
    ['initial_contact_id', '$.InitialContactId', 'string', false],
    ['previous_contact_id', '$.PreviousContactId', 'string', false],
    ['next_contact_id', '$.NextContactId', 'string', false],
    ['channel', '$.Channel', 'string', false],
    ['initiation_method', '$.InitiationMethod', 'string', false],
    ['connected_to_system_at', '$.ConnectedToSystemTimestamp', 'timestamp', false],
    ['disconnected_at', '$.DisconnectTimestamp', 'timestamp', false],
    ['customer_endpoint_address', '$.CustomerEndpoint.Address', 'string', false],
    ['customer_endpoint_type', '$.CustomerEndpoint.Type', 'string', false],
    ['system_endpoint_address', '$.SystemEndpoint.Address', 'string', false],
    ['agent_arn', '$.Agent.ARN', 'string', false],
    ['agent_username', '$.Agent.Username', 'string', false],
    ['agent_connected_at', '$.Agent.ConnectedToAgentTimestamp', 'timestamp', false],
    ['agent_interaction_seconds', '$.Agent.AgentInteractionDuration', 'integer', false],
    ['after_contact_work_seconds', '$.Agent.AfterContactWorkDuration', 'integer', false],
    ['customer_hold_seconds', '$.Agent.CustomerHoldDuration', 'integer', false],
    ['longest_hold_seconds', '$.Agent.LongestHoldDuration', 'integer', false],
    ['number_of_holds', '$.Agent.NumberOfHolds', 'integer', false],
    ['routing_profile_name', '$.Agent.RoutingProfile.Name', 'string', false],
    ['queue_arn', '$.Queue.ARN', 'string', false],
    ['queue_name', '$.Queue.Name', 'string', false],
    ['enqueued_at', '$.Queue.EnqueueTimestamp', 'timestamp', false],
    ['dequeued_at', '$.Queue.DequeueTimestamp', 'timestamp', false],
    ['queue_seconds', '$.Queue.Duration', 'integer', false],
    ['customer_id_attribute', '$.Attributes.customerId', 'string', false],
    ['attributes', '$.Attributes', 'string', false],
    ['disconnect_reason', '$.DisconnectReason', 'string', false],
] -%}
-- depends_on: {{ ref('privacy_erased_records') }}
{{ json_lines_base(source('connect', 'contact_records'), fields) }}
