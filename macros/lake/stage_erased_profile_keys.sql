{#- Pre-hook of an incremental staging model of an identity source, after
    stage_lake_feed_changes: stage in the work table <model>__erased the
    keys this run must erase, as a full build decides: a key is erased
    when any valid row of it, in any file, is a person's that a request
    erased (erased_profile_condition). On an incremental run that applied a
    request, every raw row of the feed is looked at; on a later incremental
    run, only the keys of the new rows. The model leaves these keys out and
    record_lake_feed_changes deletes their staged rows. Empty on a rebuild
    (it filters every row itself) and while no request was ever applied.
    relation: the lake source; base: the base view over it; key: the
    model's unique key column. -#}
{% macro stage_erased_profile_keys(relation, base, key) -%}
    {%- set changes = lake_feed_changes(relation) -%}
    {%- set select_sql -%}
        select distinct base_rows.{{ key }}
        from {{ base }} as base_rows
        where
        {%- if is_incremental() and not changes.rebuild and erasure_applied_this_run() %}
            base_rows._quarantine_reason is null
            and {{ erased_profile_condition(model.name, 'base_rows') }}
        {%- elif is_incremental() and not changes.rebuild and erasure_is_active() %}
            base_rows._quarantine_reason is null
            and base_rows.{{ key }} in (
                select new_rows.{{ key }} from {{ base }} as new_rows
                where
                    new_rows._quarantine_reason is null
                    and {{ lake_file_condition('new_rows._file_name', changes.new) }}
            )
            and {{ erased_profile_condition(model.name, 'base_rows') }}
        {%- else %}
            1 = 0
        {%- endif %}
    {%- endset -%}
    {{ create_work_table(work_table('erased'), select_sql) }}
{%- endmacro %}
