{#- The condition, over a row of the calling hook's table, that the row is
    tied to an erased person: an expression of one of the matches is among
    the ledger's erased values of its kind (erased_values); false, not null,
    where the expression is null. matches: [expression, erased_kind] pairs
    (strip_erased_rows). -#}
{% macro erased_row_condition(matches) -%}
    {%- set conditions = [] -%}
    {%- for expression, kind in matches -%}
        {%- do conditions.append(
            '(' ~ expression ~ ') in (' ~ erased_values(kind) ~ ')') -%}
    {%- endfor -%}
    coalesce({{ conditions | join('\n            or ') }}, false)
{%- endmacro %}
