{#- Pre-hook after stage_touched_keys: delete the model's rows whose key
    columns (one or several) match a row of the work table
    <model>__touched; the model body then inserts those keys' rows again
    (keys gone upstream stay deleted). `select 1` on a first build or a full
    refresh. -#}
{% macro delete_touched_rows(keys) -%}
    {%- if is_incremental() -%}
        {%- set key_list = [keys] if keys is string else keys -%}
        delete from {{ this }} as target
        where exists (
            select 1 from {{ work_table('touched') }} as touched
            where
                {%- for key in key_list %}
                touched.{{ key }} = target.{{ key }}{{ ' and' if not loop.last }}
                {%- endfor %}
        )
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
