{#- Spark's lake_files_exist (macros/lake): whether spark_lake_files lists
    any file for the glob (false for a folder that does not exist). -#}
{% macro spark__lake_files_exist(path) -%}
    {%- if not execute -%}
        {{ return(false) }}
    {%- endif -%}
    {{ return(spark_lake_files(path) | length > 0) }}
{%- endmacro %}
