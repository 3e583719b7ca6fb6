{#- Overrides dbt's get_where_subquery, the macro every generic test wraps
    the model it tests in (its `model` argument). As dbt does, a test's
    `where` config filters the model. In addition, on an incremental run a
    row-level test (scoped_test_names) of a model declaring
    `meta: {incremental_stamp: <column>}` reads only the rows the latest
    run wrote (incremental_test_stamp, latest_run_rows): older rows were
    tested when they were written, and later runs only delete them. A
    `unique` test reads every row holding a key the latest run wrote, old
    rows included: a duplicate among old rows alone failed when they were
    written. On a first build or a --full-refresh, for whole-table tests and
    for models without the meta, the model is tested as it is. -#}
{% macro get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do conditions.append(where) -%}
    {%- endif -%}
    {%- set stamp = incremental_test_stamp() -%}
    {%- set test_name = model.test_metadata.name if model.test_metadata else none -%}
    {%- if stamp and test_name in scoped_test_names() -%}
        {%- set latest = latest_run_rows(relation, stamp) -%}
        {%- if latest -%}
            {%- do conditions.append(latest) -%}
        {%- endif -%}
    {%- elif stamp and test_name == 'unique' -%}
        {#- every row holding a key the latest run wrote, old rows included: a
            duplicate needs one row written by the latest run -#}
        {%- set latest = latest_run_rows(relation, stamp) -%}
        {%- set column = model.test_metadata.kwargs.column_name -%}
        {%- if latest -%}
            {%- do conditions.append(
                column ~ ' in (select ' ~ column ~ ' from ' ~ relation ~ ' where ' ~ latest ~ ')'
            ) -%}
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
