{#- SQL for the start of this dbt invocation (run_started_at, UTC, to the
    second, or to the microsecond with precise=true) as a timestamp: one
    value shared by every model of the run, so the id map, its history and
    the run stats agree on when a run happened, and incremental models can
    tell the rows of a later run from those of an earlier one. -#}
{% macro run_timestamp(precise=false) -%}
    {%- set format = '%Y-%m-%d %H:%M:%S.%f' if precise else '%Y-%m-%d %H:%M:%S' -%}
    cast('{{ run_started_at.strftime(format) }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}
