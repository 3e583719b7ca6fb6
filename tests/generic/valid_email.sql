{#- Fails on every value that is not shaped like an email address: one @
    with text before it and a dotted domain after it, no spaces. With
    canonical=true the value must also be trimmed and lower case (as
    normalization writes it). Nulls pass. -#}
{% test valid_email(model, column_name, canonical=false) %}

select {{ column_name }}
from {{ model }}
where
    {{ column_name }} is not null
    and (
        not {{ regexp_like(column_name, '^[^@ ]+@[^@ ]+[.][^@ .]+$') }}
        {%- if canonical %}
            or {{ column_name }} <> lower(trim({{ column_name }}))
        {%- endif %}
    )

{% endtest %}
