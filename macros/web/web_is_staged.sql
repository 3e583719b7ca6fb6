{#- A where-clause condition keeping, on an incremental run, the keys the
    model's pre-hook staged in its work table <model>__touched (true on a
    first build or full refresh, which build everything). -#}
{% macro web_is_staged(column) -%}
    {%- if is_incremental() -%}
        {{ column }} in (select staged.{{ column }} from {{ work_table('touched') }} as staged)
    {%- else -%}
        1 = 1
    {%- endif -%}
{%- endmacro %}
