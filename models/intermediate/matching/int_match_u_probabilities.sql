{{ config(
    materialized='incremental',
    incremental_strategy='append',
    full_refresh=false,
    pre_hook="{{ clear_for_retraining() }}",
) }}
{#- u probabilities: how often each comparison level occurs among pairs of
    records that do not match, estimated on every pair of a deterministic
    random sample of training.u_sample_records records (almost all random
    pairs are non-matches), blended with the configured prior u by
    training.prior_pseudo_pairs pseudo-pairs so that small datasets keep
    sound values. Trained on the first build and kept
    (training_is_frozen): later runs, full refreshes included, score with
    the same parameters until a run with var retrain true. -#}
{%- set config = identity_resolution_config() -%}
{%- set across_sources = (
    'l.source_system <> r.source_system' if config.link_type == 'link_only' else '1 = 1'
) -%}
{%- set sample_size = config.training.get('u_sample_records', 3000) -%}
{%- set pseudo_pairs = config.training.get('u_prior_pseudo_pairs', 10000) -%}
{% if training_is_frozen() %}

    select * from {{ this }}
    where 1 = 0

{% else %}

    with

    profiles as (

        select * from {{ ref('int_profiles_normalized') }}

    ),

    sampled as (

        select *
        from profiles
        order by {{ dbt.hash('profile_record_id') }}
        limit {{ sample_size }}

    ),

    sample_pairs as (

        select
            {%- for comparison in config.comparisons %}
                {{ comparison_level(comparison) }} as {{ comparison.name }}_level,
            {%- endfor %}
            l.profile_record_id as profile_record_id_l

        from sampled as l
        inner join sampled as r
            on
                l.profile_record_id < r.profile_record_id
                and {{ across_sources }}

    ),

    level_counts as (

        {% for comparison in config.comparisons %}
            select
                '{{ comparison.name }}' as comparison_name,
                {{ comparison.name }}_level as level_number,
                count(*) as pair_count
            from sample_pairs
            where {{ comparison.name }}_level >= 0
            group by {{ comparison.name }}_level
            {% if not loop.last %}union all{% endif %}
        {% endfor %}

    ),

    levels as (

        {{ comparison_levels_table() }}

    ),

    counted as (

        select
            levels.comparison_name,
            levels.level_number,
            levels.level_label,
            levels.u_prior,
            coalesce(level_counts.pair_count, 0) as pair_count,
            sum(coalesce(level_counts.pair_count, 0)) over (
                partition by levels.comparison_name
            ) as compared_pairs

        from levels
        left join level_counts
            on
                levels.comparison_name = level_counts.comparison_name
                and levels.level_number = level_counts.level_number

    ),

    final as (

        select
            comparison_name,
            level_number,
            level_label,
            pair_count as sample_pair_count,
            compared_pairs as sample_compared_pairs,
            (pair_count + {{ pseudo_pairs }} * u_prior)
            / (compared_pairs + {{ pseudo_pairs }}) as u_probability

        from counted

    )

    select * from final

{% endif %}
