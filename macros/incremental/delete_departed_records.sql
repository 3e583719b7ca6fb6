{#- Pre-hook of int_profiles_normalized: append the records it holds that
    are no longer in int_profiles_unioned (gone from the lake) to its
    departure log, the table <model>__departed, each with departed_sequence:
    the normalized_sequence this run stamps on its new and changed records,
    and the dbt invocation that logged it.
    The log is kept across runs, so a downstream incremental model finds the
    departures it has not processed yet (departed_profile_records) by a
    semi-join on a small table, not an anti-join of every pair against every
    record; a run that fails before a model is caught up the next time. A
    first build or a full refresh starts an empty log. -#}
{% macro log_departed_records() -%}
    {{ return(adapter.dispatch('log_departed_records', 'customer_360')()) }}
{%- endmacro %}

{#- DuckDB and engines that run several statements in one call. -#}
{% macro default__log_departed_records() -%}
    {%- set log = work_table('departed') -%}
    {%- if is_incremental() -%}
        create table if not exists {{ log }} (
            profile_record_id {{ dbt.type_string() }},
            departed_sequence {{ dbt.type_bigint() }},
            departed_invocation_id {{ dbt.type_string() }}
        );
        insert into {{ log }}
        select
            profile_record_id,
            (select coalesce(max(normalized_sequence), 0) + 1 from {{ this }}),
            '{{ invocation_id }}'
        from {{ this }}
        where profile_record_id not in (
            select profile_record_id from {{ ref('int_profiles_unioned') }}
        )
    {%- else -%}
        drop table if exists {{ log }};
        create table {{ log }} (
            profile_record_id {{ dbt.type_string() }},
            departed_sequence {{ dbt.type_bigint() }},
            departed_invocation_id {{ dbt.type_string() }}
        )
    {%- endif -%}
{%- endmacro %}

{#- Post-hook of int_profiles_normalized, after log_departed_records: drop
    the records this invocation logged as gone from the lake (not earlier
    entries: a record may have come back since). -#}
{% macro delete_departed_records() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where profile_record_id in (
            select profile_record_id from {{ work_table('departed') }}
            where departed_invocation_id = '{{ invocation_id }}'
        )
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
