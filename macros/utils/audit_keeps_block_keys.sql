{#- In audit_blocking_skipped_keys and its hooks: true on an incremental run
    that finds the audit's key table (audited_block_keys) from an earlier
    run, so that only the touched blocks are counted again. False on a first
    build, a full refresh, and a run whose model exists without the key
    table (built by an earlier version of the project, or the table was
    dropped): then the key table is built from every key and the model's
    rows are written again. The key table is (re)built by the last pre-hook,
    so the model body (compiled before the hooks run) and every hook get
    the same answer. -#}
{% macro audit_keeps_block_keys() -%}
    {%- if not is_incremental() -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set keys = audited_block_keys(this) -%}
    {{ return(adapter.get_relation(
        database=keys.database, schema=keys.schema, identifier=keys.identifier) is not none) }}
{%- endmacro %}
