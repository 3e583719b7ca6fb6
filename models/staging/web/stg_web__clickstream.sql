{{ config(
    materialized='incremental',
    unique_key='event_id',
    incremental_strategy=keyed_incremental_strategy(),
    on_schema_change='fail',
    post_hook="{{ strip_erased_clickstream() }}",
) }}
{#- Clickstream events that keep the contract, each event once (a redelivered
    event id keeps its first copy, by event date, file name and row).
    Incremental: a run takes the base rows loaded since the highest
    _load_sequence it holds and stages the events it does not hold yet (or
    an earlier copy of one, from a late file that sorts before it). -#}
-- depends_on: {{ ref('privacy_erased_records') }}
with

valid as (

    select
        *,
        _load_date as event_date

    from {{ ref('base_web__clickstream') }}
    where _quarantine_reason is null
    {%- if is_incremental() %}
        and _load_sequence > {{ staged_load_sequence() }}
    {%- endif %}

),

deduplicated as (

    {{ deduplicate_incremental('valid', 'event_id', 'event_date, _file_name, _row_in_file') }}

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
        event_date,
        _file_name,
        _row_in_file,
        _load_sequence

    from deduplicated

)

select * from final
