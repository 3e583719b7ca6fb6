{{ config(
    materialized='incremental',
    incremental_strategy='append',
    full_refresh=false,
    pre_hook="{{ delete_erased_term_frequencies() }}",
    post_hook="{{ prune_curated_versions() }}",
) }}
{#- One row per right-to-erasure request, appended on the run that applied
    it (docs/privacy.md) and kept for good: when and by which invocation,
    how much of the person each layer lost, which raw lake files still hold
    the person's rows (the pipeline does not own the landing data: the lake
    owner purges them), and the status: applied; no_match (the request named
    nobody, nothing changed); invalid (invalid_reason); incomplete (a record
    of the person is still in the normalized records or the identity graph:
    a bug, investigate). Holds no personal data: the identifier only as its
    salted hash. Runs after every mart (depends_on below), so that its
    post-hook can delete the curated versions that still hold the person.
    -#}
{%- set profile_feeds = [] -%}
{%- for feed in staging_feeds() -%}
    {%- if profile_erasure_columns('stg_' ~ feed.feed, 'base_rows') is not none -%}
        {%- do profile_feeds.append(feed) -%}
    {%- endif -%}
{%- endfor -%}
{#- Read the raw rows (base views) only when a request waits for its audit
    row: a run without one scans nothing. -#}
{%- if execute -%}
    {%- set pending_sql -%}
        select count(*) from {{ ref('privacy_erased_records') }}
        where erased_kind = 'request'
        {%- if is_incremental() %}
            and request_id not in (select audited.request_id from {{ this }} as audited)
        {%- endif %}
    {%- endset -%}
    {%- if load_relation(ref('privacy_erased_records')) is none
        or run_query(pending_sql).columns[0].values()[0] == 0 -%}
        {%- set profile_feeds = [] -%}
    {%- endif -%}
{%- endif -%}
{%- set normalized = ref('int_profiles_normalized') -%}
{%- set departed = normalized.incorporate(
    path={'identifier': normalized.identifier ~ '__departed'}) -%}
-- depends_on: {{ ref('int_match_term_frequencies') }}
-- depends_on: {{ ref('fct_contacts') }}
-- depends_on: {{ ref('fct_web_events') }}
-- depends_on: {{ ref('dim_web_cookies') }}
-- depends_on: {{ ref('customer_360') }}
-- depends_on: {{ ref('fct_agent_contacts') }}
-- depends_on: {{ ref('fct_agent_daily_activity') }}
-- depends_on: {{ ref('fct_agent_status_intervals') }}
-- depends_on: {{ ref('dim_agents') }}
-- depends_on: {{ ref('fct_match_review_queue') }}
-- depends_on: {{ ref('fct_match_weight_distribution') }}
-- depends_on: {{ ref('fct_identity_resolution_runs') }}
-- depends_on: {{ ref('fct_unified_profile_id_history') }}
-- depends_on: {{ ref('int_match_parameters') }}
with

ledger as (

    select * from {{ ref('privacy_erased_records') }}

),

requests as (

    select * from {{ ref('privacy_erasure_requests') }}

),

applied as (

    select
        request_id,
        applied_at,
        applied_invocation_id

    from ledger
    where erased_kind = 'request'
    {% if is_incremental() -%}
        and request_id not in (select audited.request_id from {{ this }} as audited)
    {%- endif %}

),

applied_ledger as (

    select ledger.* from ledger
    inner join applied
        on ledger.request_id = applied.request_id

),

{% for feed in profile_feeds %}
    {{ feed.feed }}_rows as (

        -- each raw row of the person once, with its request
        select distinct
            applied_ledger.request_id,
            '{{ feed.feed }}' as feed,
            base_rows._file_name as file_name,
            base_rows._row_in_file as row_in_file,
            case
                when base_rows._quarantine_reason is null
                    then {{ dbt.cast('base_rows.' ~ feed.key, dbt.type_string()) }}
            end as staged_record_id,
            case when base_rows._quarantine_reason is null then 0 else 1 end as is_quarantined

        from {{ ref('base_' ~ feed.feed) }} as base_rows
        inner join applied_ledger
            on {{ erased_profile_join('stg_' ~ feed.feed, 'base_rows', 'applied_ledger') }}

    ),

{% endfor %}
profile_rows as (

    {% for feed in profile_feeds %}
        select * from {{ feed.feed }}_rows
        {% if not loop.last %}union all{% endif %}
    {% else %}
        select
            cast(null as {{ dbt.type_string() }}) as request_id,
            cast(null as {{ dbt.type_string() }}) as feed,
            cast(null as {{ dbt.type_string() }}) as file_name,
            cast(null as {{ dbt.type_bigint() }}) as row_in_file,
            cast(null as {{ dbt.type_string() }}) as staged_record_id,
            0 as is_quarantined
        where 1 = 0
    {% endfor %}

),

stripped as (

    select stripped.* from {{ erasure_relation('stripped') }} as stripped
    inner join applied
        on
            stripped.request_id = applied.request_id
            and stripped.stripped_invocation_id = applied.applied_invocation_id

),

stripped_counts as (

    -- per request, the rows each strip hook of the applying invocation stripped: staging's,
    -- and the base tables' (on a first build, or a full refresh, the base table strips the
    -- rows before staging reads them, and staging then finds none)
    select
        request_id,
        sum(case when relation_name = 'stg_connect__contact_records' then stripped_rows end)
            as staged_contact_records,
        sum(case when relation_name = 'base_connect__contact_records' then stripped_rows end)
            as base_contact_records,
        sum(case when relation_name = 'stg_web__clickstream' then stripped_rows end)
            as staged_web_events,
        sum(case when relation_name = 'base_web__clickstream' then stripped_rows end)
            as base_web_events

    from stripped
    group by request_id

),

