{{ config(materialized='view') }}
{#- Every staged person record of every identity source in one shape, as the
    source wrote it: the standard attributes, email_1..n, phone_1..n and the
    custom attributes, mapped by var identity_resolution (sources). Sources
    declared by relation are mapped here; sources declared by path were
    mapped and checked by stg_lake__profile_files. A view: nothing is
    written; int_profiles_normalized reads only the rows staged since it
    last ran (source_load_sequence, the staging model's _load_sequence;
    null for path sources, read whole) and normalizes those whose
    record_hash, the row's fingerprint, is new, so only the records that
    are new or changed are normalized and matched again. -#}
{%- set config = identity_resolution_config() -%}
{%- set relation_sources = config.sources | selectattr('relation', 'defined') | list -%}
{%- set path_sources = config.sources | selectattr('path', 'defined') | list -%}
{#- the relations that stamp the rows each run writes with a rising
    _load_sequence (their yml's meta incremental_stamp) -#}
{%- set sequenced_relations = [] -%}
{%- if execute -%}
    {%- for source in relation_sources -%}
        {%- set node = graph.nodes.get('model.customer_360.' ~ source.relation) -%}
        {%- if node is not none
            and node.config.meta.get('incremental_stamp') == '_load_sequence' -%}
            {%- do sequenced_relations.append(source.relation) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif -%}
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
            {%- endif %} as updated_at,
            {% if source.relation in sequenced_relations -%}
                source_rows._load_sequence
            {%- else -%}
                cast(null as {{ dbt.type_bigint() }})
            {%- endif %} as source_load_sequence

        from {{ ref(source.relation) }} as source_rows

    ),

{% endfor %}
{% if path_sources %}
    lake_files as (

        select
            source_system,
            source_record_id,
            {{ attribute_column_names() | join(',\n            ') }},
            updated_at,
            cast(null as {{ dbt.type_bigint() }}) as source_load_sequence

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
