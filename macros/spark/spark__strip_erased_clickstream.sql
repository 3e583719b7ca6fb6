{#- Spark's strip_erased_clickstream (macros/privacy): the same columns and
    match as the default, through spark_strip_erased_rows, since Spark
    cannot update a Parquet table. -#}
{% macro spark__strip_erased_clickstream() -%}
    {%- set columns = ['email'] -%}
    {%- if this.identifier.startswith('base_') -%}
        {%- do columns.append('_raw_record') -%}
    {%- endif -%}
    {{ return(spark_strip_erased_rows(columns, [
        [pii_hash(normalize_email('email')), 'email'],
    ])) }}
{%- endmacro %}
