{#- deduplicate() for an incremental staging model keyed by `key` (unique_key,
    incremental_strategy delete+insert): on a full build, the first row per
    key in order_by order; on an incremental run, `relation` holding only the
    new rows, the first new row per key unless the model holds a row for the
    key that comes before it (sorts_before), so that the delete+insert adds
    new keys and replaces the rows that a new copy supersedes. A new copy of
    the very row staged (the same file and line, loaded again after a full
    refresh of the base model) replaces it too, which moves the model's
    _load_sequence watermark past the reload. The model ends where a full
    build over every row would, as long as the rows it staged earlier stay
    in the base. Like deduplicate, the rows carry _version_rank for the
    caller to leave out; every order_by column must be a column of the model
    too. -#}
{% macro deduplicate_incremental(relation, key, order_by) -%}
    {%- if is_incremental() -%}
    select first_copies.*
    from (
        {{ deduplicate(relation, key, order_by) | indent(8) }}
    ) as first_copies
    left join {{ this }} as staged
        on first_copies.{{ key }} = staged.{{ key }}
    where
        staged.{{ key }} is null
        or not {{ sorts_before(order_by, 'staged', 'first_copies') }}
    {%- else -%}
    {{ deduplicate(relation, key, order_by) }}
    {%- endif -%}
{%- endmacro %}
