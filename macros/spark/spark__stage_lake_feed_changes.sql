{#- Spark's stage_lake_feed_changes (macros/lake): the same statements, run
    one at a time (spark_script). A Spark build is never incremental
    (dbt_project.yml: full_refresh on Spark), so it logs a reset and every
    listed file as loaded, and never empties the model with a delete. -#}
{% macro spark__stage_lake_feed_changes(relation) -%}
    {{ return(spark_script(customer_360.default__stage_lake_feed_changes(relation))) }}
{%- endmacro %}
