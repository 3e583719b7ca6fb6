{#- Coverage, the reverse of relationships: fails for every value of
    field in the model `to` that the tested column never holds (a record
    with no cluster, a contact missing from its fact). -#}
{% test covers_every_row(model, column_name, to, field) %}

select expected.{{ field }}
from {{ to }} as expected
where
    expected.{{ field }} is not null
    and not exists (
        select 1
        from {{ model }} as covering
        where covering.{{ column_name }} = expected.{{ field }}
    )

{% endtest %}
