{#- SQL selecting the profile_record_id of every record that is new or
    changed since the calling incremental model last ran: the records of
    int_profiles_normalized stamped with a normalized_sequence above the
    highest one the model has stored. A run that failed before the model
    stored its rows leaves them to the next run. -#}
{% macro changed_profile_records() -%}
    select profile_record_id from {{ ref('int_profiles_normalized') }}
    where normalized_sequence > (
        select coalesce(max(normalized_sequence), 0) from {{ this }}
    )
{%- endmacro %}
