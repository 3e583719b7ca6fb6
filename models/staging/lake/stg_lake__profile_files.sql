{#- The person records of path-declared identity sources that keep the
    contract: the latest version of each record id per source (by updated_at,
    then the later file and row). -#}
with

valid as (

    select * from {{ ref('base_lake__profile_files') }}
    where _quarantine_reason is null

),

latest as (

    {{ deduplicate(
        'valid',
        'profile_record_id',
        'updated_at desc nulls last, _file_name desc, _row_in_file desc',
    ) }}

),

final as (

    select
        profile_record_id,
        source_system,
        source_record_id,
        updated_at,
        {{ attribute_column_names() | join(',\n        ') }},
        _file_name,
        _row_in_file

    from latest

)

select * from final
