{#- SQL selecting the file_name of every file a load log
    (log_lake_feed_changes) holds as loaded: logged 'loaded' since the last
    'reset' (a full build) and not logged 'gone' after that. -#}
{% macro lake_files_loaded_sql(log) -%}
    with

    since_reset as (

        select * from {{ log }}
        where load_sequence >= (
            select coalesce(max(load_sequence), 0) from {{ log }} where change = 'reset'
        )

    ),

    ranked as (

        select
            file_name,
            change,
            row_number() over (
                partition by file_name order by load_sequence desc
            ) as change_rank

        from since_reset
        where file_name is not null

    )

    select file_name from ranked
    where change_rank = 1 and change = 'loaded'
{%- endmacro %}
