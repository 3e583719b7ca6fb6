{#- The identifying events of the clickstream: one row per login,
    registration or checkout carrying a well-formed email, with the email in
    canonical form and the unified profile it resolves to. An email resolves
    when the profile records holding it (int_profiles_normalized.emails) all
    belong to one unified profile; held by several (a household sharing an
    address) it is ambiguous and never attached; held by none it is
    unknown. -#}
with

clickstream as (

    select * from {{ ref('stg_web__clickstream') }}

),

profiles as (

    select * from {{ ref('int_profiles_normalized') }}

),

identity_graph as (

    select * from {{ ref('fct_identity_graph') }}

),

identifying_events as (

    select
        event_id,
        cookie_id,
        session_id,
        event_at,
        event_name,
        {{ normalize_email('email') }} as email

    from clickstream
    where event_name in ('login', 'registration', 'checkout')

),

profile_emails as (

    {{ explode_list('profiles', 'emails', 'email') }}

),

email_profiles as (

    select distinct
        profile_emails.email,
        identity_graph.unified_profile_id

    from profile_emails
    inner join identity_graph
        on profile_emails.profile_record_id = identity_graph.profile_record_id

),

email_candidates as (

    select
        email,
        count(*) as candidate_profile_count,
        min(unified_profile_id) as unified_profile_id

    from email_profiles
    group by email

),

final as (

    select
        identifying_events.event_id,
        identifying_events.cookie_id,
        identifying_events.session_id,
        identifying_events.event_at,
        identifying_events.event_name,
        identifying_events.email,
        case
            when email_candidates.candidate_profile_count = 1
                then email_candidates.unified_profile_id
        end as unified_profile_id,
        case
            when email_candidates.candidate_profile_count = 1 then 'resolved'
            when email_candidates.candidate_profile_count > 1 then 'ambiguous_email'
            else 'unknown_email'
        end as resolution,
        coalesce(email_candidates.candidate_profile_count, 0) as candidate_profile_count

    from identifying_events
    left join email_candidates
        on identifying_events.email = email_candidates.email
    where identifying_events.email is not null

)

select * from final
