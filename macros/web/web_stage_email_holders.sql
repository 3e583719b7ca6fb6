{#- Pre-hook of int_web_email_holders: the profile records whose emails or
    unified profile may have changed since the model last ran, into its
    work table <model>__touched: the records of identity-graph rows written
    after the latest graph clustered_at the model has consumed (a record new
    or changed, or one whose profile was merged, split or rebuilt: the graph
    writes them all again), and the records the model holds that the graph
    no longer does (gone from the lake, erased). `select 1` on a first build
    or full refresh. -#}
{% macro web_stage_email_holders() -%}
    {%- if is_incremental() -%}
        {%- set select_sql -%}
            with
            holders as (select * from {{ this }}),
            identity_graph as (select * from {{ ref('fct_identity_graph') }}),
            rewritten as (
                select identity_graph.profile_record_id from identity_graph
                where identity_graph.clustered_at > (
                    select coalesce(
                        max(holders.graph_clustered_at),
                        cast('1900-01-01' as {{ dbt.type_timestamp() }})
                    )
                    from holders
                )
            ),
            departed as (
                select holders.profile_record_id from holders
                where not exists (
                    select 1 from identity_graph
                    where identity_graph.profile_record_id = holders.profile_record_id
                )
            ),
            final as (
                select profile_record_id from rewritten
                union
                select profile_record_id from departed
            )
            select * from final
        {%- endset -%}
        {{ create_work_table(work_table('touched'), select_sql) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
