{#- Whether any file under lake_root matches the glob path, asked of the
    engine when the model runs (false at parse time): lets a model read an
    optional feed (reviewer decisions) without failing on an empty folder. -#}
{% macro lake_files_exist(path) -%}
    {{ return(adapter.dispatch('lake_files_exist', 'customer_360')(path)) }}
{%- endmacro %}

{% macro default__lake_files_exist(path) -%}
    {%- if not execute -%}
        {{ return(false) }}
    {%- endif -%}
    {{ exceptions.raise_compiler_error(
        "lake_files_exist has no implementation for " ~ target.type) }}
{%- endmacro %}

{% macro duckdb__lake_files_exist(path) -%}
    {%- if not execute -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set result = run_query(
        "select count(*) from glob('" ~ var('lake_root') ~ '/' ~ path ~ "')") -%}
    {{ return(result.columns[0].values()[0] > 0) }}
{%- endmacro %}
