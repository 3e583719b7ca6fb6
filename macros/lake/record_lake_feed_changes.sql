{#- Post-hook of an incremental staging model that reads a lake source
    through a base view, after stage_lake_feed_changes and
    stage_erased_profile_keys: delete the staged records of the keys this
    run erased, append the run's entries to the load log and drop the work
    tables. key: the model's unique key column. -#}
{% macro record_lake_feed_changes(key) -%}
    {{ return(adapter.dispatch('record_lake_feed_changes', 'customer_360')(key)) }}
{%- endmacro %}

{#- DuckDB and engines that run several statements in one call. -#}
{% macro default__record_lake_feed_changes(key) -%}
    delete from {{ this }}
    where {{ key }} in (select erased.{{ key }} from {{ work_table('erased') }} as erased);
    insert into {{ work_table('loads') }}
    select * from {{ work_table('load') }};
    drop table if exists {{ work_table('erased') }};
    drop table if exists {{ work_table('load') }}
{%- endmacro %}
