{#- Pre-hook of the training models: on an incremental run with var retrain
    true, empty the model so that it is trained again from scratch.
    Dispatched: Spark's (spark__clear_for_retraining) overwrites the table
    instead, since a Parquet table takes no delete. -#}
{% macro clear_for_retraining() -%}
    {{ return(adapter.dispatch('clear_for_retraining', 'customer_360')()) }}
{%- endmacro %}

{% macro default__clear_for_retraining() -%}
    {%- if is_incremental() and var('retrain', false) -%}
        delete from {{ this }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
