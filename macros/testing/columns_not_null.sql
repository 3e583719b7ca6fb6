{#- Fails on every row holding a null in a column the model declares not
    null (not_null_columns: `constraints: [{type: not_null}]`): one test node
    and one scan per model, in place of a not_null test per column. Declared
    once per model (`data_tests: [columns_not_null]`). Each failing row is
    the model's row after `null_columns`, the names of its null declared
    columns (`email, phone`). Scoped on an incremental run as not_null is
    (scoped_test_names, get_where_subquery); `where` and severity as on any
    test. Columns are referenced through the alias tested_rows, so a declared
    column the model lacks is an error of the query naming it (unqualified,
    a name such as current_date would be read as the function and pass), at
    no cost where the model has it; a model declaring none is a compiler
    error. The SQL is what dbt's own not_null runs, `is null`, with `case`,
    dbt.concat and `substring`: the same on DuckDB and Spark, no dispatch. -#}
{% test columns_not_null(model) %}
    {%- set columns = not_null_columns() -%}
    {%- if not columns -%}
        {#- while dbt parses, the columns are not read -#}
        select 1 as null_columns where 1 = 0
    {%- else -%}
        {%- set null_names = [] -%}
        {%- for column in columns -%}
            {%- do null_names.append(
                '\n        case when tested_rows.' ~ column.expression ~ " is null then ', "
                ~ column.name ~ "' else '' end") -%}
        {%- endfor %}
select
    substring({{ dbt.concat(null_names) }}, 3) as null_columns,
    tested_rows.*
from (select * from {{ model }}) as tested_rows
where
    {% for column in columns -%}
    {{ 'or ' if not loop.first else '' }}tested_rows.{{ column.expression }} is null
    {% endfor %}
    {%- endif %}
{% endtest %}
