{#- Fails on every pair row whose left id is not strictly smaller than its
    right id (or where either is null): a pair is stored once, in order, and
    never pairs a record with itself. -#}
{% test ordered_pair(model, left_column, right_column) %}

select
    {{ left_column }},
    {{ right_column }}
from {{ model }}
where not coalesce({{ left_column }} < {{ right_column }}, false)

{% endtest %}
