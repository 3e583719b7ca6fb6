{#- Schema drift of the Parquet feeds: one row per lake file and column that
    differs from the feed's contract (the columns its source declares in
    _<source>__sources.yml): a contract column the file lacks
    (missing_column; required ones also send each row to quarantine, others
    are staged as null) and a column the contract does not know
    (unexpected_column; kept only in a quarantined row's raw_record). Empty
    when every file keeps its contract; test_no_schema_drift warns on any
    row. -#}
{%- set feeds = [] -%}
{%- if execute -%}
    {%- for node in graph.sources.values()
        if node.package_name == project_name
        and 'read_parquet' in (node.meta.get('external_location')
            or node.source_meta.get('external_location') or '') -%}
        {%- set path = 'raw/' ~ node.source_name ~ '/' ~ node.name ~ '/*/*.parquet' -%}
        {%- if lake_files_exist(path) -%}
            {%- do feeds.append({
                'feed': node.source_name ~ '__' ~ node.name,
                'path': path,
                'columns': node.columns.keys() | list,
            }) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif -%}
with

{% if feeds %}
    file_columns as (

        {% for feed in feeds %}
            select
                '{{ feed.feed }}' as feed,
                file_name,
                column_name
            from ({{ lake_file_columns(feed.path) }}) as columns_of_files
            {% if not loop.last %}union all{% endif %}
        {% endfor %}

    ),

    contract as (

        {% for feed in feeds %}
            {% for column in feed.columns %}
                select
                    '{{ feed.feed }}' as feed,
                    '{{ column }}' as column_name
                {% if not loop.last %}union all{% endif %}
            {% endfor %}
            {% if not loop.last %}union all{% endif %}
        {% endfor %}

    ),

    files as (

        select distinct
            feed,
            file_name
        from file_columns

    ),

    missing_columns as (

        select
            files.feed,
            files.file_name,
            contract.column_name,
            'missing_column' as drift
        from files
        inner join contract
            on files.feed = contract.feed
        where not exists (
            select 1
            from file_columns
            where
                file_columns.file_name = files.file_name
                and file_columns.column_name = contract.column_name
        )

    ),

    unexpected_columns as (

        select
            file_columns.feed,
            file_columns.file_name,
            file_columns.column_name,
            'unexpected_column' as drift
        from file_columns
        where not exists (
            select 1
            from contract
            where
                contract.feed = file_columns.feed
                and contract.column_name = file_columns.column_name
        )

    ),

    final as (

        select * from missing_columns
        union all
        select * from unexpected_columns

    )

    select * from final
{% else %}
    final as (

        select
            {{ dbt.cast('null', dbt.type_string()) }} as feed,
            {{ dbt.cast('null', dbt.type_string()) }} as file_name,
            {{ dbt.cast('null', dbt.type_string()) }} as column_name,
            {{ dbt.cast('null', dbt.type_string()) }} as drift

    )

    select * from final
    where false
{% endif %}
