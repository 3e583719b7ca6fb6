{#- SQL for the normalized_sequence an incremental matching model stores
    with the rows it writes: the highest sequence of int_profiles_normalized,
    i.e. everything normalized so far has been processed. -#}
{% macro normalized_sequence() -%}
    (select max(normalized_sequence) from {{ ref('int_profiles_normalized') }})
{%- endmacro %}
