{#- Pre-hook of audit_blocking_skipped_keys, after stage_audited_blocks: on
    an incremental run (audit_keeps_block_keys), drop the rows of the blocks
    touched since the audit last ran; the model then writes those of them
    still over the cap. On an incremental run without the key table, drop
    every row (the model writes them all again); select 1 on a first build
    or a full refresh. -#}
{% macro delete_touched_blocks() -%}
    {%- if audit_keeps_block_keys() -%}
        {{ delete_matching_rows(this, work_table('touched'), ['blocking_rule', 'block_key']) }}
    {%- elif is_incremental() -%}
        delete from {{ this }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
