-- Contacts whose customer could not be resolved to a unified profile, per
-- reason and channel: how many, their share of all contacts, how many
-- distinct numbers they came from, and how many were abandoned. The numbers
-- that call most without resolving are candidates for a profile or a
-- customerId in the IVR.
with

contacts as (

    select * from {{ ref('fct_contacts') }}

),

totals as (

    select count(*) as all_contacts from contacts

),

unresolved as (

    select
        unresolved_reason,
        channel,
        count(*) as contacts,
        count(distinct customer_phone) as distinct_phones,
        sum(case when is_abandoned then 1 else 0 end) as abandoned_contacts,
        min(initiated_at) as first_contact_at,
        max(initiated_at) as last_contact_at

    from contacts
    where unified_profile_id is null
    group by unresolved_reason, channel

),

final as (

    select
        unresolved.*,
        1.0 * unresolved.contacts / totals.all_contacts as share_of_all_contacts

    from unresolved
    cross join totals

)

select * from final
order by contacts desc
