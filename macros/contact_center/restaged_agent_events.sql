{#- SQL selecting the agent events (event_id, agent_arn, event_type,
    event_at) that stg_connect__agent_events staged, new or as a later
    copy, since the calling incremental model last wrote rows: those above
    its consumed_load_sequence(column). -#}
{% macro restaged_agent_events(column='source_load_sequence') -%}
    select event_id, agent_arn, event_type, event_at
    from {{ ref('stg_connect__agent_events') }}
    where _load_sequence > {{ consumed_load_sequence(column) }}
{%- endmacro %}
