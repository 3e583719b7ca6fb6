{#- SQL for the source_load_sequence an incremental web model stores with
    every row it writes: the highest _load_sequence of stg_web__clickstream,
    i.e. every event staged so far is reflected (web_new_events). -#}
{% macro web_source_load_sequence() -%}
    (
        select coalesce(max(staged._load_sequence), 0)
        from {{ ref('stg_web__clickstream') }} as staged
    )
{%- endmacro %}
