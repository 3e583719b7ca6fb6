{#- The person records of path-declared identity sources that keep the
    contract: the latest version of each record id per source (by updated_at,
    then the later file and row). -#}
-- depends_on: {{ ref('privacy_erased_records') }}
with

valid as (

    select * from {{ ref('base_lake__profile_files') }}
    where _quarantine_reason is null

),

erased as (

    -- the records a right-to-erasure request removes (docs/privacy.md)
    select valid.profile_record_id from valid
    where {{ erased_profile_condition(model.name, 'valid') }}

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
    where profile_record_id not in (select erased.profile_record_id from erased)

)

select * from final
