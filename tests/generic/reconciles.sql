{#- Reconciliation counts: fails on every row where the total column does
    not equal the sum of the part columns (a null counts as a failure), e.g.
    raw rows = staged + quarantined + deduplicated. -#}
{% test reconciles(model, total, parts) %}

select *
from {{ model }}
where not coalesce({{ total }} = {{ parts | join(' + ') }}, false)

{% endtest %}
