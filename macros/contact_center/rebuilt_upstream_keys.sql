{#- SQL selecting the keys of an incremental model that follows one upstream
    model key for key: the upstream rows written (built_at) since the
    calling model last wrote rows, and the keys the model holds that are no
    longer upstream (their rows are only deleted). Both models stamp
    built_at with the invocation's start, and the upstream model runs
    first, so no upstream row written later can carry an earlier stamp. -#}
{% macro rebuilt_upstream_keys(relation, key) -%}
    select {{ key }} from {{ relation }}
    where built_at > (
        select coalesce(max(built_at), cast('1900-01-01' as {{ dbt.type_timestamp() }}))
        from {{ this }}
    )
    union
    select {{ key }} from {{ this }}
    where {{ key }} not in (select upstream.{{ key }} from {{ relation }} as upstream)
{%- endmacro %}
