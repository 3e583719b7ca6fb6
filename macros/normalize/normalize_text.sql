{#- Diacritics stripped first ("José Müller" -> "jose muller"), then lower
    case, punctuation other than apostrophes and hyphens removed, runs of
    spaces collapsed, trimmed; null when nothing is left. -#}
{% macro normalize_text(expr) -%}
    nullif(trim({{ regexp_replace_all(
        regexp_replace_all('lower(' ~ strip_diacritics(expr) ~ ')', "[^a-z0-9'' -]", ' '),
        '\\s+', ' ') }}), '')
{%- endmacro %}
