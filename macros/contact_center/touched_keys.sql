{#- SQL selecting the key stage_touched_keys staged for this run (from the
    work table <model>__touched), for an `in (...)` filter of the model body
    on an incremental run. -#}
{% macro touched_keys(key) -%}
    select {{ key }} from {{ work_table('touched') }}
{%- endmacro %}
