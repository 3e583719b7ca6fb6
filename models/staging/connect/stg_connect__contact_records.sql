{{ config(
    materialized='incremental',
    unique_key='contact_id',
    incremental_strategy=keyed_incremental_strategy(),
    on_schema_change='fail',
    post_hook="{{ strip_erased_contact_records() }}",
) }}
{#- Contact trace records that keep the contract, one per ContactId: the copy
    with the latest LastUpdateTimestamp, as the CTR documentation says (ties:
    the later file name, then the later line). Incremental: a run takes the
    base lines loaded since the highest _load_sequence it holds and replaces
    a staged record where a new copy is later. -#}
-- depends_on: {{ ref('privacy_erased_records') }}
with

valid as (

    select * from {{ ref('base_connect__contact_records') }}
    where _quarantine_reason is null
    {%- if is_incremental() %}
        and _load_sequence > {{ staged_load_sequence() }}
    {%- endif %}

),

latest as (

    {{ deduplicate_incremental(
        'valid',
        'contact_id',
        'last_updated_at desc, _file_name desc, _row_in_file desc',
    ) }}

),

final as (

    select
        contact_id,
        initial_contact_id,
        previous_contact_id,
        next_contact_id,
        channel,
        initiation_method,
        initiated_at,
        connected_to_system_at,
        disconnected_at,
        last_updated_at,
        customer_endpoint_address,
        customer_endpoint_type,
        system_endpoint_address,
        agent_arn,
        agent_username,
        agent_connected_at,
        agent_interaction_seconds,
        after_contact_work_seconds,
        customer_hold_seconds,
        longest_hold_seconds,
        number_of_holds,
        routing_profile_name,
        queue_arn,
        queue_name,
        enqueued_at,
        dequeued_at,
        queue_seconds,
        customer_id_attribute,
        attributes,
        disconnect_reason,
        aws_account_id,
        instance_arn,
        _file_name,
        _row_in_file,
        _load_sequence

    from latest

)

select * from final
