{#- Contact trace records that keep the contract, one per ContactId: the copy
    with the latest LastUpdateTimestamp, as the CTR documentation says. -#}
with

valid as (

    select * from {{ ref('base_connect__contact_records') }}
    where _quarantine_reason is null

),

latest as (

    {{ deduplicate(
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
        _row_in_file

    from latest

)

select * from final
