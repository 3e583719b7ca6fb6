{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=["{{ web_stage_email_holders() }}", "{{ web_delete_staged('profile_record_id') }}"],
    post_hook="{{ drop_work_table('touched') }}",
) }}
{#- Every email a profile record holds (int_profiles_normalized.emails),
    with the unified profile the record belongs to (fct_identity_graph):
    the lookup that resolves the clickstream's identifying emails.
    Incremental: a run writes again only the records of identity-graph rows
    written since (graph_clustered_at) and drops the records the graph no
    longer holds (web_stage_email_holders), so a delta does not explode
    every record's emails again. -#}
with

profiles as (

    select * from {{ ref('int_profiles_normalized') }}
    where {{ web_is_staged('profile_record_id') }}

),

identity_graph as (

    select * from {{ ref('fct_identity_graph') }}
    where {{ web_is_staged('profile_record_id') }}

),

profile_emails as (

    {{ explode_list('profiles', 'emails', 'email') }}

),

final as (

    select distinct
        profile_emails.email,
        profile_emails.profile_record_id,
        identity_graph.unified_profile_id,
        (
            select max(graph.clustered_at) from {{ ref('fct_identity_graph') }} as graph
        ) as graph_clustered_at,
        {{ run_timestamp(precise=true) }} as built_at

    from profile_emails
    inner join identity_graph
        on profile_emails.profile_record_id = identity_graph.profile_record_id

)

select * from final
