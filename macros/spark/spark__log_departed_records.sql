{#- Spark's log_departed_records (macros/incremental): the same statements,
    run one at a time (spark_script). A Spark build is never incremental
    (dbt_project.yml: full_refresh on Spark), so it starts an empty log. -#}
{% macro spark__log_departed_records() -%}
    {{ return(spark_script(customer_360.default__log_departed_records())) }}
{%- endmacro %}
