{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=["{{ web_stage_event_cookies() }}", "{{ web_delete_staged('cookie_id') }}"],
    post_hook=[
        "{{ drop_work_table('touched') }}",
        "{{ export_to_lake('web_events', 'event_date') }}",
    ],
) }}
{#- Every clickstream event once, attributed to a unified profile where the
    evidence allows. session_login: the event's session identified a
    profile, so the whole session is that visitor's, the browsing before the
    login included (in a session that identified several profiles, an event
    goes to the latest identification at or before it, and events before the
    first identification to the first). cookie: outside an identified
    session, the event's cookie belongs to exactly one profile (not a shared
    device), which covers anonymous sessions before and after the first
    login. none: anonymous cookies, unresolved ones and shared devices
    outside an identified session.
    Incremental: a run attributes again every event of the cookies it
    touches (web_stage_event_cookies): new or re-staged events, and cookies
    dim_web_cookies wrote again. -#}
with

clickstream as (

    select * from {{ ref('stg_web__clickstream') }}
    where {{ web_is_staged('cookie_id') }}

),

identifications as (

    select * from {{ ref('int_web_cookie_identifications') }}
    where resolution = 'resolved' and {{ web_is_staged('cookie_id') }}

),

cookies as (

    select * from {{ ref('dim_web_cookies') }}
    where {{ web_is_staged('cookie_id') }}

),

events_identified as (

    select
        clickstream.event_id,
        clickstream.cookie_id,
        clickstream.session_id,
        clickstream.event_name,
        clickstream.event_at,
        clickstream.event_date,
        clickstream.page_url,
        identifications.unified_profile_id as identified_profile_id

    from clickstream
    left join identifications
        on clickstream.event_id = identifications.event_id

),

events_in_stretches as (

    -- each resolved identification opens a stretch of its session that runs
    -- to the next one: stretch 0 is the browsing before the first
    select
        *,
        count(identified_profile_id) over (
            partition by cookie_id, session_id
            order by event_at asc, event_id asc
            rows between unbounded preceding and current row
        ) as identification_stretch

    from events_identified

),

stretch_profiles as (

    select
        *,
        max(identified_profile_id) over (
            partition by cookie_id, session_id, identification_stretch
        ) as stretch_profile_id,
        max(case
            when identification_stretch = 1 then identified_profile_id
        end) over (
            partition by cookie_id, session_id
        ) as first_session_profile_id

    from events_in_stretches

),

session_attributed as (

    select
        *,
        case
            when session_id is null then identified_profile_id
            when identification_stretch = 0 then first_session_profile_id
            else stretch_profile_id
        end as session_profile_id

    from stretch_profiles

),

final as (

    select
        session_attributed.event_id,
        session_attributed.cookie_id,
        session_attributed.session_id,
        session_attributed.event_name,
        session_attributed.event_at,
        session_attributed.event_date,
        session_attributed.page_url,
        coalesce(
            session_attributed.session_profile_id, cookies.unified_profile_id
        ) as unified_profile_id,
        case
            when session_attributed.session_profile_id is not null then 'session_login'
            when cookies.unified_profile_id is not null then 'cookie'
            else 'none'
        end as attribution_method,
        {{ web_source_load_sequence() }} as source_load_sequence,
        {{ run_timestamp(precise=true) }} as built_at

    from session_attributed
    left join cookies
        on session_attributed.cookie_id = cookies.cookie_id

)

select * from final
