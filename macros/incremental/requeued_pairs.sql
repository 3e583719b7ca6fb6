{#- Pre-hook of fct_match_review_queue: the records whose queued pairs this
    run must build again, into the work table <model>__requeued: records new
    or changed since the queue last ran (their pairs were scored again),
    records gone since, records int_profile_clusters clustered again since
    (their links, cuts or cluster sizes may have changed), and the records of
    every reviewer decision. A pair neither of whose records is among them
    has the same score, cut, decision and cluster sizes as before and keeps
    its row. Nothing to do on a first build or a full refresh. -#}
{% macro stage_requeued_records() -%}
    {%- if is_incremental() -%}
        {%- set select_sql -%}
            with
            reclustered as (
                select profile_record_id from {{ ref('int_profile_clusters') }}
                where clustered_at > (
                    select coalesce(max(clustered_at), cast('1900-01-01' as {{ dbt.type_timestamp() }}))
                    from {{ this }}
                )
            ),
            final as (
                {{ changed_profile_records() }}
                union
                {{ departed_profile_records() }}
                union
                select profile_record_id from reclustered
                union
                select profile_record_id_l from {{ ref('int_match_decisions') }}
                union
                select profile_record_id_r from {{ ref('int_match_decisions') }}
            )
            select * from final
        {%- endset -%}
        {{ create_work_table(work_table('requeued'), select_sql) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook of fct_match_review_queue, after stage_requeued_records: drop the
    queued pairs holding a record the run queues again. -#}
{% macro delete_requeued_pairs() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where
            profile_record_id_l in (select profile_record_id from {{ work_table('requeued') }})
            or profile_record_id_r in (select profile_record_id from {{ work_table('requeued') }})
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- Post-hook of fct_match_review_queue on an incremental run: rank the whole
    queue again (review_rank: records a decision would move, then
    probability, then the pair's ids), as a full build ranks it, writing only
    the rows whose rank changed. The rows the run wrote have no rank yet. -#}
{% macro rank_review_queue() -%}
    {%- if is_incremental() -%}
        update {{ this }} as queued
        set review_rank = ranked.review_rank
        from (
            select
                profile_record_id_l,
                profile_record_id_r,
                row_number() over (
                    order by
                        affected_records desc,
                        match_probability desc,
                        profile_record_id_l asc,
                        profile_record_id_r asc
                ) as review_rank
            from {{ this }}
        ) as ranked
        where
            queued.profile_record_id_l = ranked.profile_record_id_l
            and queued.profile_record_id_r = ranked.profile_record_id_r
            and queued.review_rank is distinct from ranked.review_rank
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
