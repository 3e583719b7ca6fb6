{#- Fails for every value of the column held by more than max_size rows
    (no giant cluster: a run of false matches chaining thousands of records
    into one profile shows up here first). -#}
{% test max_group_size(model, column_name, max_size) %}

select
    {{ column_name }},
    count(*) as group_size
from {{ model }}
where {{ column_name }} is not null
group by {{ column_name }}
having count(*) > {{ max_size }}

{% endtest %}
