{#- Post-hook of audit_erasure_requests, the last model of a build: on a run
    that applied an erasure request, delete the curated versions that are
    not published (export_to_lake keeps the previous one for readers still
    on it; it holds the erased person). Dispatched: only DuckDB writes the
    lake (the dbt-duckdb plugin customer_360_plugins.lake_publish). -#}
{% macro prune_curated_versions() -%}
    {{ return(adapter.dispatch('prune_curated_versions', 'customer_360')()) }}
{%- endmacro %}

{#- No lake written on other engines: nothing to prune. -#}
{% macro default__prune_curated_versions() -%}
    select 1
{%- endmacro %}

{% macro duckdb__prune_curated_versions() -%}
    {%- if erasure_applied_this_run() -%}
        select customer_360_prune_unpublished_versions('{{ var("lake_root") }}')
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
