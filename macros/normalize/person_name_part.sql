{#- One part of a person's full name written in one column: 'first', 'middle',
    'last' or 'suffix' (jr, sr, ii, iii, iv). Handles "Doe, John" order,
    case, punctuation and stray spaces. Null when the part is absent. -#}
{% macro person_name_part(expr, part) -%}
    {{ person_name_part_of_text(person_name_text(expr), part) }}
{%- endmacro %}

{#- A full name in given-name-first order ("Doe, John" -> "John Doe"),
    normalized (normalize_text): what person_name_part_of_text splits. -#}
{% macro person_name_text(expr) -%}
    {%- set ordered -%}
        case
            when {{ expr }} like '%,%'
                then {{ dbt.split_part(expr, "','", 2) }} || ' ' || {{ dbt.split_part(expr, "','", 1) }}
            else {{ expr }}
        end
    {%- endset -%}
    {{ normalize_text(ordered) }}
{%- endmacro %}

{#- One part of a full name already in person_name_text's form. Takes a
    column name (or another cheap expression): it is read several times. -#}
{% macro person_name_part_of_text(text, part) -%}
    {%- set suffix_pattern = ' (jr|sr|ii|iii|iv)( |$)' -%}
    {%- set no_suffix = 'trim(' ~ regexp_replace_all(text, suffix_pattern, ' ') ~ ')' -%}
    {%- if part == 'suffix' -%}
        nullif(regexp_extract({{ text }}, '{{ suffix_pattern }}', 1), '')
    {%- elif part == 'first' -%}
        nullif({{ dbt.split_part(no_suffix, "' '", 1) }}, '')
    {%- elif part == 'last' -%}
        nullif(regexp_extract({{ no_suffix }}, ' ([^ ]+)$', 1), '')
    {%- elif part == 'middle' -%}
        nullif(trim(regexp_extract({{ no_suffix }}, '^[^ ]+ (.*) [^ ]+$', 1)), '')
    {%- else -%}
        {{ exceptions.raise_compiler_error("person_name_part: unknown part '" ~ part ~ "'") }}
    {%- endif -%}
{%- endmacro %}

{#- A last name written in its own column, cleaned, without a trailing
    generational suffix ("Doe Jr" -> 'doe'); part 'suffix' gives the suffix
    (jr, sr, ii, iii, iv) or null. -#}
{% macro last_name_part(expr, part) -%}
    {{ last_name_part_of_text(normalize_text(expr), part) }}
{%- endmacro %}

{#- last_name_part of a last name already normalized (normalize_text). -#}
{% macro last_name_part_of_text(text, part) -%}
    {%- set suffix_pattern = ' (jr|sr|ii|iii|iv)$' -%}
    {%- if part == 'suffix' -%}
        nullif(regexp_extract({{ text }}, '{{ suffix_pattern }}', 1), '')
    {%- elif part == 'name' -%}
        nullif(trim(regexp_replace({{ text }}, '{{ suffix_pattern }}', '')), '')
    {%- else -%}
        {{ exceptions.raise_compiler_error("last_name_part: unknown part '" ~ part ~ "'") }}
    {%- endif -%}
{%- endmacro %}