strips as (

    select
        applied.request_id,
        coalesce(
            {{ dbt.cast('nullif(stripped_counts.staged_contact_records, 0)',
                dbt.type_bigint()) }},
            {{ dbt.cast('stripped_counts.base_contact_records', dbt.type_bigint()) }},
            0
        ) as contact_records_stripped,
        coalesce(
            {{ dbt.cast('nullif(stripped_counts.staged_web_events, 0)', dbt.type_bigint()) }},
            {{ dbt.cast('stripped_counts.base_web_events', dbt.type_bigint()) }},
            0
        ) as web_events_stripped

    from applied
    left join stripped_counts
        on applied.request_id = stripped_counts.request_id

),

raw_files as (

    select
        request_id,
        file_name,
        count(*) as raw_rows

    from profile_rows
    group by request_id, file_name

    union all

    select
        request_id,
        file_name,
        stripped_rows as raw_rows

    from stripped
    where relation_name in ('base_connect__contact_records', 'base_web__clickstream')

),

raw_file_lists as (

    select
        request_id,
        sum(raw_rows) as raw_rows_remaining,
        count(*) as raw_files_remaining,
        {{ dbt.listagg(
            dbt.concat(['file_name', "' ('", dbt.cast('raw_rows', dbt.type_string()),
                "' rows)'"]),
            "'; '",
            'order by file_name') }} as raw_files_holding_rows

    from raw_files
    group by request_id

),

layer_counts as (

    select
        applied.request_id,
        (
            select count(*) from applied_ledger
            where
                applied_ledger.request_id = applied.request_id
                and applied_ledger.erased_kind = 'profile_record'
        ) as source_records_erased,
        (
            select count(distinct {{ dbt.concat(['profile_rows.feed', "':'",
                'profile_rows.staged_record_id']) }}) from profile_rows
            where profile_rows.request_id = applied.request_id
        ) as staged_records_removed,
        (
            select coalesce(sum(profile_rows.is_quarantined), 0) from profile_rows
            where profile_rows.request_id = applied.request_id
        ) as quarantined_rows_removed,
        (
            select count(distinct departed.profile_record_id) from {{ departed }} as departed
            inner join applied_ledger
                on
                    departed.profile_record_id = applied_ledger.erased_value
                    and applied_ledger.erased_kind = 'profile_record'
            where
                applied_ledger.request_id = applied.request_id
                and departed.departed_invocation_id = applied.applied_invocation_id
        ) as normalized_records_removed,
        (
            select count(*) from applied_ledger
            where
                applied_ledger.request_id = applied.request_id
                and applied_ledger.erased_kind = 'unified_profile'
                and applied_ledger.erased_value not in (
                    select profiles.unified_profile_id
                    from {{ ref('dim_unified_profiles') }} as profiles
                )
        ) as unified_profiles_removed,
        (
            select count(*) from applied_ledger
            where
                applied_ledger.request_id = applied.request_id
                and applied_ledger.erased_kind = 'profile_record'
                and (
                    applied_ledger.erased_value in (
                        select normalized_records.profile_record_id
                        from {{ normalized }} as normalized_records
                    )
                    or applied_ledger.erased_value in (
                        select graph.profile_record_id
                        from {{ ref('fct_identity_graph') }} as graph
                    )
                )
        ) as records_remaining

    from applied

),

final as (

    select
        applied.request_id,
        requests.requested_at,
        requests.request_source,
        requests.identifier_kind,
        requests.identifier_hash,
        applied.applied_at,
        applied.applied_invocation_id,
        requests.invalid_reason,
        layer_counts.source_records_erased,
        layer_counts.staged_records_removed,
        layer_counts.quarantined_rows_removed,
        layer_counts.normalized_records_removed,
        layer_counts.unified_profiles_removed,
        strips.contact_records_stripped,
        strips.web_events_stripped,
        layer_counts.records_remaining,
        raw_file_lists.raw_files_holding_rows,
        coalesce(raw_file_lists.raw_files_remaining, 0) as raw_files_remaining,
        coalesce(raw_file_lists.raw_rows_remaining, 0) as raw_rows_remaining,
        case
            when requests.invalid_reason is not null then 'invalid'
            when layer_counts.records_remaining > 0 then 'incomplete'
            when
                layer_counts.staged_records_removed = 0
                and layer_counts.normalized_records_removed = 0
                and layer_counts.quarantined_rows_removed = 0
                and strips.contact_records_stripped = 0
                and strips.web_events_stripped = 0
                then 'no_match'
            else 'applied'
        end as status

    from applied
    inner join layer_counts
        on applied.request_id = layer_counts.request_id
    inner join strips
        on applied.request_id = strips.request_id
    left join requests
        on applied.request_id = requests.request_id
    left join raw_file_lists
        on applied.request_id = raw_file_lists.request_id

)

select * from final
