{#- Reviewer decisions in force: one row per pair of profile records (ordered
    ids), the latest decision of the seed match_decisions and of the CSV
    files under <lake_root>/review/match_decisions/ (same columns).
    int_profile_pairs_linked applies them: a match links the pair whatever
    its score, a non_match keeps the two records apart. -#}
{%- set decision_files = 'review/match_decisions/*.csv' -%}
with

seeded as (

    select
        source_system_l,
        source_record_id_l,
        source_system_r,
        source_record_id_r,
        decision,
        decided_by,
        decided_at,
        note,
        'seed match_decisions' as decision_source

    from {{ ref('match_decisions') }}

),

{% if lake_files_exist(decision_files) %}

    filed as (

        select
            source_system_l,
            source_record_id_l,
            source_system_r,
            source_record_id_r,
            decision,
            decided_by,
            {{ dbt.cast('decided_at', dbt.type_timestamp()) }} as decided_at,
            note,
            _file_name as decision_source

        from {{ read_lake_file(decision_files, 'csv') }}

    ),

{% else %}

    filed as (

        select * from seeded
        where 1 = 0

    ),

{% endif %}

decisions as (

    select * from seeded
    union all
    select * from filed

),

paired as (

    select
        {{ dbt.concat(['source_system_l', "':'", 'source_record_id_l']) }} as record_id_a,
        {{ dbt.concat(['source_system_r', "':'", 'source_record_id_r']) }} as record_id_b,
        lower(trim(decision)) as decision,
        decided_by,
        decided_at,
        note,
        decision_source

    from decisions

),

ordered as (

    select
        decision,
        decided_by,
        decided_at,
        note,
        decision_source,
        least(record_id_a, record_id_b) as profile_record_id_l,
        greatest(record_id_a, record_id_b) as profile_record_id_r,
        row_number() over (
            partition by least(record_id_a, record_id_b), greatest(record_id_a, record_id_b)
            order by decided_at desc, decision_source desc
        ) as decision_rank

    from paired
    where record_id_a <> record_id_b

),

final as (

    select
        profile_record_id_l,
        profile_record_id_r,
        decision,
        decided_by,
        decided_at,
        note,
        decision_source

    from ordered
    where decision_rank = 1

)

select * from final
