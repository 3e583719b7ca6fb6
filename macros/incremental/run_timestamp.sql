{#- SQL for the start of this dbt invocation (run_started_at, UTC, to the
    second) as a timestamp: one value shared by every model of the run, so
    the id map, its history and the run stats agree on when a run happened. -#}
{% macro run_timestamp() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}
