-- Repeat contacts: a customer coming back within 7 days of an earlier
-- contact, per channel. A transfer chain counts once (its first leg); the
-- customer is the unified profile, or for unresolved voice callers the
-- caller's number (contacts with neither are left out).
with

contacts as (

    select * from {{ ref('fct_contacts') }}
    where not is_transfer_leg

),

callers as (

    select
        contact_id,
        channel,
        initiated_at,
        coalesce(unified_profile_id, 'phone:' || customer_phone) as caller_key

    from contacts
    where coalesce(unified_profile_id, customer_phone) is not null

),

sequenced as (

    select
        *,
        lag(initiated_at) over (
            partition by caller_key
            order by initiated_at asc, contact_id asc
        ) as previous_initiated_at

    from callers

),

flagged as (

    select
        *,
        coalesce(
            previous_initiated_at >= {{ dbt.dateadd('day', -7, 'initiated_at') }},
            false
        ) as is_repeat

    from sequenced

),

final as (

    select
        channel,
        count(*) as contacts,
        count(distinct caller_key) as callers,
        sum(case when is_repeat then 1 else 0 end) as repeat_contacts,
        count(distinct case when is_repeat then caller_key end) as repeat_callers,
        1.0 * sum(case when is_repeat then 1 else 0 end) / count(*) as repeat_contact_rate

    from flagged
    group by channel

)

select * from final
order by channel
