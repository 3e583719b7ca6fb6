{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook=["{{ stage_changed_records() }}", "{{ delete_pairs_of_changed_records() }}"],
    post_hook="{{ drop_work_table('changed') }}",
) }}
{#- Every candidate pair scored and decided: each comparison's level and
    weight (log2 m/u, or log2 m/tf for an exact agreement on a
    term-frequency comparison), the match weight (prior +
    the comparisons' weights) and match probability; the weight of the
    personal comparisons (those not marked shared: names, birth date, ids);
    the deterministic rule it meets, if any; and the decision:
    - match: a deterministic rule holds, or the probability reaches
      scoring.match_probability and the personal weight reaches
      scoring.min_personal_weight;
    - review: the probability reaches scoring.review_probability but not
      both of the above, or a scoring.review_when condition holds
      (review_reason says which);
    - non_match: the rest.
    Incremental: a run scores the pairs of new and changed records only,
    with the parameters trained earlier (training_is_frozen).
    The explanation text (pair_explanation) is built where a pair is shown,
    from these levels and weights: the linked pairs and the review queue;
    built here for every candidate pair it took a third of the model's time
    (docs/benchmarks.md). on_schema_change sync_all_columns: a warehouse
    built when the model had columns it no longer has (explanation,
    source_system_l / _r) drops them on its next incremental run instead
    of failing (Spark rebuilds every run). -#}
{%- set config = identity_resolution_config() -%}
{%- set scoring = config.scoring -%}
{%- set match_cutoff = probability_to_weight(scoring.get('match_probability', 0.8)) -%}
{%- set review_cutoff = probability_to_weight(scoring.get('review_probability', 0.5)) -%}
{%- set min_personal_weight = scoring.get('min_personal_weight', 0) -%}
{%- set personal = config.comparisons | rejectattr('shared') | list -%}
{%- set conflicts = scoring.get('review_when', []) -%}
{%- set conflict_conditions = conflicts | map(attribute='condition') | list or ['1 = 0'] -%}
{%- set no_conflict = 'not ((' ~ (conflict_conditions | join(') or (')) ~ '))' -%}
{%- set tf_comparisons = [] -%}
{%- for comparison in config.comparisons if term_frequency_level(comparison) is not none -%}
    {%- do tf_comparisons.append(comparison) -%}
{%- endfor -%}
-- depends_on: {{ ref('int_profiles_normalized') }}
with

pairs as (

    select * from {{ ref('int_profile_pairs_compared') }}
    {% if is_incremental() -%}
        where normalized_sequence > {{ staged_since_sequence() }}
    {%- endif %}

),

parameters as (

    select * from {{ ref('int_match_parameters') }}

),

term_frequencies as (

    select * from {{ ref('int_match_term_frequencies') }}

),

parameter_row as (

    select
        max(case when comparison_name = '_prior' then match_weight end) as prior_weight,
        {{ parameter_pivot_columns(config.comparisons) }}

    from parameters

),

weighed as (

    select
        pairs.profile_record_id_l,
        pairs.profile_record_id_r,
        pairs.first_blocking_rule,
        {%- for comparison in config.comparisons %}
            pairs.{{ comparison.name }}_level,
            {{ comparison_weight(comparison) }} as {{ comparison.name }}_weight,
        {%- endfor %}
        parameter_row.prior_weight

    from pairs
    cross join parameter_row
    {%- for comparison in tf_comparisons %}
        left join term_frequencies as tf_{{ comparison.name }}
            on
                tf_{{ comparison.name }}.comparison_name = '{{ comparison.name }}'
                and pairs.{{ comparison.name }}_tf_value = tf_{{ comparison.name }}.value
    {%- endfor %}

),

summed as (

    select
        *,
        prior_weight + {{ sum_of_weights(config.comparisons) }} as match_weight,
        {{ sum_of_weights(personal) }} as personal_weight,
        {{ deterministic_rule_name(scoring.get('deterministic_rules', []), config.comparisons) }}
            as deterministic_rule

    from weighed

),

final as (

    select
        profile_record_id_l,
        profile_record_id_r,
        first_blocking_rule,
        {%- for comparison in config.comparisons %}
            {{ comparison.name }}_level,
            {{ comparison.name }}_weight,
        {%- endfor %}
        prior_weight,
        match_weight,
        1 / (1 + power(2, -least(greatest(match_weight, -200), 200))) as match_probability,
        personal_weight,
        deterministic_rule,
        case
            when deterministic_rule is not null then 'match'
            when
                match_weight >= {{ match_cutoff }}
                and personal_weight >= {{ min_personal_weight }}
                and {{ no_conflict }}
                then 'match'
            when match_weight >= {{ review_cutoff }} then 'review'
            else 'non_match'
        end as decision,
        case
            when deterministic_rule is not null then null
            when
                match_weight >= {{ match_cutoff }}
                and personal_weight < {{ min_personal_weight }}
                then 'shared_keys_only'
            {%- for conflict in conflicts %}
                when match_weight >= {{ match_cutoff }} and ({{ conflict.condition }})
                    then '{{ conflict.name }}'
            {%- endfor %}
            when
                match_weight >= {{ review_cutoff }}
                and match_weight < {{ match_cutoff }}
                then 'uncertain'
        end as review_reason,
        {{ normalized_sequence() }} as normalized_sequence

    from summed

)

select * from final
