{#- Pre-hook of int_web_cookie_identifications: the cookies whose
    identifying events this run must resolve again, into its work table
    <model>__touched. A cookie with clickstream events staged since the
    model last ran (new, or re-staged from an earlier copy: the copy's old
    cookie too); a cookie holding an email that now resolves differently
    (the email's candidate profiles, recounted from int_web_email_holders,
    differ in count or resolved profile from those stored: records holding
    it added, changed, gone, or moved to another unified profile); and, once
    an erasure request was applied, a cookie holding an erased person's
    email (staging nulled it in the clickstream). The whole cookie is
    rebuilt, so the models after it see every changed cookie by the run
    stamp. `select 1` on a first build or full refresh. -#}
{% macro web_stage_identification_cookies() -%}
    {%- if is_incremental() -%}
        {%- set select_sql -%}
            with
            identifications as (select * from {{ this }}),
            new_events as ({{ web_new_events() }}),
            held_emails as (
                select holders.email, holders.unified_profile_id
                from {{ ref('int_web_email_holders') }} as holders
                where holders.email in (select identifications.email from identifications)
            ),
            email_candidates as (
                select
                    email,
                    count(distinct unified_profile_id) as candidate_profile_count,
                    min(unified_profile_id) as unified_profile_id
                from held_emails
                group by email
            ),
            stored_candidates as (
                select distinct email, candidate_profile_count, unified_profile_id
                from identifications
            ),
            changed_emails as (
                select stored_candidates.email
                from stored_candidates
                left join email_candidates
                    on stored_candidates.email = email_candidates.email
                where
                    coalesce(email_candidates.candidate_profile_count, 0)
                    <> stored_candidates.candidate_profile_count
                    or (
                        stored_candidates.candidate_profile_count = 1
                        and stored_candidates.unified_profile_id
                        <> email_candidates.unified_profile_id
                    )
            ),
            final as (
                select cookie_id from new_events
                union
                select identifications.cookie_id from identifications
                where identifications.event_id in (select new_events.event_id from new_events)
                union
                select identifications.cookie_id from identifications
                where identifications.email in (select changed_emails.email from changed_emails)
                {%- if erasure_is_active() %}
                union
                select identifications.cookie_id from identifications
                where {{ pii_hash('identifications.email') }} in ({{ erased_values('email') }})
                {%- endif %}
            )
            select * from final
        {%- endset -%}
        {{ create_work_table(work_table('touched'), select_sql) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
