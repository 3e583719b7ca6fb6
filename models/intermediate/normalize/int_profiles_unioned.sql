{#- Every staged person record of every identity source in one shape, as the
    source wrote it: the standard attributes, email_1..n, phone_1..n and the
    custom attributes, mapped by var identity_resolution (sources). Sources
    declared by relation are mapped here; sources declared by path were
    mapped and checked by stg_lake__profile_files. record_hash fingerprints
    the row, so that an incremental run normalizes and matches again only
    the records that are new or changed. -#}
{%- set config = identity_resolution_config() -%}
{%- set relation_sources = config.sources | selectattr('relation', 'defined') | list -%}
{%- set path_sources = config.sources | selectattr('path', 'defined') | list -%}
{%- set hashed_columns = [] -%}
{%- set fingerprinted = ['source_system', 'source_record_id'] + attribute_column_names() -%}
{%- for column in fingerprinted + ['updated_at'] -%}
    {%- do hashed_columns.append(
        "coalesce(" ~ dbt.cast(column, dbt.type_string()) ~ ", '~')") -%}
    {%- do hashed_columns.append("'|'") -%}
{%- endfor -%}
with

{% for source in relation_sources %}
    source_{{ loop.index }} as (

        select
            '{{ source.name }}' as source_system,
            {{ mapped_value(source.id, 'source_rows') }} as source_record_id,
            {{- mapped_attribute_columns(source, 'source_rows') }}
            {% if source.get('updated_at') -%}
                cast(source_rows.{{ source.updated_at }} as {{ dbt.type_timestamp() }})
            {%- else -%}
                cast(null as {{ dbt.type_timestamp() }})
            {%- endif %} as updated_at

        from {{ ref(source.relation) }} as source_rows

    ),

{% endfor %}
{% if path_sources %}
    lake_files as (

        select
            source_system,
            source_record_id,
            {{ attribute_column_names() | join(',\n            ') }},
            updated_at

        from {{ ref('stg_lake__profile_files') }}

    ),

{% endif %}
unioned as (

    {% for source in relation_sources %}
        select * from source_{{ loop.index }}
        {% if not loop.last or path_sources %}union all{% endif %}
    {% endfor %}
    {% if path_sources %}
        select * from lake_files
    {% endif %}

),

final as (

    select
        *,
        {{ dbt.concat(['source_system', "':'", 'source_record_id']) }} as profile_record_id,
        {{ dbt.hash(dbt.concat(hashed_columns)) }} as record_hash

    from unioned

)

select * from final
