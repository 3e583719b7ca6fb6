{#- Post-hook of int_profiles_normalized: on an incremental run, drop the
    records no longer in int_profiles_unioned (gone from the lake). -#}
{% macro delete_departed_records() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where profile_record_id not in (
            select profile_record_id from {{ ref('int_profiles_unioned') }}
        )
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
