{#- SQL selecting the contact records (contact_id, initial_contact_id,
    agent_arn) that stg_connect__contact_records staged, new or as a later
    copy, since the calling incremental model last wrote rows: those above
    its consumed_load_sequence(column). -#}
{% macro restaged_contact_records(column='source_load_sequence') -%}
    select contact_id, initial_contact_id, agent_arn
    from {{ ref('stg_connect__contact_records') }}
    where _load_sequence > {{ consumed_load_sequence(column) }}
{%- endmacro %}
