{#- Last pre-hook of audit_blocking_skipped_keys: bring the audit's key
    table (audited_block_keys) up to int_profile_blocking_keys. On an
    incremental run (audit_keeps_block_keys), the rows of the touched blocks
    are deleted and the blocks' current keys inserted with their sizes
    (every key of a new, changed or gone record is in a touched block,
    before and after); every other block kept its records and size.
    Otherwise the table is built from every key. -#}
{% macro refresh_audited_block_keys() -%}
    {%- set keys = audited_block_keys(this) -%}
    {%- set counted_sql -%}
        select
            blocking_keys.blocking_rule_number,
            blocking_keys.blocking_rule,
            blocking_keys.block_key,
            blocking_keys.profile_record_id,
            blocking_keys.normalized_sequence,
            count(*) over (
                partition by blocking_keys.blocking_rule, blocking_keys.block_key
            ) as block_size
        from {{ ref('int_profile_blocking_keys') }} as blocking_keys
        {%- if audit_keeps_block_keys() %}
        inner join {{ work_table('touched') }} as touched
            on
                blocking_keys.blocking_rule = touched.blocking_rule
                and blocking_keys.block_key = touched.block_key
        {%- endif %}
    {%- endset -%}
    {%- if audit_keeps_block_keys() -%}
        {{ delete_matching_rows(keys, work_table('touched'), ['blocking_rule', 'block_key']) }};
        insert into {{ keys }} {{ counted_sql }}
    {%- else -%}
        {{ create_work_table(keys, counted_sql) }}
    {%- endif -%}
{%- endmacro %}
