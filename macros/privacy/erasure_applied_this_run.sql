{#- Whether this dbt invocation applied an erasure request (the ledger holds
    a request row stamped with it), asked of the engine when the calling
    hook renders; false at parse time. -#}
{% macro erasure_applied_this_run() -%}
    {%- if not erasure_is_active() -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set result = run_query(
        "select count(*) from " ~ erasure_relation()
        ~ " where erased_kind = 'request' and applied_invocation_id = '"
        ~ invocation_id ~ "'") -%}
    {{ return(result.columns[0].values()[0] > 0) }}
{%- endmacro %}
