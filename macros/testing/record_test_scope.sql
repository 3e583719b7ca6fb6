{#- Pre-hook of every model (dbt_project.yml): on an incremental run of a
    model declaring `meta: {incremental_stamp: <column>}`, record in the
    test-scope table (test_scopes_relation) the highest stamp the model holds
    before it runs. The rows this run writes carry a higher stamp (stamps
    rise from run to run), so the model's scoped data tests read the rows
    above it (latest_run_rows): those this run wrote, and none when it wrote
    none. Blank otherwise: a first build, a full refresh, a model without a
    stamp, other engines. -#}
{% macro record_test_scope() -%}
    {{ return(adapter.dispatch('record_test_scope', 'customer_360')()) }}
{%- endmacro %}

{% macro default__record_test_scope() -%}
{%- endmacro %}

{% macro duckdb__record_test_scope() -%}
    {%- set stamp = model.config.meta.get('incremental_stamp') or model.meta.get('incremental_stamp') -%}
    {%- if execute and stamp and is_incremental() -%}
        insert into {{ test_scopes_relation() }}
        select
            '{{ model.unique_id }}',
            '{{ stamp }}',
            '{{ invocation_id }}',
            cast(max({{ stamp }}) as varchar),
            typeof(max({{ stamp }}))
        from {{ this }}
    {%- endif -%}
{%- endmacro %}
