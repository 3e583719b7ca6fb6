{#- Pre-hook after a web model's stage hook: delete the model's rows of the
    keys staged in <model>__touched, which the model body then writes again
    (`select 1` on a first build or full refresh). -#}
{% macro web_delete_staged(column) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where {{ column }} in (
            select staged.{{ column }} from {{ work_table('touched') }} as staged
        )
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
