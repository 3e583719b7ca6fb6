{#- The rows of a relation (or CTE name) keeping the first per partition_by in
    order_by order, with the rank column _version_rank (always 1) that the
    caller leaves out of its final select. -#}
{% macro deduplicate(relation, partition_by, order_by) -%}
    select * from (
        select
            *,
            row_number() over (
                partition by {{ partition_by }}
                order by {{ order_by }}
            ) as _version_rank
        from {{ relation }}
    ) as ranked
    where _version_rank = 1
{%- endmacro %}
