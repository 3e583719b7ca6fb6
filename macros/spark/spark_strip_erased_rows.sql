{#- strip_erased_rows (macros/privacy) for Spark, where a Parquet table
    takes no update: the same log of the stripped rows per request and file
    (insert into <ledger>__stripped), then the table written again with the
    personal columns of the rows tied to an erased person nulled: copied to
    the work table <model>__stripped with those columns nulled, the table
    overwritten from it (insert overwrite), the work table dropped. One
    statement at a time (spark_script). `select 1` while no request was
    ever applied. The table's other columns keep their order and values. -#}
{% macro spark_strip_erased_rows(columns, matches) -%}
    {%- if not erasure_is_active() -%}
        {{ return('select 1') }}
    {%- endif -%}
    {%- set conditions = [] -%}
    {%- set join_conditions = [] -%}
    {%- for expression, kind in matches -%}
        {%- do conditions.append(
            '(' ~ expression ~ ') in (' ~ erased_values(kind) ~ ')') -%}
        {%- do join_conditions.append(
            "(erased.erased_kind = '" ~ kind ~ "' and erased.erased_value = ("
            ~ expression ~ '))') -%}
    {%- endfor -%}
    {%- set work = work_table('stripped') -%}
    {%- set stripped_sql -%}
        select
            {%- for column in adapter.get_columns_in_relation(this) %}
            {%- if column.name in columns %}
            case
                when coalesce({{ conditions | join(' or ') }}, false) then null
                else {{ column.name }}
            end as {{ column.name }}
            {%- else %}
            {{ column.name }}
            {%- endif %}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ this }}
    {%- endset -%}
    {%- set script -%}
        insert into {{ erasure_relation('stripped') }}
        select
            erased.request_id,
            '{{ this.identifier }}',
            stripped._file_name,
            count(distinct stripped._row_in_file),
            '{{ invocation_id }}'
        from {{ this }} as stripped
        inner join {{ erasure_relation() }} as erased
            on {{ join_conditions | join('\n            or ') }}
        group by erased.request_id, stripped._file_name;
        {{ create_work_table(work, stripped_sql) }};
        insert overwrite table {{ this }} select * from {{ work }};
        drop table if exists {{ work }}
    {%- endset -%}
    {{ return(spark_script(script)) }}
{%- endmacro %}
