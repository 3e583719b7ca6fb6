{#- Post-hook: publish a model's table to <lake_root>/curated/<name>/ as
    Parquet (one file, or Hive partitions when partition_by is given), so the
    lake holds every output beside the DuckDB file. Use it as a string so it
    renders at run time: post_hook="{{ export_to_lake('name') }}".
    Readers never see a half-written output: the table is written to a new
    version folder, curated/_versions/<name>/<version>/ (version: the run's
    start and invocation id), and curated/<name> is switched to it only once
    it is complete (docs/lake_format.md, "Curated outputs and atomic
    publish"). -#}
{% macro export_to_lake(name, partition_by=none) -%}
    {{ return(adapter.dispatch('export_to_lake', 'customer_360')(name, partition_by)) }}
{%- endmacro %}

{#- No lake to write to on other engines: nothing to do. -#}
{% macro default__export_to_lake(name, partition_by) -%}
    select 1
{%- endmacro %}

{#- DuckDB: COPY writes the version; the functions of the dbt-duckdb plugin
    customer_360_plugins.lake_publish (profiles.yml) create its folder and
    switch the link (SQL cannot create folders or rename files). An object
    store has no links: publishing there means writing the version, then one
    pointer object naming it (see the plugin's docstring); not built yet. -#}
{% macro duckdb__export_to_lake(name, partition_by) -%}
    {%- set root = var('lake_root') -%}
    {%- if '://' in root -%}
        {{ exceptions.raise_compiler_error(
            "export_to_lake: lake_root " ~ root ~ " is an object store; the atomic publish"
            ~ " of curated outputs (a version folder, then a pointer) is built for local"
            ~ " folders only (docs/lake_format.md)") }}
    {%- endif -%}
    {%- set version = run_started_at.strftime('%Y%m%dT%H%M%SZ') ~ '-' ~ invocation_id -%}
    {%- set arguments = "'" ~ root ~ "', '" ~ name ~ "', '" ~ version ~ "'" -%}
    {%- set folder = root ~ '/curated/_versions/' ~ name ~ '/' ~ version -%}
    select customer_360_prepare_version({{ arguments }});
    {%- if partition_by %}
    copy (select * from {{ this }}) to '{{ folder }}'
        (format parquet, compression zstd, partition_by ({{ partition_by }}));
    {%- else %}
    copy (select * from {{ this }}) to '{{ folder }}/{{ name }}.parquet'
        (format parquet, compression zstd);
    {%- endif %}
    select customer_360_publish_version({{ arguments }})
{%- endmacro %}
