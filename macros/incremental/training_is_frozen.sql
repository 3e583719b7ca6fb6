{#- Whether this run scores with the parameters trained earlier (u
    probabilities, term frequencies, m and the prior) instead of training
    again: true on every run after the first, so that an incremental run and
    a full refresh score alike, unless var retrain is true (then the three
    training models are emptied and trained again). -#}
{% macro training_is_frozen() -%}
    {{ return(is_incremental() and not var('retrain', false)) }}
{%- endmacro %}
