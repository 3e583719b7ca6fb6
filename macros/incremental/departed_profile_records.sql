{#- SQL selecting the profile_record_id of every record gone from the lake
    since the calling incremental model last ran: the entries of the
    departure log of int_profiles_normalized (log_departed_records) above the
    highest normalized_sequence the model has stored. A departure the model
    has already processed may be selected again until a later sequence
    passes it; deleting what is already gone changes nothing. -#}
{% macro departed_profile_records() -%}
    {%- set normalized = ref('int_profiles_normalized') -%}
    {%- set log = normalized.incorporate(
        path={'identifier': normalized.identifier ~ '__departed'}) -%}
    select profile_record_id from {{ log }}
    where departed_sequence > (
        select coalesce(max(normalized_sequence), 0) from {{ this }}
    )
{%- endmacro %}
