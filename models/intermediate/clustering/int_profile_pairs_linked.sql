{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook=["{{ stage_relinked_records() }}", "{{ delete_relinked_pairs() }}"],
    post_hook=["{{ drop_work_table('relinked') }}", "{{ drop_staged_ctes() }}"],
) }}
{#- The matched pairs (decision = match) that clustering may join, after the
    over-linking guards; a pair the guards cut carries its cut_reason and
    goes to the review queue instead:
    - cannot_link: a component holding two records that cannot be one
      person (a pair that meets a clustering.cannot_link condition, such as
      two different birth dates, matched or not, unless a deterministic rule
      or a reviewer matched it) is split: its pairs below the first
      probability of clustering.split_match_probabilities are dropped and
      components are found again; a part still holding such a pair drops
      the pairs below the next probability, and so on. Parts that a dropped
      pair joins are joined again when no cannot-link pair runs between
      them and the group they form holds none. Of the dropped pairs, those
      whose two records end up apart are cut.
    - oversized_cluster: in a component still larger than
      clustering.max_cluster_size, any pair below the last of those
      probabilities.
    Pairs that meet a deterministic rule are never cut by these guards.
    Reviewer decisions (int_match_decisions) come first: a pair decided
    `match` is linked whatever its score and never cut; a pair decided
    `non_match` is never linked and is a cannot-link pair. Where a reviewer's
    non_match pair is still in one component after the last rung, the one of
    its two records with fewer matches is taken out: it keeps only the
    reviewer's matches (a reviewer's match path between the two is the one
    thing that can hold them together). So the decision holds against
    deterministic rules too; the pairs it cuts have cut_reason
    reviewer_non_match.
    Incremental: the guards work within a component of the matches
    (match_component_id), so a run links again only the components holding
    a record that is new, changed or gone, or a reviewer decision
    (stage_relinked_records); the others keep their rows. -#}
{%- set config = identity_resolution_config() -%}
{%- set clustering = config.clustering -%}
{%- set rungs = clustering.get('split_match_probabilities', [0.99, 0.999, 0.9999, 0.99999]) -%}
{%- set cannot_link = clustering.get('cannot_link', [])
    | map(attribute='condition') | list or ['1 = 0'] -%}
{%- set cannot_link_sql = '((' ~ (cannot_link | join(') or (')) ~ '))' -%}
{%- set max_cluster_size = clustering.get('max_cluster_size', 50) -%}
{#- The scored pairs are read twice (the matches, the cannot-link pairs),
    each filtered as it is read: DuckDB materializes a CTE that two others
    read, so one CTE of them held both sets with every column (tens of
    millions of rows at 5M records). -#}
{%- set relinked_only -%}
    {%- if is_incremental() %}
    and profile_record_id_l in (select profile_record_id from {{ work_table('relinked') }})
    {%- endif %}
{%- endset -%}
{% call staged_ctes() -%}
with

-- decisions on records this build holds (a decision naming an unknown record
-- is reported by int_match_decisions' tests and left aside)
decisions as (

    select decisions.*

    from {{ ref('int_match_decisions') }} as decisions
    inner join {{ ref('int_profiles_normalized') }} as profiles_l
        on decisions.profile_record_id_l = profiles_l.profile_record_id
    inner join {{ ref('int_profiles_normalized') }} as profiles_r
        on decisions.profile_record_id_r = profiles_r.profile_record_id
    {%- if is_incremental() %}
    where
        decisions.profile_record_id_l in (
            select profile_record_id from {{ work_table('relinked') }}
        )
    {%- endif %}

),

-- the explanation is built here, for the matches only (pair_explanation)
scored_matches as (

    select
        *,
        {{ pair_explanation(config.comparisons) }} as explanation

    from {{ ref('int_profile_pairs_scored') }}
    where
        decision = 'match'
        {{- relinked_only }}

),

reviewer_matches as (

    select * from decisions
    where decision = 'match'

),

-- the scored matches no reviewer rejected, and the pairs reviewers matched
matches as {{ materialized_cte() }}(

    select
        scored_matches.match_weight,
        scored_matches.match_probability,
        scored_matches.deterministic_rule,
        scored_matches.explanation,
        reviewer_matches.decision as reviewer_decision,
        coalesce(
            scored_matches.profile_record_id_l, reviewer_matches.profile_record_id_l
        ) as profile_record_id_l,
        coalesce(
            scored_matches.profile_record_id_r, reviewer_matches.profile_record_id_r
        ) as profile_record_id_r,
        reviewer_matches.decision is not null as is_reviewer_match

    from scored_matches
    full outer join reviewer_matches
        on
            scored_matches.profile_record_id_l = reviewer_matches.profile_record_id_l
            and scored_matches.profile_record_id_r = reviewer_matches.profile_record_id_r
    left join decisions as rejections
        on
            coalesce(scored_matches.profile_record_id_l, reviewer_matches.profile_record_id_l)
            = rejections.profile_record_id_l
            and coalesce(
                scored_matches.profile_record_id_r, reviewer_matches.profile_record_id_r
            ) = rejections.profile_record_id_r
            and rejections.decision = 'non_match'
    where rejections.profile_record_id_l is null

),

edges_0 as {{ materialized_cte() }}(

    select
        profile_record_id_l as node_id_l,
        profile_record_id_r as node_id_r,
        match_weight,
        is_reviewer_match,
        deterministic_rule is not null or is_reviewer_match as is_deterministic

    from matches

),

reviewer_non_matches as (

    select
        profile_record_id_l as node_id_l,
        profile_record_id_r as node_id_r

    from decisions
    where decision = 'non_match'

),

node_degrees as (

    select
        node_id,
        count(*) as degree

    from (
        select node_id_l as node_id from edges_0
        union all
        select node_id_r as node_id from edges_0
    ) as edge_ends
    group by node_id

),

components_0 as {{ materialized_cte() }}(

    {{ connected_components(none, 'edges_0') }}

),

-- the scored pairs meeting a cannot_link condition, matched or not, that
-- no deterministic rule matched
scored_cannot_link as (

    select
        profile_record_id_l,
        profile_record_id_r

    from {{ ref('int_profile_pairs_scored') }}
    where
        {{ cannot_link_sql }}
        and deterministic_rule is null
        {{- relinked_only }}

),

-- pairs of records that cannot be one person, whatever else links them:
-- those above unless a reviewer matched them, and reviewers' non-matches
cannot_link_candidates as (

    select
        scored_cannot_link.profile_record_id_l as node_id_l,
        scored_cannot_link.profile_record_id_r as node_id_r

    from scored_cannot_link
    left join reviewer_matches
        on
            scored_cannot_link.profile_record_id_l = reviewer_matches.profile_record_id_l
            and scored_cannot_link.profile_record_id_r = reviewer_matches.profile_record_id_r
    where reviewer_matches.profile_record_id_l is null
    union all
    select * from reviewer_non_matches

),

-- only those inside one component of the matches: every component below is
-- part of one of these, and the other pairs (most of them, tens of millions
-- at millions of records) can split none
cannot_link_ends as (

    {{ pair_components('cannot_link_candidates', 'components_0') }}

),

cannot_link_pairs as {{ materialized_cte() }}(

    select distinct
        node_id_l,
        node_id_r

    from cannot_link_ends
    where component_id_l = component_id_r

),

{%- for rung in rungs %}
    {%- set previous = loop.index0 %}
    {%- set current = loop.index %}

    -- rung {{ current }}: the components holding a cannot-link pair drop their
    -- pairs below {{ rung }} and are split into components again
    conflicted_ends_{{ previous }} as (

        {{ pair_components('cannot_link_pairs', 'components_' ~ previous) }}

    ),

    conflicted_{{ previous }} as {{ materialized_cte() }}(

        select distinct component_id_l as component_id

        from conflicted_ends_{{ previous }}
        where component_id_l = component_id_r

    ),

    split_nodes_{{ current }} as {{ materialized_cte() }}(

        select components.node_id

        from components_{{ previous }} as components
        inner join conflicted_{{ previous }} as conflicted
            on components.component_id = conflicted.component_id

    ),

    split_candidates_{{ current }} as (

        select
            edges.node_id_l,
            edges.node_id_r

        from edges_0 as edges
        inner join split_nodes_{{ current }} as split_nodes
            on edges.node_id_l = split_nodes.node_id
        where
            edges.is_deterministic
            or edges.match_weight >= {{ probability_to_weight(rung) }}

    ),

    split_ends_{{ current }} as (

        {{ pair_components('split_candidates_' ~ current, 'components_' ~ previous) }}

    ),

    split_edges_{{ current }} as {{ materialized_cte() }}(

        select
            node_id_l,
            node_id_r

        from split_ends_{{ current }}
        where component_id_l = component_id_r

    ),

    split_components_{{ current }} as {{ materialized_cte() }}(

        {{ connected_components('split_nodes_' ~ current, 'split_edges_' ~ current) }}

    ),

    components_{{ current }} as {{ materialized_cte() }}(

        select
            components.node_id,
            coalesce(split.component_id, components.component_id) as component_id

        from components_{{ previous }} as components
        left join split_components_{{ current }} as split
            on components.node_id = split.node_id

    ),
{%- endfor %}

{%- set last = rungs | length %}

-- a reviewer's non_match still inside one component takes the record with
-- fewer matches out of it: that record keeps only the reviewer's matches
reviewer_non_match_ends as (

    {{ pair_components('reviewer_non_matches', 'components_' ~ last) }}

),

reviewer_cut_nodes as {{ materialized_cte() }}(

    select distinct
        case
            when degrees_l.degree < degrees_r.degree then ends.node_id_l
            else ends.node_id_r
        end as node_id

    from reviewer_non_match_ends as ends
    inner join node_degrees as degrees_l
        on ends.node_id_l = degrees_l.node_id
    inner join node_degrees as degrees_r
        on ends.node_id_r = degrees_r.node_id
    where ends.component_id_l = ends.component_id_r

),

reviewer_split_nodes as {{ materialized_cte() }}(

    select distinct components.node_id

    from reviewer_cut_nodes
    inner join components_{{ last }} as cut_components
        on reviewer_cut_nodes.node_id = cut_components.node_id
    inner join components_{{ last }} as components
        on cut_components.component_id = components.component_id

),

reviewer_split_candidates as (

    select
        edges.node_id_l,
        edges.node_id_r

    from edges_0 as edges
    inner join reviewer_split_nodes
        on edges.node_id_l = reviewer_split_nodes.node_id
    left join reviewer_cut_nodes as cut_l
        on edges.node_id_l = cut_l.node_id
    left join reviewer_cut_nodes as cut_r
        on edges.node_id_r = cut_r.node_id
    where
        edges.is_reviewer_match
        or (cut_l.node_id is null and cut_r.node_id is null)

),

reviewer_split_ends as (

    {{ pair_components('reviewer_split_candidates', 'components_' ~ last) }}

),

reviewer_split_edges as {{ materialized_cte() }}(

    select
        node_id_l,
        node_id_r

    from reviewer_split_ends
    where component_id_l = component_id_r

),

reviewer_split_components as {{ materialized_cte() }}(

    {{ connected_components('reviewer_split_nodes', 'reviewer_split_edges') }}

),

-- The ladder drops every weak match of a conflicted component, also those
-- far from the conflict. Parts joined by a dropped match are joined again
-- when no cannot-link pair runs between them and the group they form holds
-- none either.
parts as {{ materialized_cte() }}(

    select
        components.node_id,
        coalesce(split.component_id, components.component_id) as component_id

    from components_{{ last }} as components
    left join reviewer_split_components as split
        on components.node_id = split.node_id

),

cannot_link_part_ends as (

    {{ pair_components('cannot_link_pairs', 'parts') }}

),

-- pairs of parts (nodes of the graph of parts) a cannot-link pair runs between
conflicting_parts as {{ materialized_cte() }}(

    select distinct
        least(component_id_l, component_id_r) as node_id_l,
        greatest(component_id_l, component_id_r) as node_id_r

    from cannot_link_part_ends
    where component_id_l <> component_id_r

),

match_part_ends as (

    {{ pair_components('edges_0', 'parts') }}

),

rejoin_edges as {{ materialized_cte() }}(

    select distinct
        least(ends.component_id_l, ends.component_id_r) as node_id_l,
        greatest(ends.component_id_l, ends.component_id_r) as node_id_r

    from match_part_ends as ends
    left join conflicting_parts
        on
            least(ends.component_id_l, ends.component_id_r) = conflicting_parts.node_id_l
            and greatest(ends.component_id_l, ends.component_id_r) = conflicting_parts.node_id_r
    where
        ends.component_id_l <> ends.component_id_r
        and conflicting_parts.node_id_l is null

),

rejoined as {{ materialized_cte() }}(

    {{ connected_components(none, 'rejoin_edges') }}

),

conflicting_part_groups as (

    {{ pair_components('conflicting_parts', 'rejoined') }}

),

conflicted_groups as (

    select distinct component_id_l as component_id

    from conflicting_part_groups
    where component_id_l = component_id_r

),

final_components as (

    select
        parts.node_id,
        case
            when conflicted_groups.component_id is null
                then coalesce(rejoined.component_id, parts.component_id)
            else parts.component_id
        end as component_id

    from parts
    left join rejoined
        on parts.component_id = rejoined.node_id
    left join conflicted_groups
        on rejoined.component_id = conflicted_groups.component_id

),

component_sizes as (

    select
        node_id,
        component_id,
        count(*) over (partition by component_id) as component_size

    from final_components

),

final as (

    select
        matches.profile_record_id_l,
        matches.profile_record_id_r,
        matches.match_weight,
        matches.match_probability,
        matches.deterministic_rule,
        matches.explanation,
        matches.reviewer_decision,
        sizes_l.component_size,
        match_components.component_id as match_component_id,
        {{ normalized_sequence() }} as normalized_sequence,
        {{ run_timestamp(precise=true) }} as linked_at,
        case
            when matches.is_reviewer_match then null
            when sizes_l.component_id <> sizes_r.component_id
                then
                    case
                        when matches.deterministic_rule is null then 'cannot_link'
                        else 'reviewer_non_match'
                    end
            when matches.deterministic_rule is not null then null
            when
                sizes_l.component_size > {{ max_cluster_size }}
                and matches.match_weight < {{ probability_to_weight(rungs | last) }}
                then 'oversized_cluster'
        end as cut_reason

    from matches
    inner join component_sizes as sizes_l
        on matches.profile_record_id_l = sizes_l.node_id
    inner join component_sizes as sizes_r
        on matches.profile_record_id_r = sizes_r.node_id
    inner join components_0 as match_components
        on matches.profile_record_id_l = match_components.node_id

)

select * from final
{%- endcall %}
