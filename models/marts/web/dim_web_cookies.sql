{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=["{{ web_stage_cookie_rows() }}", "{{ web_delete_staged('cookie_id') }}"],
    post_hook=["{{ drop_work_table('touched') }}", "{{ export_to_lake('web_cookies') }}"],
) }}
{#- Every first-party cookie of the clickstream, anonymous ones too, with
    the people who identified on it. Each resolved unified profile is one
    person, and so is each unknown email (an account no profile record
    holds); an ambiguous email (held by several profiles of a household)
    adds nobody. A cookie identified as exactly one person, a resolved
    profile, belongs to it (unified_profile_id). A cookie seen with several
    people is a shared device: flagged, never merged, so its
    unified_profile_id is null; its main resolved user (the profile
    identified in the most sessions; ties go to more identifying events,
    then the earliest identified, then the smallest id) is kept apart as
    primary_unified_profile_id.
    Incremental: a run counts and classifies again only the cookies it
    touches (web_stage_cookie_rows): new or re-staged events, and
    identifications written again or gone. -#}
with

clickstream as (

    select * from {{ ref('stg_web__clickstream') }}
    where {{ web_is_staged('cookie_id') }}

),

identifications as (

    select * from {{ ref('int_web_cookie_identifications') }}
    where {{ web_is_staged('cookie_id') }}

),

cookie_activity as (

    select
        cookie_id,
        min(event_at) as first_seen_at,
        max(event_at) as last_seen_at,
        count(distinct session_id) as session_count,
        count(*) as event_count

    from clickstream
    group by cookie_id

),

cookie_identifications as (

    select
        cookie_id,
        count(*) as identifying_event_count,
        count(distinct case
            when resolution = 'unknown_email' then email
        end) as unknown_email_count,
        count(distinct case
            when resolution = 'resolved' then session_id
        end) as identified_session_count,
        min(case when resolution = 'resolved' then event_at end) as first_identified_at

    from identifications
    group by cookie_id

),

cookie_profiles as (

    select
        cookie_id,
        unified_profile_id,
        count(distinct session_id) as profile_session_count,
        count(*) as profile_event_count,
        min(event_at) as profile_first_identified_at

    from identifications
    where resolution = 'resolved'
    group by cookie_id, unified_profile_id

),

ranked_profiles as (

    select
        cookie_id,
        unified_profile_id,
        row_number() over (
            partition by cookie_id
            order by
                profile_session_count desc,
                profile_event_count desc,
                profile_first_identified_at asc,
                unified_profile_id asc
        ) as profile_rank,
        count(*) over (partition by cookie_id) as identified_profile_count

    from cookie_profiles

),

primary_profiles as (

    select * from ranked_profiles
    where profile_rank = 1

),

cookie_people as (

    select
        cookie_activity.cookie_id,
        primary_profiles.unified_profile_id as primary_unified_profile_id,
        cookie_identifications.first_identified_at,
        coalesce(primary_profiles.identified_profile_count, 0) as identified_profile_count,
        coalesce(cookie_identifications.unknown_email_count, 0) as unknown_email_count,
        coalesce(cookie_identifications.identifying_event_count, 0)
            as identifying_event_count,
        coalesce(cookie_identifications.identified_session_count, 0)
            as identified_session_count

    from cookie_activity
    left join primary_profiles
        on cookie_activity.cookie_id = primary_profiles.cookie_id
    left join cookie_identifications
        on cookie_activity.cookie_id = cookie_identifications.cookie_id

),

classified as (

    select
        *,
        case
            when identified_profile_count = 1 and unknown_email_count = 0
                then primary_unified_profile_id
        end as unified_profile_id,
        identified_profile_count + unknown_email_count > 1 as is_shared_device,
        case
            when identified_profile_count + unknown_email_count > 1 then 'shared_device'
            when identified_profile_count = 1 then 'identified'
            when identifying_event_count > 0 then 'unresolved'
            else 'anonymous'
        end as identification_status

    from cookie_people

),

final as (

    select
        classified.cookie_id,
        classified.unified_profile_id,
        classified.primary_unified_profile_id,
        classified.identified_profile_count,
        classified.unknown_email_count,
        classified.is_shared_device,
        classified.identification_status,
        classified.first_identified_at,
        cookie_activity.first_seen_at,
        cookie_activity.last_seen_at,
        cookie_activity.session_count,
        classified.identified_session_count,
        cookie_activity.event_count,
        {{ web_source_load_sequence() }} as source_load_sequence,
        {{ run_timestamp(precise=true) }} as built_at

    from classified
    inner join cookie_activity
        on classified.cookie_id = cookie_activity.cookie_id

)

select * from final
