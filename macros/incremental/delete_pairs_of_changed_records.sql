{#- Pre-hook of the incremental pair models: drop the pairs holding a record
    that is new, changed or gone in this run; the model then inserts the
    pairs of the new and changed records again. Nothing to do on a first
    build or a full refresh. -#}
{% macro delete_pairs_of_changed_records() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where
            profile_record_id_l in ({{ changed_profile_records() }})
            or profile_record_id_r in ({{ changed_profile_records() }})
            or profile_record_id_l not in (
                select profile_record_id from {{ ref('int_profiles_normalized') }}
            )
            or profile_record_id_r not in (
                select profile_record_id from {{ ref('int_profiles_normalized') }}
            )
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
