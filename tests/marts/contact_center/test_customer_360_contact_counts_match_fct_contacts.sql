-- customer_360 counts every resolved contact of fct_contacts on its profile,
-- and no other.
with

contacts as (

    select
        unified_profile_id,
        count(*) as contact_count,
        sum(case when is_abandoned then 1 else 0 end) as abandoned_contact_count

    from {{ ref('fct_contacts') }}
    where unified_profile_id is not null
    group by unified_profile_id

),

profiles as (

    select
        unified_profile_id,
        contact_count,
        abandoned_contact_count

    from {{ ref('customer_360') }}
    where contact_count > 0

)

select
    contacts.unified_profile_id as contacts_profile_id,
    profiles.unified_profile_id as customer_360_profile_id,
    contacts.contact_count as fct_contact_count,
    profiles.contact_count as customer_360_contact_count

from contacts
full outer join profiles
    on contacts.unified_profile_id = profiles.unified_profile_id
where
    contacts.unified_profile_id is null
    or profiles.unified_profile_id is null
    or contacts.contact_count <> profiles.contact_count
    or contacts.abandoned_contact_count <> profiles.abandoned_contact_count
