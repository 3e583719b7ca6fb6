{#- Clickstream events that keep the contract, each event once (a redelivered
    event id keeps its first copy). -#}
with

valid as (

    select * from {{ ref('base_web__clickstream') }}
    where _quarantine_reason is null

),

deduplicated as (

    {{ deduplicate('valid', 'event_id', '_load_date, _file_name, _row_in_file') }}

),

final as (

    select
        event_id,
        cookie_id,
        session_id,
        event_name,
        page_url,
        referrer,
        user_agent,
        email,
        event_at,
        _load_date as event_date,
        _file_name,
        _row_in_file

    from deduplicated

)

select * from final
