{#- SQL selecting the (agent_arn, activity_date) days fct_agent_daily_activity
    must build again on an incremental run: the days of the status
    intervals fct_agent_status_intervals wrote since the model last wrote
    rows (built_at), and the stored days of those agents from the earliest
    such interval's day on (every interval the run rebuilt starts then or
    later, so an earlier day keeps its intervals); the days of fct_contacts
    rows written since (by the day the agent connected); and the stored
    days whose number of handled contacts differs from the one stored (a
    contact that moved to another agent or day, or is gone). -#}
{% macro touched_agent_days() -%}
{%- set watermark -%}
    (
        select coalesce(max(built_at), cast('1900-01-01' as {{ dbt.type_timestamp() }}))
        from {{ this }}
    )
{%- endset -%}
with

rebuilt_days as (

    select distinct agent_arn, activity_date
    from {{ ref('fct_agent_status_intervals') }}
    where built_at > {{ watermark }}

),

rebuilt_agents as (

    select agent_arn, min(activity_date) as rebuilt_from
    from rebuilt_days
    group by agent_arn

),

handled_contacts as (

    select
        agent_arn,
        built_at,
        {{ dbt.cast('agent_connected_at', 'date') }} as activity_date

    from {{ ref('fct_contacts') }}
    where is_handled and agent_arn is not null

),

contact_days as (

    select agent_arn, activity_date, count(*) as contacts_handled
    from handled_contacts
    group by agent_arn, activity_date

),

final as (

    select agent_arn, activity_date from rebuilt_days
    union
    select stored.agent_arn, stored.activity_date from {{ this }} as stored
    inner join rebuilt_agents
        on stored.agent_arn = rebuilt_agents.agent_arn
    where stored.activity_date >= rebuilt_agents.rebuilt_from
    union
    select agent_arn, activity_date from handled_contacts
    where built_at > {{ watermark }}
    union
    select stored.agent_arn, stored.activity_date from {{ this }} as stored
    left join contact_days
        on
            stored.agent_arn = contact_days.agent_arn
            and stored.activity_date = contact_days.activity_date
    where stored.contacts_handled <> coalesce(contact_days.contacts_handled, 0)

)

select * from final
{%- endmacro %}
