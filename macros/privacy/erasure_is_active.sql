{#- Whether any erasure request was ever applied (the ledger holds a row),
    asked of the engine when the calling model runs; false at parse time and
    before the ledger exists. The erasure filters and strip hooks render to
    nothing when it is false, so a warehouse without requests pays nothing. -#}
{% macro erasure_is_active() -%}
    {%- if not execute -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set ledger = erasure_relation() -%}
    {%- if load_relation(ledger) is none -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set result = run_query('select count(*) from ' ~ ledger) -%}
    {{ return(result.columns[0].values()[0] > 0) }}
{%- endmacro %}
