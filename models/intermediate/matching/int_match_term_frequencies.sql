{{ config(
    materialized='incremental',
    incremental_strategy='append',
    full_refresh=false,
    pre_hook="{{ clear_for_retraining() }}",
) }}
{#- Term frequencies for the comparisons with a term-frequency level: each
    value's share of the records that have one, as the u probability of an
    exact agreement on that value (an exact "smith" is weaker evidence than
    an exact "zbigniew"), blended with the level's u by
    training.prior_pseudo_pairs pseudo-records. Trained on the first build and kept
    (training_is_frozen): later runs, full refreshes included, score with
    the same parameters until a run with var retrain true. -#}
{%- set config = identity_resolution_config() -%}
{%- set pseudo_pairs = config.training.get('prior_pseudo_pairs', 100) -%}
{%- set tf_comparisons = [] -%}
{%- for comparison in config.comparisons if term_frequency_level(comparison) is not none -%}
    {%- do tf_comparisons.append(comparison) -%}
{%- endfor -%}
{% if training_is_frozen() %}

    select * from {{ this }}
    where 1 = 0

{% else %}

    with

    profiles as (

        select * from {{ ref('int_profiles_normalized') }}

    ),

    u_probabilities as (

        select * from {{ ref('int_match_u_probabilities') }}

    ),

    value_counts as (

        {% for comparison in tf_comparisons %}
            {%- set level = (comparison.levels | selectattr('number', 'equalto', term_frequency_level(comparison)) | list)[0] %}
            select
                '{{ comparison.name }}' as comparison_name,
                {{ term_frequency_level(comparison) }} as level_number,
                {{ dbt.cast(level.get('column', comparison.column), dbt.type_string()) }} as value,
                count(*) as value_count
            from profiles
            where {{ level.get('column', comparison.column) }} is not null
            group by {{ level.get('column', comparison.column) }}
            {% if not loop.last %}union all{% endif %}
        {% else %}
            select
                cast(null as {{ dbt.type_string() }}) as comparison_name,
                cast(null as {{ dbt.type_int() }}) as level_number,
                cast(null as {{ dbt.type_string() }}) as value,
                cast(null as {{ dbt.type_bigint() }}) as value_count
            where 1 = 0
        {% endfor %}

    ),

    final as (

        select
            value_counts.comparison_name,
            value_counts.value,
            value_counts.value_count,
            sum(value_counts.value_count) over (
                partition by value_counts.comparison_name
            ) as comparison_value_count,
            (value_counts.value_count + {{ pseudo_pairs }} * u_probabilities.u_probability)
            / (
                sum(value_counts.value_count) over (partition by value_counts.comparison_name)
                + {{ pseudo_pairs }}
            ) as u_probability

        from value_counts
        inner join u_probabilities
            on value_counts.comparison_name = u_probabilities.comparison_name
            and value_counts.level_number = u_probabilities.level_number

    )

    select * from final

{% endif %}
