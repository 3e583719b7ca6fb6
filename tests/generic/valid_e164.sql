{#- Fails on every value that is not a phone number in E.164: a plus sign,
    a non-zero country-code digit, then 7 to 14 more digits (8 to 15 digits
    in all). Nulls pass (pair with not_null where needed). -#}
{% test valid_e164(model, column_name) %}

select {{ column_name }}
from {{ model }}
where
    {{ column_name }} is not null
    and not {{ regexp_like(column_name, '^[+][1-9][0-9]{7,14}$') }}

{% endtest %}
