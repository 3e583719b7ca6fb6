{#- Post-hook: publish a model's table to <lake_root>/curated/<name>/ as
    Parquet (one file, or Hive partitions when partition_by is given), so the
    lake holds every output beside the DuckDB file. Use it as a string so it
    renders at run time: post_hook="{{ export_to_lake('name') }}". -#}
{% macro export_to_lake(name, partition_by=none) -%}
    {{ return(adapter.dispatch('export_to_lake', 'customer_360')(name, partition_by)) }}
{%- endmacro %}

{% macro default__export_to_lake(name, partition_by) -%}
    select 1
{%- endmacro %}

{% macro duckdb__export_to_lake(name, partition_by) -%}
    {%- set folder = var('lake_root') ~ '/curated/' ~ name -%}
    {{ ensure_lake_directory('curated/' ~ name) }};
    {%- if partition_by %}
    copy (select * from {{ this }}) to '{{ folder }}'
        (format parquet, compression zstd, partition_by ({{ partition_by }}), overwrite)
    {%- else %}
    copy (select * from {{ this }}) to '{{ folder }}/{{ name }}.parquet'
        (format parquet, compression zstd)
    {%- endif -%}
{%- endmacro %}
