{#- One row per raw feed: rows read from the lake and where each went.
    raw_rows = staged_rows + quarantined_rows + deduplicated_rows, where
    deduplicated_rows are the documented drops: older versions of a profile
    record id, redelivered CTR copies, repeated event ids. Counted
    independently of the staging models, so a model that loses rows fails
    this table's test. -#}
with

{% for feed in staging_feeds() %}
    {%- if profile_erasure_columns('stg_' ~ feed.feed, 'base_rows') is none %}
        {%- set is_erased = 'false' %}
    {%- else %}
        {%- set is_erased = erased_profile_condition('stg_' ~ feed.feed, 'base_rows') %}
    {%- endif %}
    {{ feed.feed }} as (

        select
            '{{ feed.feed }}' as feed,
            count(*) as raw_rows,
            sum(case
                when base_rows._quarantine_reason is null or {{ is_erased }} then 0 else 1
            end) as quarantined_rows,
            count(case when base_rows._quarantine_reason is null then 1 end)
            - count(distinct case
                when base_rows._quarantine_reason is null then base_rows.{{ feed.key }}
            end) as deduplicated_rows,
            count(distinct case
                when base_rows._quarantine_reason is null and {{ is_erased }}
                    then base_rows.{{ feed.key }}
            end)
            + count(case
                when base_rows._quarantine_reason is not null and {{ is_erased }} then 1
            end) as erased_rows,
            (select count(*) from {{ ref('stg_' ~ feed.feed) }}) as staged_rows

        from {{ ref('base_' ~ feed.feed) }} as base_rows

    ),

{% endfor %}
final as (

    {% for feed in staging_feeds() %}
        select
            feed,
            raw_rows,
            staged_rows,
            coalesce(quarantined_rows, 0) as quarantined_rows,
            deduplicated_rows,
            erased_rows

        from {{ feed.feed }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from final
