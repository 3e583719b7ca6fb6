{#- Pre-hook of the training models: on an incremental run with var retrain
    true, empty the model so that it is trained again from scratch. -#}
{% macro clear_for_retraining() -%}
    {%- if is_incremental() and var('retrain', false) -%}
        delete from {{ this }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
