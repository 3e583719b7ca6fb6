{#- A where-clause condition, on an incremental run of
    fct_agent_status_intervals, keeping the rows of relation_alias (the
    alias, or the table name, of events or intervals) that belong to the part of an agent's timeline the run
    builds again: the agent is in the work table <model>__touched
    (touched_agent_timelines) and time_column is at or after its
    rebuilt_from (any time when rebuilt_from is null). -#}
{% macro in_rebuilt_timeline(relation_alias, time_column) -%}
    exists (
        select 1 from {{ work_table('touched') }} as touched
        where
            touched.agent_arn = {{ relation_alias }}.agent_arn
            and (
                touched.rebuilt_from is null
                or {{ relation_alias }}.{{ time_column }} >= touched.rebuilt_from
            )
    )
{%- endmacro %}
