{#- Every row of the person files that identity_resolution sources declare by
    path (a dataset dropped in the lake, such as FEBRL), mapped onto the
    standard attributes as text, with its file, row and the contract
    violations that send it to quarantine: a missing record id, an
    unparseable updated_at. -#}
{%- set config = identity_resolution_config() -%}
{%- set path_sources = config.sources | selectattr('path', 'defined') | list -%}
{%- set layout = identity_attributes() -%}
with

{% for source in path_sources %}
    source_{{ loop.index }} as (

        select
            source._file_name,
            row_number() over (partition by source._file_name) as _row_in_file,
            {{ row_to_json('source') }} as _raw_record,
            '{{ source.name }}' as source_system,
            {{ mapped_value(source.id, 'source') }} as source_record_id,
            {{ mapped_value(source.get('updated_at'), 'source') }} as updated_at_raw,
            {{- mapped_attribute_columns(source, 'source') }}
            {{ parse_timestamp_utc(mapped_value(source.get('updated_at'), 'source')) }}
                as updated_at

        from {{ read_lake_file(source.path, source.get('format', 'parquet')) }} as source

    ),

{% endfor %}
empty as (

    select
        cast(null as {{ dbt.type_string() }}) as _file_name,
        cast(null as {{ dbt.type_bigint() }}) as _row_in_file,
        cast(null as {{ dbt.type_string() }}) as _raw_record,
        cast(null as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as source_record_id,
        cast(null as {{ dbt.type_string() }}) as updated_at_raw,
        {%- for name in layout.scalar %}
            cast(null as {{ dbt.type_string() }}) as {{ name }},
        {%- endfor %}
        {%- for index in range(layout.max_emails) %}
            cast(null as {{ dbt.type_string() }}) as email_{{ index + 1 }},
        {%- endfor %}
        {%- for index in range(layout.max_phones) %}
            cast(null as {{ dbt.type_string() }}) as phone_{{ index + 1 }},
        {%- endfor %}
        {%- for name in layout.custom %}
        cast(null as {{ dbt.type_string() }}) as {{ name }},
        {%- endfor %}
        cast(null as {{ dbt.type_timestamp() }}) as updated_at

    where 1 = 0

),

unioned as (

    select * from empty
    {%- for source in path_sources %}
    union all
    select * from source_{{ loop.index }}
    {%- endfor %}

),

checked as (

    select
        *,
        {{ dbt.concat(['source_system', "':'", 'source_record_id']) }} as profile_record_id,
        {{ quarantine_reason([
            missing_value_check('source_record_id', 'record id', 'key'),
            invalid_value_check('updated_at_raw', 'updated_at', 'updated_at'),
        ]) }} as _quarantine_reason

    from unioned

)

select * from checked
