{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook=["{{ stage_changed_records() }}", "{{ delete_pairs_of_changed_records() }}"],
    post_hook="{{ drop_work_table('changed') }}",
) }}
{#- Every candidate pair's comparison vector: for each configured comparison,
    the level the pair reaches (-1 when either record lacks the value, 0 when
    no level holds, higher is stronger), and for term-frequency comparisons
    the value agreed on (to look up how common it is). Incremental: a run
    compares the pairs of new and changed records only. on_schema_change
    sync_all_columns: a warehouse built when the model had source_system_l
    / _r (each profile_record_id starts with its source) drops them on its
    next incremental run instead of failing. -#}
{%- set config = identity_resolution_config() -%}
with

pairs as (

    select * from {{ ref('int_profile_pairs_blocked') }}
    {% if is_incremental() -%}
        where normalized_sequence > {{ staged_since_sequence() }}
    {%- endif %}

),

profiles as (

    select * from {{ ref('int_profiles_normalized') }}

),

final as (

    select
        pairs.profile_record_id_l,
        pairs.profile_record_id_r,
        pairs.first_blocking_rule,
        pairs.blocking_rule_mask,
        {%- for comparison in config.comparisons %}
            {{ comparison_level(comparison) }} as {{ comparison.name }}_level,
        {%- endfor %}
        {%- for comparison in config.comparisons if term_frequency_level(comparison) is not none %}
            {{ term_frequency_value(comparison) }} as {{ comparison.name }}_tf_value,
        {%- endfor %}
        {{ normalized_sequence() }} as normalized_sequence

    from pairs
    inner join profiles as l
        on pairs.profile_record_id_l = l.profile_record_id
    inner join profiles as r
        on pairs.profile_record_id_r = r.profile_record_id

)

select * from final
