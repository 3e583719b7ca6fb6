{{ config(
    materialized='incremental',
    incremental_strategy='append',
    full_refresh=false,
    pre_hook="{{ clear_for_retraining() }}",
    post_hook=["{{ export_to_lake('match_parameters') }}", "{{ drop_staged_ctes() }}"],
) }}
{#- The Fellegi-Sunter parameters this run scores with: per comparison level
    its m probability (how often matching pairs reach it), u probability (how
    often non-matching pairs do) and match weight log2(m/u), and the prior
    (comparison_name '_prior': m = probability that two random records
    match). Trained without labels, as Splink does: u from random pairs
    (int_match_u_probabilities); m by expectation-maximisation over the
    candidate pairs' comparison patterns, once per blocking rule, where a
    rule's own comparisons are left out (blocking on surname cannot teach
    surname's m) and the sessions' m are averaged weighted by their expected
    matches; the prior by a last EM over every pair of records the link type
    allows, candidates scored with the trained m and u and the pairs no
    blocking rule produced counted as non-matches. EM only needs
    the count of pairs per pattern, a small table, so the iterations are
    unrolled here. Within a session u is re-estimated too, starting from the
    random-pair u: the non-matches a blocking rule brings together (a
    household sharing a surname, an address, a phone) agree far more often
    than random pairs, and with u fixed EM would count them as matches and
    learn that matches often disagree on first name. Scoring still uses the
    random-pair u. With training.pinned_parameters, the parameters are read
    from that file (one exported by an earlier run) instead. Trained on the first build and kept
    (training_is_frozen): later runs, full refreshes included, score with
    the same parameters until a run with var retrain true. -#}
{%- set config = identity_resolution_config() -%}
{%- set training = config.training -%}
{%- set pseudo_pairs = training.get('prior_pseudo_pairs', 100) -%}
{%- set prior_iterations = training.get('prior_iterations', 40) -%}
{%- set iterations = training.get('em_iterations', 25) -%}
{%- set derived = {
    'first_name_canonical': 'first_name', 'first_name_soundex': 'first_name',
    'last_name_soundex': 'last_name', 'birth_year': 'birth_date', 'email': 'emails',
    'phone': 'phones', 'email_local_parts': 'emails', 'phone_last_digits': 'phones',
} -%}
{%- set comparison_columns = {} -%}
{%- for comparison in config.comparisons -%}
    {%- set columns = [derived.get(comparison.column, comparison.column)] -%}
    {%- for column in comparison.get('columns', []) -%}
        {%- do columns.append(derived.get(column, column)) -%}
    {%- endfor -%}
    {%- for level in comparison.levels if level.get('column') -%}
        {%- do columns.append(derived.get(level.column, level.column)) -%}
    {%- endfor -%}
    {%- do comparison_columns.update({comparison.name: columns}) -%}
{%- endfor -%}
{%- set all_columns = [] -%}
{%- for comparison in config.comparisons -%}
    {%- do all_columns.extend(comparison_columns[comparison.name]) -%}
{%- endfor -%}
{%- do all_columns.extend(derived.keys() | list) -%}
{%- set level_columns = ['blocking_rule_mask'] -%}
{%- for comparison in config.comparisons -%}
    {%- do level_columns.append(comparison.name ~ '_level') -%}
{%- endfor -%}
{%- set level_columns = level_columns | join(', ') -%}
{%- set sessions = [] -%}
{%- for rule in config.blocking.rules -%}
    {%- set training_rules = training.get('blocking_rules')
        or config.blocking.rules | map(attribute='name') | list -%}
    {%- if rule.name in training_rules -%}
        {%- set rule_columns = [] -%}
        {%- for column in columns_used(rule.get('keys', []), all_columns) -%}
            {%- do rule_columns.append(derived.get(column, column)) -%}
        {%- endfor -%}
        {%- set trained = [] -%}
        {%- for comparison in config.comparisons -%}
            {%- if not (comparison_columns[comparison.name] | select('in', rule_columns) | list) -%}
                {%- do trained.append(comparison) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do sessions.append(
            {'number': loop.index, 'name': rule.name, 'comparisons': trained}) -%}
    {%- endif -%}
{%- endfor -%}
{% call staged_ctes() -%}
{% if training_is_frozen() %}

    select * from {{ this }}
    where 1 = 0

{% else %}

    with

    levels as (

        {{ comparison_levels_table() }}

    ),

    {% if training.get('pinned_parameters') %}
        {%- set path = training.pinned_parameters -%}
        pinned as (

            select * from {{ read_lake_file(path, 'csv' if path.endswith('.csv') else 'parquet') }}

        ),

        final as (

            select
                cast(pinned.comparison_name as {{ dbt.type_string() }}) as comparison_name,
                cast(pinned.level_number as {{ dbt.type_int() }}) as level_number,
                cast(pinned.level_label as {{ dbt.type_string() }}) as level_label,
                cast(pinned.m_probability as {{ dbt.type_float() }}) as m_probability,
                cast(pinned.u_probability as {{ dbt.type_float() }}) as u_probability,
                (ln(cast(pinned.m_probability as {{ dbt.type_float() }})) / ln(2))
                - (ln(cast(pinned.u_probability as {{ dbt.type_float() }})) / ln(2)) as match_weight,
                cast(0 as {{ dbt.type_int() }}) as training_sessions,
                true as is_pinned,
                {{ dbt.current_timestamp() }} as trained_at

            from pinned

        )

    {% else %}
        u_probabilities as (

            select * from {{ ref('int_match_u_probabilities') }}

        ),

        patterns as {{ materialized_cte() }}(

            select
                row_number() over (order by {{ level_columns }}) as pattern_id,
                *

            from (
                select
                    blocking_rule_mask,
                    {%- for comparison in config.comparisons %}
                        {{ comparison.name }}_level,
                    {%- endfor %}
                    count(*) as pair_count
                from {{ ref('int_profile_pairs_compared') }}
                group by {{ level_columns }}
            ) as counted

        ),

        -- One row per (training session, pattern, comparison) with the level the
        -- pattern has; the '_prior' rows carry each session's prior odds.
        observations as {{ materialized_cte() }}(

            {% for session in sessions %}
                {%- set bit = 2 ** (session.number - 1) %}
                select
                    {{ session.number }} as session_number,
                    pattern_id,
                    pair_count,
                    '_prior' as comparison_name,
                    1 as level_number
                from patterns
                where
                    mod(
                        cast(floor(blocking_rule_mask / {{ bit }}) as {{ dbt.type_bigint() }}),
                        2
                    ) = 1
                {%- for comparison in session.comparisons %}
                    union all
                    select
                        {{ session.number }} as session_number,
                        pattern_id,
                        pair_count,
                        '{{ comparison.name }}' as comparison_name,
                        {{ comparison.name }}_level as level_number
                    from patterns
                    where
                        mod(
                            cast(
                                floor(blocking_rule_mask / {{ bit }}) as {{ dbt.type_bigint() }}
                            ),
                            2
                        )
                        = 1
                        and {{ comparison.name }}_level >= 0
                {%- endfor %}
                {% if not loop.last %}union all{% endif %}
            {% endfor %}

        ),

        session_levels as {{ materialized_cte() }}(

            {% for session in sessions %}
                select
                    {{ session.number }} as session_number,
                    '_prior' as comparison_name,
                    1 as level_number,
                    cast(0.1 as {{ dbt.type_float() }}) as m_prior,
                    cast(0.9 as {{ dbt.type_float() }}) as u_probability
                {%- if session.comparisons %}
                    union all
                    select
                        {{ session.number }} as session_number,
                        levels.comparison_name,
                        levels.level_number,
                        levels.m_prior,
                        u_probabilities.u_probability
                    from levels
                    inner join u_probabilities
                        on
                            levels.comparison_name = u_probabilities.comparison_name
                            and levels.level_number = u_probabilities.level_number
                    where levels.comparison_name in (
                        {{ quoted_list(session.comparisons | map(attribute='name') | list) }}
                    )
                {%- endif %}
                {% if not loop.last %}union all{% endif %}
            {% endfor %}

        ),

        parameters_0 as {{ materialized_cte() }}(

            select
                session_number,
                comparison_name,
                level_number,
                m_prior as m_probability,
                u_probability

            from session_levels

        ),

        {% for iteration in range(1, iterations + 1) %}
            posteriors_{{ iteration }} as {{ materialized_cte() }}(

                select
                    session_number,
                    pattern_id,
                    1 / (1 + exp(-least(greatest(log_odds, -60), 60))) as match_probability

                from (
                    select
                        observations.session_number,
                        observations.pattern_id,
                        sum(
                            ln(greatest(previous_parameters.m_probability, 1e-12))
                            - ln(greatest(previous_parameters.u_probability, 1e-12))
                        ) as log_odds
                    from observations
                    inner join parameters_{{ iteration - 1 }} as previous_parameters
                        on
                            observations.session_number = previous_parameters.session_number
                            and observations.comparison_name = previous_parameters.comparison_name
                            and observations.level_number = previous_parameters.level_number
                    group by observations.session_number, observations.pattern_id
                ) as scored

            ),

            expected_{{ iteration }} as {{ materialized_cte() }}(

                select
                    observations.session_number,
                    observations.comparison_name,
                    observations.level_number,
                    sum(observations.pair_count * posteriors.match_probability) as expected_matches,
                    sum(observations.pair_count * (1 - posteriors.match_probability))
                        as expected_non_matches,
                    sum(observations.pair_count) as pair_count

                from observations
                inner join posteriors_{{ iteration }} as posteriors
                    on
                        observations.session_number = posteriors.session_number
                        and observations.pattern_id = posteriors.pattern_id
                group by
                    observations.session_number,
                    observations.comparison_name,
                    observations.level_number

            ),

            parameters_{{ iteration }} as {{ materialized_cte() }}(

                select
                    session_levels.session_number,
                    session_levels.comparison_name,
                    session_levels.level_number,
                    case
                        when session_levels.comparison_name = '_prior'
                            then expected.expected_matches / expected.pair_count
                        else
                            (
                                coalesce(expected.expected_matches, 0)
                                + {{ pseudo_pairs }} * session_levels.m_prior
                            )
                            / (
                                sum(coalesce(expected.expected_matches, 0))
                                    over (
                                        partition by
                                            session_levels.session_number,
                                            session_levels.comparison_name
                                    )
                                + {{ pseudo_pairs }}
                            )
                    end as m_probability,
                    case
                        when session_levels.comparison_name = '_prior'
                            then 1 - expected.expected_matches / expected.pair_count
                        else (
                            coalesce(expected.expected_non_matches, 0)
                            + {{ pseudo_pairs }} * session_levels.u_probability
                        )
                        / (
                            sum(coalesce(expected.expected_non_matches, 0))
                                over (
                                    partition by
                                        session_levels.session_number,
                                        session_levels.comparison_name
                                )
                            + {{ pseudo_pairs }}
                        )
                    end as u_probability,
                    expected.expected_matches

                from session_levels
                left join expected_{{ iteration }} as expected
                    on
                        session_levels.session_number = expected.session_number
                        and session_levels.comparison_name = expected.comparison_name
                        and session_levels.level_number = expected.level_number

            ),

        {% endfor %}
        session_matches as (

            select
                session_number,
                expected_matches

            from parameters_{{ iterations }}
            where comparison_name = '_prior' and expected_matches > 0

        ),

        trained_m as (

            select
                session_parameters.comparison_name,
                session_parameters.level_number,
                sum(session_parameters.m_probability * session_matches.expected_matches)
                / sum(session_matches.expected_matches) as m_probability,
                count(*) as training_sessions

            from parameters_{{ iterations }} as session_parameters
            inner join session_matches
                on session_parameters.session_number = session_matches.session_number
            where session_parameters.comparison_name <> '_prior'
            group by session_parameters.comparison_name, session_parameters.level_number

        ),

        comparison_parameters as {{ materialized_cte() }}(

            select
                levels.comparison_name,
                levels.level_number,
                levels.level_label,
                u_probabilities.u_probability,
                coalesce(trained_m.m_probability, levels.m_prior) as m_probability,
                coalesce(trained_m.training_sessions, 0) as training_sessions

            from levels
            inner join u_probabilities
                on
                    levels.comparison_name = u_probabilities.comparison_name
                    and levels.level_number = u_probabilities.level_number
            left join trained_m
                on
                    levels.comparison_name = trained_m.comparison_name
                    and levels.level_number = trained_m.level_number

        ),

        -- The prior: EM over every candidate pair with m and u fixed, then scaled
        -- from candidate pairs to all pairs of records.
        pattern_weights as {{ materialized_cte() }}(

            select
                patterns.pattern_id,
                patterns.pair_count,
                0
                {%- for comparison in config.comparisons %}
                    + coalesce(
                        ln({{ comparison.name }}.m_probability)
                        - ln({{ comparison.name }}.u_probability),
                        0
                    )
                {%- endfor %} as log_bayes_factor

            from
                patterns
            {%- for comparison in config.comparisons %}
                left join comparison_parameters as {{ comparison.name }}
                    on
                        {{ comparison.name }}.comparison_name = '{{ comparison.name }}'
                        and patterns.{{ comparison.name }}_level
                        = {{ comparison.name }}.level_number
            {%- endfor %}

        ),

        record_counts as (

            select
                sum(source_records) as records,
                sum(source_records * source_records) as same_source_square

            from (
                select
                    source_system,
                    count(*) as source_records
                from {{ ref('int_profiles_normalized') }}
                group by source_system
            ) as per_source

        ),

        -- every pair the link type allows; pairs that no blocking rule produced
        -- count as non-matches in the EM below
        comparable_pairs as (

            select
                {% if config.link_type == 'link_only' -%}
                    (records * records - same_source_square) / 2.0
                {%- else -%}
                    records * (records - 1) / 2.0
                {%- endif %} as pair_count

            from record_counts

        ),

        prior_0 as {{ materialized_cte() }}(

            -- start from the most the candidates allow: every candidate a match
            select
                least(
                    (select sum(patterns.pair_count) from patterns) / comparable_pairs.pair_count,
                    0.5
                ) as match_rate
            from comparable_pairs

        ),

        {% for iteration in range(1, prior_iterations + 1) %}
            prior_{{ iteration }} as {{ materialized_cte() }}(

                -- kept inside (0, 1): a tiny set whose every pair matches
                -- would otherwise reach 1 and take ln(0)
                select
                    least(greatest(sum(
                        pattern_weights.pair_count
                        / (1 + exp(-least(greatest(
                            pattern_weights.log_bayes_factor
                            + ln(previous_rate.match_rate)
                            - ln(1 - previous_rate.match_rate), -60
                        ), 60)))
                    ) / max(comparable_pairs.pair_count), 1e-12), 1 - 1e-6) as match_rate

                from pattern_weights
                cross join prior_{{ iteration - 1 }} as previous_rate
                cross join comparable_pairs

            ),

        {% endfor %}
        random_pair_prior as (

            select greatest(match_rate, 1e-12) as match_probability
            from prior_{{ prior_iterations }}

        ),

        final as (

            select
                comparison_name,
                level_number,
                level_label,
                m_probability,
                u_probability,
                (ln(m_probability) / ln(2)) - (ln(u_probability) / ln(2)) as match_weight,
                training_sessions,
                false as is_pinned,
                {{ dbt.current_timestamp() }} as trained_at

            from comparison_parameters

            union all

            select
                '_prior' as comparison_name,
                1 as level_number,
                'prior' as level_label,
                match_probability as m_probability,
                1 - match_probability as u_probability,
                (ln(match_probability) / ln(2))
                - (ln(1 - match_probability) / ln(2)) as match_weight,
                {{ sessions | length }} as training_sessions,
                false as is_pinned,
                {{ dbt.current_timestamp() }} as trained_at

            from random_pair_prior

        )

    {% endif %}
    select * from final

{% endif %}
{%- endcall %}
