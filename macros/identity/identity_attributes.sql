{#- The attribute layout every source is mapped into: the standard scalar
    attributes, how many email and phone columns the widest source has, and
    the custom attributes any source declares. -#}
{% macro identity_attributes() -%}
    {%- set config = identity_resolution_config() -%}
    {%- set max_emails, max_phones, custom = [1], [1], [] -%}
    {%- for source in config.sources -%}
        {%- set attributes = source.get('attributes', {}) -%}
        {%- do max_emails.append(attribute_columns(attributes, 'emails') | length) -%}
        {%- do max_phones.append(attribute_columns(attributes, 'phones') | length) -%}
        {%- for name in source.get('custom_attributes', {}) -%}
            {%- if name not in custom -%}{%- do custom.append(name) -%}{%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return({
        'scalar': ['first_name', 'middle_name', 'last_name', 'full_name', 'birth_date', 'street',
                   'unit', 'address', 'city', 'state', 'postal_code', 'country',
                   'account_number', 'gender'],
        'max_emails': max_emails | max,
        'max_phones': max_phones | max,
        'custom': custom,
    }) }}
{%- endmacro %}

{#- The columns a source maps to a list attribute (emails / phones; the
    singular email / phone is accepted too), as a list. -#}
{% macro attribute_columns(attributes, name) -%}
    {%- set value = attributes.get(name, attributes.get(name[:-1])) -%}
    {%- if value is none -%}{{ return([]) }}
    {%- elif value is string or value is mapping -%}{{ return([value]) }}
    {%- else -%}{{ return(value | list) }}{%- endif -%}
{%- endmacro %}

{#- The SQL of one mapped value: a column name, or {sql: <expression>}, cast
    to text; a typed null when unmapped. -#}
{% macro mapped_value(value, alias) -%}
    {%- if value is none -%}
        cast(null as {{ dbt.type_string() }})
    {%- elif value is mapping -%}
        cast(({{ value.sql }}) as {{ dbt.type_string() }})
    {%- else -%}
        cast({{ alias }}.{{ value }} as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}

{#- The select list mapping one source's columns (relation alias) onto the
    attribute layout: every scalar attribute, email_1..n, phone_1..n and
    every custom attribute, as text. -#}
{% macro mapped_attribute_columns(source, alias) -%}
    {%- set layout = identity_attributes() -%}
    {%- set attributes = source.get('attributes', {}) -%}
    {%- set custom = source.get('custom_attributes', {}) -%}
    {%- set emails = attribute_columns(attributes, 'emails') -%}
    {%- set phones = attribute_columns(attributes, 'phones') -%}
    {%- for name in layout.scalar %}
    {{ mapped_value(attributes.get(name), alias) }} as {{ name }},
    {%- endfor %}
    {%- for index in range(layout.max_emails) %}
    {{ mapped_value(emails[index] if index < emails | length else none, alias) }} as email_{{ index + 1 }},
    {%- endfor %}
    {%- for index in range(layout.max_phones) %}
    {{ mapped_value(phones[index] if index < phones | length else none, alias) }} as phone_{{ index + 1 }},
    {%- endfor %}
    {%- for name in layout.custom %}
    {{ mapped_value(custom.get(name), alias) }} as {{ name }},
    {%- endfor %}
{%- endmacro %}

{#- The names of the attribute layout's columns in order: the scalar
    attributes, email_1..n, phone_1..n, the custom attributes. -#}
{% macro attribute_column_names() -%}
    {%- set layout = identity_attributes() -%}
    {%- set names = [] -%}
    {%- do names.extend(layout.scalar) -%}
    {%- for index in range(layout.max_emails) %}{% do names.append('email_' ~ (index + 1)) %}{% endfor -%}
    {%- for index in range(layout.max_phones) %}{% do names.append('phone_' ~ (index + 1)) %}{% endfor -%}
    {%- do names.extend(layout.custom) -%}
    {{ return(names) }}
{%- endmacro %}
