{#- The SQL of a blocking rule's key: its key expressions as text, joined by
    '|' when there are several. -#}
{% macro block_key(keys) -%}
    {%- if keys | length == 1 -%}
        {{ dbt.cast(keys[0], dbt.type_string()) }}
    {%- else -%}
        {%- set parts = [] -%}
        {%- for key in keys -%}
            {%- do parts.append(dbt.cast(key, dbt.type_string())) -%}
            {%- if not loop.last %}{% do parts.append("'|'") %}{% endif -%}
        {%- endfor -%}
        {{ dbt.concat(parts) }}
    {%- endif -%}
{%- endmacro %}

{#- A condition that holds when every key expression is not null. -#}
{% macro keys_present(keys) -%}
    {%- for key in keys %}{{ ' and ' if not loop.first }}({{ key }}) is not null{% endfor -%}
{%- endmacro %}
