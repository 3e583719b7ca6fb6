{#- Diacritics stripped first ("José Müller" -> "jose muller"), then lower
    case, everything but letters (of any script: "山田 太郎", "иван"),
    digits, apostrophes and hyphens removed, runs of spaces collapsed,
    trimmed; null when nothing is left. -#}
{% macro normalize_text(expr) -%}
    nullif(trim({{ regexp_replace_all(
        regexp_replace_all('lower(' ~ strip_diacritics(expr) ~ ')', "[^\\p{L}\\p{N}'' -]", ' '),
        '\\s+', ' ') }}), '')
{%- endmacro %}
