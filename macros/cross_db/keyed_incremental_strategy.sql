{#- The incremental strategy of a model that replaces the rows of the keys a
    run rebuilds (delete+insert on DuckDB). Spark's Parquet tables cannot
    delete rows, so a Spark build rebuilds these models in full, and the
    strategy there only has to be one dbt-spark accepts. -#}
{% macro keyed_incremental_strategy() -%}
    {{ return(adapter.dispatch('keyed_incremental_strategy', 'customer_360')()) }}
{%- endmacro %}

{% macro default__keyed_incremental_strategy() -%}
    {{ return('delete+insert') }}
{%- endmacro %}

{% macro spark__keyed_incremental_strategy() -%}
    {{ return('insert_overwrite') }}
{%- endmacro %}
