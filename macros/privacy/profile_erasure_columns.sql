{#- How to find a person record in a staging relation of an identity source
    (or its base relation: same columns): the SQL of its profile_record_id
    (as int_profiles_unioned builds it) and its email and phone columns, by
    var identity_resolution (sources). relation_name: the stg_ model named
    as a source's relation, or stg_lake__profile_files (path sources,
    already in the unioned layout); alias: the relation's alias in the
    calling query. None for any other relation. -#}
{% macro profile_erasure_columns(relation_name, alias) -%}
    {%- set layout = identity_attributes() -%}
    {%- if relation_name == 'stg_lake__profile_files' -%}
        {%- set emails, phones = [], [] -%}
        {%- for index in range(layout.max_emails) -%}
            {%- do emails.append(alias ~ '.email_' ~ (index + 1)) -%}
        {%- endfor -%}
        {%- for index in range(layout.max_phones) -%}
            {%- do phones.append(alias ~ '.phone_' ~ (index + 1)) -%}
        {%- endfor -%}
        {{ return({'record_id': alias ~ '.profile_record_id', 'emails': emails, 'phones': phones}) }}
    {%- endif -%}
    {%- for source in identity_resolution_config().sources
        if source.get('relation') == relation_name -%}
        {%- set attributes = source.get('attributes', {}) -%}
        {%- set emails, phones = [], [] -%}
        {%- for value in attribute_columns(attributes, 'emails') -%}
            {%- do emails.append(mapped_value(value, alias)) -%}
        {%- endfor -%}
        {%- for value in attribute_columns(attributes, 'phones') -%}
            {%- do phones.append(mapped_value(value, alias)) -%}
        {%- endfor -%}
        {{ return({
            'record_id': dbt.concat(["'" ~ source.name ~ "'", "':'", mapped_value(source.id, alias)]),
            'emails': emails,
            'phones': phones,
        }) }}
    {%- endfor -%}
    {{ return(none) }}
{%- endmacro %}
