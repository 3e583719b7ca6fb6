{#- One part of a US-style one-line address "street[, unit], city, ST zip":
    'street', 'unit', 'city', 'state' or 'postal_code'. Null when the line
    does not have that shape. Spaces or tabs may follow the zip code: written
    [ \t], which every engine reads alike (Spark's string literals turn \s
    into a plain s). -#}
{% macro address_line_part(expr, part) -%}
    {%- set tail = ', [^,]+, [A-Za-z]{2} [0-9-]+[ \\t]*$' -%}
    {%- if part == 'street' -%}
        nullif(regexp_extract({{ expr }}, '^(.*?)(, [^,]+)?{{ tail }}', 1), '')
    {%- elif part == 'unit' -%}
        nullif(trim(regexp_extract({{ expr }}, '^.*?, ([^,]+){{ tail }}', 1)), '')
    {%- elif part == 'city' -%}
        nullif(regexp_extract({{ expr }}, ', ([^,]+), [A-Za-z]{2} [0-9-]+[ \t]*$', 1), '')
    {%- elif part == 'state' -%}
        nullif(regexp_extract({{ expr }}, ', ([A-Za-z]{2}) [0-9-]+[ \t]*$', 1), '')
    {%- elif part == 'postal_code' -%}
        nullif(regexp_extract({{ expr }}, ', [A-Za-z]{2} ([0-9-]+)[ \t]*$', 1), '')
    {%- else -%}
        {{ exceptions.raise_compiler_error("address_line_part: unknown part '" ~ part ~ "'") }}
    {%- endif -%}
{%- endmacro %}
