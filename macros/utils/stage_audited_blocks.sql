{#- Pre-hook of audit_blocking_skipped_keys: on an incremental run, the
    records new, changed or gone since the audit last counted the blocking
    keys (normalized_sequence above the highest one its key table holds, in
    int_profiles_normalized, its departure log or int_profile_blocking_keys)
    into the work table <model>__rekeyed, and the blocks (rule, key) holding
    a key of one of them, before or after, into <model>__touched: the only
    blocks whose size can have changed. select 1 when the run counts every
    key (audit_keeps_block_keys false). -#}
{% macro stage_audited_blocks() -%}
    {%- if audit_keeps_block_keys() -%}
        {%- set keys = audited_block_keys(this) -%}
        {%- set normalized = ref('int_profiles_normalized') -%}
        {%- set departed = normalized.incorporate(
            path={'identifier': normalized.identifier ~ '__departed'}) -%}
        {%- set since = '(select coalesce(max(normalized_sequence), 0) from ' ~ keys ~ ')' -%}
        {%- set rekeyed_sql -%}
            select profile_record_id from {{ normalized }}
            where normalized_sequence > {{ since }}
            union
            select profile_record_id from {{ departed }}
            where departed_sequence > {{ since }}
            union
            select profile_record_id from {{ ref('int_profile_blocking_keys') }}
            where normalized_sequence > {{ since }}
        {%- endset -%}
        {%- set touched_sql -%}
            select blocking_rule, block_key from {{ keys }}
            where profile_record_id in (select profile_record_id from {{ work_table('rekeyed') }})
            union
            select blocking_rule, block_key from {{ ref('int_profile_blocking_keys') }}
            where profile_record_id in (select profile_record_id from {{ work_table('rekeyed') }})
        {%- endset -%}
        {{ create_work_table(work_table('rekeyed'), rekeyed_sql) }};
        {{ create_work_table(work_table('touched'), touched_sql) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
