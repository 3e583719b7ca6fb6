{{ config(
    materialized='incremental',
    incremental_strategy='append',
    full_refresh=false,
    post_hook="{{ export_to_lake('unified_profile_id_history') }}",
) }}
{#- What happened to each unified_profile_id, run by run (append-only; ask
    it "what happened to profile X" with unified_profile_id = X or
    related_unified_profile_id = X). Events of a run, from the records whose
    id changed in it (int_unified_profile_ids):
    - created: an id minted in the run, with its records;
    - records_added: records seen for the first time joined an existing id;
    - split_into: some of the id's records left it to form a new profile,
      the related id (on a split the id follows the part holding most of
      its records);
    - merged_into: the id is retired, these records now hold the related,
      existing id (on a merge the oldest id survives);
    - moved_into: records left the id, which lives on, for another existing
      id.
    A run's changes are recorded once, by the first build of this model
    after it. -#}
{%- set not_yet_recorded = 'id_changed_run_id not in (select distinct run_id from '
    ~ this ~ ')' if is_incremental() else '1 = 1' -%}
with

ids as (

    select * from {{ ref('int_unified_profile_ids') }}
    where is_current

),

changed as (

    select * from ids
    where
        coalesce(previous_unified_profile_id <> unified_profile_id, true)
        and {{ not_yet_recorded }}

),

active_ids as (

    select distinct unified_profile_id from ids

),

moves as (

    select
        id_changed_run_id as run_id,
        id_changed_at as changed_at,
        previous_unified_profile_id,
        unified_profile_id,
        unified_profile_id_minted_at = id_changed_at as is_minted,
        count(*) as record_count

    from changed
    group by
        id_changed_run_id,
        id_changed_at,
        previous_unified_profile_id,
        unified_profile_id,
        unified_profile_id_minted_at

),

created as (

    select
        moves.run_id,
        moves.changed_at,
        moves.unified_profile_id,
        'created' as event_type,
        cast(null as {{ dbt.type_string() }}) as related_unified_profile_id,
        cast(sum(moves.record_count) as {{ dbt.type_bigint() }}) as record_count

    from moves
    where moves.is_minted
    group by moves.run_id, moves.changed_at, moves.unified_profile_id

),

added as (

    select
        run_id,
        changed_at,
        unified_profile_id,
        'records_added' as event_type,
        cast(null as {{ dbt.type_string() }}) as related_unified_profile_id,
        record_count

    from moves
    where previous_unified_profile_id is null and not is_minted

),

departed as (

    select
        moves.run_id,
        moves.changed_at,
        moves.previous_unified_profile_id as unified_profile_id,
        case
            when moves.is_minted then 'split_into'
            when active_ids.unified_profile_id is null then 'merged_into'
            else 'moved_into'
        end as event_type,
        moves.unified_profile_id as related_unified_profile_id,
        moves.record_count

    from moves
    left join active_ids
        on moves.previous_unified_profile_id = active_ids.unified_profile_id
    where moves.previous_unified_profile_id is not null

),

events as (

    select * from created
    union all
    select * from added
    union all
    select * from departed

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            'run_id', "'|'", 'unified_profile_id', "'|'", 'event_type', "'|'",
            "coalesce(related_unified_profile_id, '')"
        ])) }} as id_event_id,
        run_id,
        changed_at,
        {{ run_timestamp() }} as recorded_at,
        unified_profile_id,
        event_type,
        related_unified_profile_id,
        record_count

    from events

)

select * from final
