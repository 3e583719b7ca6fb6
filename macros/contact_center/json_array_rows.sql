{#- One row per element of a JSON array held as text (json_column) in each
    row of relation: the listed columns, the element's 1-based
    element_position, and each of fields ([[name, json path], ...]) taken
    from the element as text. Rows whose array is null or empty disappear. -#}
{% macro json_array_rows(relation, columns, json_column, fields) -%}
    {{ return(adapter.dispatch('json_array_rows', 'customer_360')(
        relation, columns, json_column, fields)) }}
{%- endmacro %}

{#- Spark: from_json to array<string> keeps each object as JSON text. -#}
{% macro default__json_array_rows(relation, columns, json_column, fields) -%}
    select
        {%- for column in columns %}
        source_rows.{{ column }},
        {%- endfor %}
        elements.element_index + 1 as element_position,
        {%- for field in fields %}
        get_json_object(elements.element, '{{ field[1] }}') as {{ field[0] }}
        {{- ',' if not loop.last }}
        {%- endfor %}
    from {{ relation }} as source_rows
    lateral view posexplode(
        from_json(source_rows.{{ json_column }}, 'array<string>')
    ) elements as element_index, element
{%- endmacro %}

{#- DuckDB: each array parsed once (json_extract with '$[*]' lists its
    elements; two unnests of equal length zip them with their positions),
    each element once (json_extract_string with a list of paths). -#}
{% macro duckdb__json_array_rows(relation, columns, json_column, fields) -%}
    select
        {%- for column in columns %}
        element_rows.{{ column }},
        {%- endfor %}
        element_rows.element_position,
        {%- for field in fields %}
        element_rows.element_fields[{{ loop.index }}] as {{ field[0] }}
        {{- ',' if not loop.last }}
        {%- endfor %}
    from (
        select
            {%- for column in columns %}
            elements.{{ column }},
            {%- endfor %}
            elements.element_position,
            json_extract_string(elements.element, [
                {%- for field in fields %}'{{ field[1] }}'{{ ', ' if not loop.last }}{% endfor -%}
            ]) as element_fields
        from (
            select
                {%- for column in columns %}
                parsed.{{ column }},
                {%- endfor %}
                unnest(range(1, len(parsed.element_list) + 1)) as element_position,
                unnest(parsed.element_list) as element
            from (
                select
                    *,
                    json_extract({{ json_column }}, '$[*]') as element_list
                from {{ relation }}
                -- an empty list yields no rows anyway: skip parsing it
                where {{ json_column }} is not null and {{ json_column }} <> '[]'
            ) as parsed
        ) as elements
    ) as element_rows
{%- endmacro %}
