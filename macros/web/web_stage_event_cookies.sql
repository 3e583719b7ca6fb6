{#- Pre-hook of fct_web_events: the cookies whose events this run must
    attribute again, into its work table <model>__touched. A cookie with
    clickstream events staged since the model last ran, and the cookie the
    model holds a re-staged event under; and a cookie that dim_web_cookies
    wrote again after the model last ran (built_at), which covers every
    change of its identifications and of the profile it belongs to.
    `select 1` on a first build or full refresh. -#}
{% macro web_stage_event_cookies() -%}
    {%- if is_incremental() -%}
        {%- set select_sql -%}
            with
            web_events as (select * from {{ this }}),
            new_events as ({{ web_new_events() }}),
            final as (
                select cookie_id from new_events
                union
                select web_events.cookie_id from web_events
                where web_events.event_id in (select new_events.event_id from new_events)
                union
                select cookies.cookie_id from {{ ref('dim_web_cookies') }} as cookies
                where cookies.built_at > (
                    select coalesce(
                        max(web_events.built_at),
                        cast('1900-01-01' as {{ dbt.type_timestamp() }})
                    )
                    from web_events
                )
            )
            select * from final
        {%- endset -%}
        {{ create_work_table(work_table('touched'), select_sql) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
