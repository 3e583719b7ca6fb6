{#- on-run-start hook (dbt_project.yml): create the test-scope table
    (test_scopes_relation) if needed and drop the rows of earlier
    invocations, so it holds only what this invocation's models record.
    Blank where data tests are not scoped this way (other engines). -#}
{% macro create_test_scopes() -%}
    {{ return(adapter.dispatch('create_test_scopes', 'customer_360')()) }}
{%- endmacro %}

{% macro default__create_test_scopes() -%}
{%- endmacro %}

{% macro duckdb__create_test_scopes() -%}
    {%- set scopes = test_scopes_relation() -%}
    create table if not exists {{ scopes }} (
        node_id varchar,
        stamp_column varchar,
        invocation_id varchar,
        stamp_before varchar,
        stamp_type varchar
    );
    delete from {{ scopes }} where invocation_id <> '{{ invocation_id }}'
{%- endmacro %}
