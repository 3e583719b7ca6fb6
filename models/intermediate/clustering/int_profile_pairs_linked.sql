{#- The matched pairs (decision = match) that clustering may join, after the
    over-linking guards; a pair the guards cut carries its cut_reason and
    goes to the review queue instead:
    - cannot_link: a component holding two records that cannot be one
      person (a pair not matched itself that meets a clustering.cannot_link
      condition, such as two different birth dates) is split: its pairs below the first
      probability of clustering.split_match_probabilities are dropped and
      components are found again; a part still holding such a pair drops
      the pairs below the next probability, and so on. Parts that a dropped
      pair joins are joined again when no cannot-link pair runs between
      them and the group they form holds none. Of the dropped pairs, those
      whose two records end up apart are cut.
    - oversized_cluster: in a component still larger than
      clustering.max_cluster_size, any pair below the last of those
      probabilities.
    Pairs that meet a deterministic rule are never cut. -#}
{%- set config = identity_resolution_config() -%}
{%- set clustering = config.clustering -%}
{%- set rungs = clustering.get('split_match_probabilities', [0.99, 0.999, 0.9999, 0.99999]) -%}
{%- set cannot_link = clustering.get('cannot_link', [])
    | map(attribute='condition') | list or ['1 = 0'] -%}
{%- set cannot_link_sql = '(' ~ (cannot_link | join(') or (')) ~ ')' -%}
{%- set max_cluster_size = clustering.get('max_cluster_size', 50) -%}
with

matches as (

    select * from {{ ref('int_profile_pairs_scored') }}
    where decision = 'match'

),

edges_0 as {{ materialized_cte() }}(

    select
        profile_record_id_l as node_id_l,
        profile_record_id_r as node_id_r,
        match_weight,
        deterministic_rule is not null as is_deterministic

    from matches

),

components_0 as {{ materialized_cte() }}(

    {{ connected_components(none, 'edges_0') }}

),

-- pairs of records that cannot be one person, whatever links them
cannot_link_pairs as {{ materialized_cte() }}(

    select
        profile_record_id_l as node_id_l,
        profile_record_id_r as node_id_r

    from {{ ref('int_profile_pairs_scored') }}
    where
        decision <> 'match'
        and {{ cannot_link_sql }}

),

{%- for rung in rungs %}
    {%- set previous = loop.index0 %}
    {%- set current = loop.index %}

    -- rung {{ current }}: the components holding a cannot-link pair drop their
    -- pairs below {{ rung }} and are split into components again
    conflicted_{{ previous }} as {{ materialized_cte() }}(

        select distinct components_l.component_id

        from cannot_link_pairs
        inner join components_{{ previous }} as components_l
            on cannot_link_pairs.node_id_l = components_l.node_id
        inner join components_{{ previous }} as components_r
            on
                cannot_link_pairs.node_id_r = components_r.node_id
                and components_l.component_id = components_r.component_id

    ),

    split_nodes_{{ current }} as {{ materialized_cte() }}(

        select components.node_id

        from components_{{ previous }} as components
        inner join conflicted_{{ previous }} as conflicted
            on components.component_id = conflicted.component_id

    ),

    split_edges_{{ current }} as {{ materialized_cte() }}(

        select
            edges.node_id_l,
            edges.node_id_r

        from edges_0 as edges
        inner join split_nodes_{{ current }} as split_nodes
            on edges.node_id_l = split_nodes.node_id
        inner join components_{{ previous }} as components_l
            on edges.node_id_l = components_l.node_id
        inner join components_{{ previous }} as components_r
            on
                edges.node_id_r = components_r.node_id
                and components_l.component_id = components_r.component_id
        where
            edges.is_deterministic
            or edges.match_weight >= {{ probability_to_weight(rung) }}

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

-- The ladder drops every weak match of a conflicted component, also those
-- far from the conflict. Parts joined by a dropped match are joined again
-- when no cannot-link pair runs between them and the group they form holds
-- none either.
parts as (

    select * from components_{{ last }}

),

conflicting_parts as {{ materialized_cte() }}(

    select distinct
        least(parts_l.component_id, parts_r.component_id) as part_id_l,
        greatest(parts_l.component_id, parts_r.component_id) as part_id_r

    from cannot_link_pairs
    inner join parts as parts_l
        on cannot_link_pairs.node_id_l = parts_l.node_id
    inner join parts as parts_r
        on cannot_link_pairs.node_id_r = parts_r.node_id
    where parts_l.component_id <> parts_r.component_id

),

rejoin_edges as {{ materialized_cte() }}(

    select distinct
        least(parts_l.component_id, parts_r.component_id) as node_id_l,
        greatest(parts_l.component_id, parts_r.component_id) as node_id_r

    from edges_0 as edges
    inner join parts as parts_l
        on edges.node_id_l = parts_l.node_id
    inner join parts as parts_r
        on edges.node_id_r = parts_r.node_id
    left join conflicting_parts
        on
            least(parts_l.component_id, parts_r.component_id) = conflicting_parts.part_id_l
            and greatest(parts_l.component_id, parts_r.component_id) = conflicting_parts.part_id_r
    where
        parts_l.component_id <> parts_r.component_id
        and conflicting_parts.part_id_l is null

),

rejoined as {{ materialized_cte() }}(

    {{ connected_components(none, 'rejoin_edges') }}

),

conflicted_groups as (

    select distinct groups_l.component_id

    from conflicting_parts
    inner join rejoined as groups_l
        on conflicting_parts.part_id_l = groups_l.node_id
    inner join rejoined as groups_r
        on
            conflicting_parts.part_id_r = groups_r.node_id
            and groups_l.component_id = groups_r.component_id

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
        sizes_l.component_size,
        case
            when matches.deterministic_rule is not null then null
            when sizes_l.component_id <> sizes_r.component_id then 'cannot_link'
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

)

select * from final
