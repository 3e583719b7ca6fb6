{#- SQL selecting the unified_profile_id of every profile customer_360 must
    build again on an incremental run (rendered in its pre-hook, before it
    deletes anything): the profiles dim_unified_profiles or
    fct_identity_graph rewrote since the model last read them (clustered_at
    above its graph_clustered_at), profiles gone from dim_unified_profiles
    (merged away or emptied: their rows are only deleted) or missing from
    the model, profiles of fct_contacts rows written since the model last
    wrote rows (built_at), profiles whose number of contacts differs from
    the one stored (a contact resolved elsewhere now, or gone), and profiles
    whose web facts (dim_web_cookies: cookies, sessions, first and last
    visit) differ from the stored ones: a comparison that is right whether
    or not dim_web_cookies is incremental. -#}
{% macro touched_profiles() -%}
with

stored as (

    select * from {{ this }}

),

unified_profiles as (

    select unified_profile_id, clustered_at from {{ ref('dim_unified_profiles') }}

),

contacts as (

    select unified_profile_id, built_at from {{ ref('fct_contacts') }}
    where unified_profile_id is not null

),

profile_contacts as (

    select
        unified_profile_id,
        count(*) as contact_count

    from contacts
    group by unified_profile_id

),

profile_web as (

    select
        unified_profile_id,
        count(*) as web_cookie_count,
        sum(session_count) as web_session_count,
        min(first_seen_at) as first_web_visit_at,
        max(last_seen_at) as last_web_visit_at

    from {{ ref('dim_web_cookies') }}
    where unified_profile_id is not null
    group by unified_profile_id

),

final as (

    select unified_profile_id from unified_profiles
    where clustered_at > (select max(graph_clustered_at) from stored)
    union
    select unified_profile_id from {{ ref('fct_identity_graph') }}
    where clustered_at > (select max(graph_clustered_at) from stored)
    union
    select unified_profile_id from stored
    where unified_profile_id not in (select unified_profile_id from unified_profiles)
    union
    select unified_profile_id from unified_profiles
    where unified_profile_id not in (select unified_profile_id from stored)
    union
    select unified_profile_id from contacts
    where built_at > (select max(built_at) from stored)
    union
    select stored.unified_profile_id from stored
    left join profile_contacts
        on stored.unified_profile_id = profile_contacts.unified_profile_id
    where stored.contact_count <> coalesce(profile_contacts.contact_count, 0)
    union
    select stored.unified_profile_id from stored
    left join profile_web
        on stored.unified_profile_id = profile_web.unified_profile_id
    where
        stored.web_cookie_count <> coalesce(profile_web.web_cookie_count, 0)
        or stored.web_session_count <> coalesce(profile_web.web_session_count, 0)
        or stored.first_web_visit_at is distinct from profile_web.first_web_visit_at
        or stored.last_web_visit_at is distinct from profile_web.last_web_visit_at

)

select * from final
{%- endmacro %}
