{#- Pre-hook of fct_agent_status_intervals after stage_touched_keys: delete
    the intervals of the part of each touched agent's timeline the run
    builds again (in_rebuilt_timeline on started_at); `select 1` on a first
    build or a full refresh. -#}
{% macro delete_rebuilt_intervals() -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as target
        where {{ in_rebuilt_timeline('target', 'started_at') }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
