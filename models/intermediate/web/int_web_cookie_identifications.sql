{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=["{{ web_stage_identification_cookies() }}", "{{ web_delete_staged('cookie_id') }}"],
    post_hook="{{ drop_work_table('touched') }}",
) }}
{#- The identifying events of the clickstream: one row per login,
    registration or checkout carrying a well-formed email, with the email in
    canonical form and the unified profile it resolves to. An email resolves
    when the profile records holding it (int_web_email_holders) all belong
    to one unified profile; held by several (a household sharing an
    address) it is ambiguous and never attached; held by none it is
    unknown.
    Incremental: a run resolves again every identifying event of the
    cookies it touches (web_stage_identification_cookies): new or re-staged
    events, an email whose candidate profiles changed, an erased email. -#}
with

clickstream as (

    select * from {{ ref('stg_web__clickstream') }}
    where {{ web_is_staged('cookie_id') }}

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

email_holders as (

    select * from {{ ref('int_web_email_holders') }}
    {%- if is_incremental() %}
        where email in (select identifying_events.email from identifying_events)
    {%- endif %}

),

email_profiles as (

    select distinct
        email,
        unified_profile_id

    from email_holders

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
        coalesce(email_candidates.candidate_profile_count, 0) as candidate_profile_count,
        {{ web_source_load_sequence() }} as source_load_sequence,
        {{ run_timestamp(precise=true) }} as built_at

    from identifying_events
    left join email_candidates
        on identifying_events.email = email_candidates.email
    where identifying_events.email is not null

)

select * from final
