{#- Post-hook: publish a model's table to <lake_root>/curated/<name>/ as
    Parquet (one file, or Hive partitions when partition_by is given), so the
    lake holds every output beside the DuckDB file. Use it as a string so it
    renders at run time: post_hook="{{ export_to_lake('name') }}".
    Readers never see a half-written output: the table is written to a new
    version folder, curated/_versions/<name>/<version>/ (version: the run's
    start and invocation id), and curated/<name> is switched to it only once
    it is complete (docs/lake_format.md, "Curated outputs and atomic
    publish"). Only what changed is written: a partition (or an unpartitioned
    output) whose fingerprint, its row count and an order-independent hash of
    its rows, equals the published version's is hard-linked from it. -#}
{% macro export_to_lake(name, partition_by=none) -%}
    {{ return(adapter.dispatch('export_to_lake', 'customer_360')(name, partition_by)) }}
{%- endmacro %}

{#- No lake to write to on other engines: nothing to do. -#}
{% macro default__export_to_lake(name, partition_by) -%}
    select 1
{%- endmacro %}

{#- DuckDB: COPY writes the version; the functions of the dbt-duckdb plugin
    customer_360_plugins.lake_publish (profiles.yml) create its folder, link
    the unchanged partitions, record the fingerprints and switch the link
    (SQL cannot create folders, link or rename files). When the macro renders
    (the model's table is built by then) it fingerprints the table per
    partition into a temporary table (count(*), sum(hash(row)): the same rows
    in any order give the same sum) and compares them with the manifest of
    the published version, when that version can be reused (same format,
    DuckDB version, compression, partitioning, columns and types; every file
    it lists in place). A full refresh, or no reusable version, writes
    everything with the COPY of a plain export. After writing and linking, the
    version's files are read back (file names and row counts only) and
    checked against the table's partitions before the manifest is written.
    On an object-store lake_root (s3://bucket/prefix) the same SQL runs
    through httpfs and the plugin's functions copy unchanged partitions
    server-side and publish by putting a pointer object last,
    curated/<name>/_current (customer_360_plugins/lake_publish_s3.py). -#}
{% macro duckdb__export_to_lake(name, partition_by) -%}
    {%- set root = var('lake_root') | replace("'", "''") -%}
    {%- set version = run_started_at.strftime('%Y%m%dT%H%M%SZ') ~ '-' ~ invocation_id -%}
    {%- set arguments = "'" ~ root ~ "', '" ~ name ~ "', '" ~ version ~ "'" -%}
    {%- set folder = root ~ '/curated/_versions/' ~ name ~ '/' ~ version -%}
    {%- set keys = [] -%}
    {%- for column in (partition_by or '').split(',') if column.strip() -%}
        {%- do keys.append(column.strip()) -%}
    {%- endfor -%}
    {%- set fingerprints = this.identifier ~ '__export_fingerprints' -%}
    {%- set plan = {
        'partitions': [], 'unchanged': [], 'unchanged_folders': [], 'previous': none,
        'signature': '', 'hive_types': ''
    } -%}
    {%- if execute and not env_var('CUSTOMER_360_LINT', '') -%}
        {#- the signature: what a reused version must share with this export -#}
        {%- set types = {} -%}
        {%- set described = [] -%}
        {%- for column in adapter.get_columns_in_relation(this) -%}
            {%- do types.update({column.name: column.dtype}) -%}
            {%- do described.append(column.name ~ ' ' ~ column.dtype) -%}
        {%- endfor -%}
        {%- set engine = run_query('select version()').columns[0].values()[0] -%}
        {%- set signature = (
            'customer_360 export; duckdb ' ~ engine ~ '; parquet zstd; partition_by '
            ~ keys | join(', ') ~ '; columns ' ~ described | join(', ')
        ) | replace("'", "''") -%}
        {%- set hive_types = [] -%}
        {%- for key in keys -%}
            {%- do hive_types.append("'" ~ key ~ "': '" ~ types[key] ~ "'") -%}
        {%- endfor -%}
        {%- do plan.update({'signature': signature, 'hive_types': hive_types | join(', ')}) -%}
        {#- the table's fingerprints, one row per partition -#}
        {%- set fingerprinted -%}
            create or replace temp table {{ fingerprints }} as
            select
                {%- for key in keys %}
                {{ key }},
                {%- endfor %}
                {%- if keys %}
                cast(to_json(struct_pack({{ keys | join(', ') }})) as varchar) as partition_key,
                {%- else %}
                '{}' as partition_key,
                {%- endif %}
                count(*) as row_count,
                cast(sum(hash(exported_row)) as varchar) as fingerprint,
                true as is_changed
            from {{ this }} as exported_row
            {%- if keys %}
            group by all
            {%- endif %}
        {%- endset -%}
        {%- do run_query(fingerprinted) -%}
        {%- set partitions = run_query(
            'select partition_key, row_count, fingerprint from ' ~ fingerprints) -%}
        {%- do plan.update({'partitions': partitions.rows}) -%}
        {#- the published version's, when it can be reused -#}
        {%- if not flags.FULL_REFRESH -%}
            {%- set reusable = run_query(
                "select customer_360_reusable_partitions('" ~ root ~ "', '" ~ name ~ "', '"
                ~ signature ~ "')").columns[0].values()[0] -%}
            {%- if reusable -%}
                {%- set published = fromjson(reusable) -%}
                {%- do plan.update({'previous': published.version}) -%}
                {%- for partition in partitions.rows -%}
                    {%- set before = published.partitions.get(partition[0]) -%}
                    {#- as text: run_query types number-like text as numbers -#}
                    {%- if before and before.rows ~ '' == partition[1] ~ ''
                        and before.fingerprint ~ '' == partition[2] ~ '' -%}
                        {%- do plan.unchanged.append(partition[0] | replace("'", "''")) -%}
                        {%- do plan.unchanged_folders.append(before.folder) -%}
                    {%- endif -%}
                {%- endfor -%}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
    {%- set write_all = plan.previous is none or plan.unchanged | length == 0 -%}
    {%- set changed = plan.partitions | length - plan.unchanged | length -%}
    select customer_360_prepare_version({{ arguments }});
    {%- if write_all or changed > 0 %}
    {%- if not write_all %}
    update {{ fingerprints }} set is_changed = false
    where partition_key in ('{{ plan.unchanged | join("', '") }}');
    {%- endif %}
    {%- set rows -%}
        select * from {{ this }}
        {%- if not write_all %} as exported_row
        where exists (
            select 1 from {{ fingerprints }}
            where
                {{ fingerprints }}.is_changed
                {%- for key in keys %}
                and {{ fingerprints }}.{{ key }} is not distinct from exported_row.{{ key }}
                {%- endfor %}
        )
        {%- endif %}
    {%- endset %}
    {%- if keys %}
    copy ({{ rows }}) to '{{ folder }}'
        (format parquet, compression zstd, partition_by ({{ partition_by }}));
    {%- else %}
    copy ({{ rows }}) to '{{ folder }}/{{ name }}.parquet'
        (format parquet, compression zstd);
    {%- endif %}
    {%- endif %}
    {%- if not write_all %}
    select customer_360_link_partitions(
        '{{ root }}', '{{ name }}', '{{ plan.previous }}', '{{ version }}',
        '{{ tojson(plan.unchanged_folders) | replace("'", "''") }}'
    );
    {%- endif %}
    {%- if plan.partitions %}
    select customer_360_record_fingerprints({{ arguments }}, '{{ plan.signature }}', (
        with

        written as (
            {%- if keys %}

            select
                cast(to_json(struct_pack({{ keys | join(', ') }})) as varchar) as partition_key,
                parse_dirpath(filename) as folder,
                count(*) as written_rows
            from read_parquet(
                '{{ folder }}/**/*.parquet',
                hive_partitioning = true,
                hive_types = { {{- plan.hive_types -}} },
                filename = true
            )
            group by all
            {%- else %}

            select
                '{}' as partition_key,
                '{{ folder }}' as folder,
                count(*) as written_rows
            from read_parquet('{{ folder }}/{{ name }}.parquet')
            {%- endif %}

        )

        select coalesce(to_json(list({
            'key': coalesce(
                {{ fingerprints }}.partition_key, written.partition_key
            ),
            'rows': {{ fingerprints }}.row_count,
            'fingerprint': {{ fingerprints }}.fingerprint,
            'folder': written.folder,
            'written_rows': written.written_rows
        })), '[]')
        from {{ fingerprints }}
        full outer join written
            on {{ fingerprints }}.partition_key = written.partition_key
    ));
    {%- endif %}
    select customer_360_publish_version({{ arguments }});
    drop table if exists {{ fingerprints }}
{%- endmacro %}
