{#- Overrides dbt's get_where_subquery, the macro every generic test wraps
    the model it tests in (its `model` argument). As dbt does, a test's
    `where` config filters the model. In addition, on an incremental run a
    row-level test (scoped_test_names) of a model declaring
    `meta: {incremental_stamp: <column>}` reads only the rows the latest
    run wrote (incremental_test_stamp, latest_run_rows): older rows were
    tested when they were written, and later runs only delete them. On a
    first build or a --full-refresh, for whole-table tests and for models
    without the meta, the model is tested as it is. -#}
{% macro get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do conditions.append(where) -%}
    {%- endif -%}
    {%- set stamp = incremental_test_stamp() -%}
    {%- if stamp and model.test_metadata and model.test_metadata.name in scoped_test_names() -%}
        {%- set latest = latest_run_rows(relation, stamp) -%}
        {%- if latest -%}
            {%- do conditions.append(latest) -%}
        {%- endif -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- set filtered -%}
            (select * from {{ relation }} where ({{ conditions | join(') and (') }})) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
