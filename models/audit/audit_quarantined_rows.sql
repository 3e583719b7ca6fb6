{#- Every raw row that broke its feed's contract: which feed, file and row
    (1-based: the nth row of a Parquet file, the nth line of a JSON-lines
    file), its key when it has one, why, and the whole raw row as JSON.
    The rows of a person erased on request (docs/privacy.md) are left out:
    audit_feed_reconciliation counts them as erased_rows. -#}
-- depends_on: {{ ref('privacy_erased_records') }}
with

{% for feed in staging_feeds() %}
    {{ feed.feed }} as (

        select
            '{{ feed.feed }}' as feed,
            base_rows._file_name as file_name,
            base_rows._row_in_file as row_in_file,
            {{ try_cast('base_rows.' ~ feed.key, dbt.type_string()) }} as source_record_id,
            base_rows._quarantine_reason as reason,
            base_rows._raw_record as raw_record

        from {{ ref('base_' ~ feed.feed) }} as base_rows
        where
            base_rows._quarantine_reason is not null
            {%- if profile_erasure_columns('stg_' ~ feed.feed, 'base_rows') is not none %}
                and not {{ erased_profile_condition('stg_' ~ feed.feed, 'base_rows') }}
            {%- endif %}

    ),

{% endfor %}
unioned as (

    {% for feed in staging_feeds() %}
        select * from {{ feed.feed }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        {{ dbt.hash(dbt.concat(['feed', "'|'", 'file_name', "'|'",
            try_cast('row_in_file', dbt.type_string())])) }}
            as quarantined_row_id,
        *

    from unioned

)

select * from final
