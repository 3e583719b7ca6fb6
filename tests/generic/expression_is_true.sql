{#- Fails on every row where the expression is not true (null counts as a
    failure). The general test the others are composed from. -#}
{% test expression_is_true(model, expression, column_name=none) %}

select *
from {{ model }}
where not coalesce({{ expression }}, false)

{% endtest %}
