{#- Pre-hook of dim_web_cookies: the cookies this run must count and
    classify again, into its work table <model>__touched. A cookie with
    clickstream events staged since the model last ran, and the cookie an
    event re-staged from an earlier copy belonged to (read from the
    fct_web_events of the previous run, which a ref would make a cycle); a
    cookie whose identifications int_web_cookie_identifications wrote after
    the model last ran (built_at); and a cookie the model holds as
    identified in some way that has no identification left (the erasure of
    its only identifying emails). `select 1` on a first build or full
    refresh. -#}
{% macro web_stage_cookie_rows() -%}
    {%- if is_incremental() -%}
        {%- set previous_events = previous_state_relation('fct_web_events') -%}
        {%- set select_sql -%}
            with
            cookies as (select * from {{ this }}),
            new_events as ({{ web_new_events() }}),
            identifications as (
                select * from {{ ref('int_web_cookie_identifications') }}
            ),
            final as (
                select cookie_id from new_events
                union
                select identifications.cookie_id from identifications
                where identifications.built_at > (
                    select coalesce(
                        max(cookies.built_at), cast('1900-01-01' as {{ dbt.type_timestamp() }})
                    )
                    from cookies
                )
                union
                select cookies.cookie_id from cookies
                where
                    cookies.identification_status <> 'anonymous'
                    and not exists (
                        select 1 from identifications
                        where identifications.cookie_id = cookies.cookie_id
                    )
                {%- if previous_events is not none %}
                union
                select previous_events.cookie_id from {{ previous_events }} as previous_events
                where previous_events.event_id in (select new_events.event_id from new_events)
                {%- endif %}
            )
            select * from final
        {%- endset -%}
        {{ create_work_table(work_table('touched'), select_sql) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
