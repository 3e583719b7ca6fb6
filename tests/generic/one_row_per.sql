{#- Fails for every distinct value of field in the model `to` that the
    tested column holds on zero rows or on more than one (one golden record
    per cluster), and for every tested value `to` does not hold. -#}
{% test one_row_per(model, column_name, to, field) %}

with

expected as (

    select distinct {{ field }} as key_value
    from {{ to }}
    where {{ field }} is not null

),

actual as (

    select
        {{ column_name }} as key_value,
        count(*) as rows_per_key
    from {{ model }}
    group by {{ column_name }}

)

select
    coalesce(expected.key_value, actual.key_value) as key_value,
    coalesce(actual.rows_per_key, 0) as rows_per_key,
    expected.key_value is not null as is_expected
from expected
full outer join actual
    on expected.key_value = actual.key_value
where
    expected.key_value is null
    or actual.key_value is null
    or actual.rows_per_key <> 1

{% endtest %}
