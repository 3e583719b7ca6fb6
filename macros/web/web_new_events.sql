{#- SQL selecting the event_id and cookie_id of the clickstream events
    staged since the calling web model last wrote rows: the rows of
    stg_web__clickstream above the model's stored watermark
    (web_stored_load_sequence). New events, and events re-staged from an
    earlier copy (which may name another cookie). -#}
{% macro web_new_events() -%}
    select event_id, cookie_id from {{ ref('stg_web__clickstream') }}
    where _load_sequence > {{ web_stored_load_sequence() }}
{%- endmacro %}
