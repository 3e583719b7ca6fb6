{#- What a strip hook writes in place of a raw record (the `_raw_record`
    of a base table, kept there for quarantined rows only) tied to an
    erased person: a marker where the row kept one, so that a quarantined
    row still says what became of its text and the checks that it keeps
    one still hold; null stays null (a row that passed keeps none).
    column: the raw record's column. -#}
{% macro erased_raw_record(column='_raw_record') -%}
    case
        when {{ column }} is not null then '(stripped: right-to-erasure request)'
    end
{%- endmacro %}
