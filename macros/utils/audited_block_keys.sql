{#- The relation of the blocking audit's key table: next to
    audit_blocking_skipped_keys, <model>__block_keys holds the blocking keys
    as the audit last counted them (int_profile_blocking_keys' rule, key,
    record and normalized_sequence) with the size of each key's block.
    audit_blocking_skipped_keys keeps it (refresh_audited_block_keys);
    audit_blocking_rules sums it. -#}
{% macro audited_block_keys(skipped_keys_relation) -%}
    {{ return(skipped_keys_relation.incorporate(
        path={'identifier': skipped_keys_relation.identifier ~ '__block_keys'})) }}
{%- endmacro %}
