{#- Canonical email: trimmed, lower case; null when it is not shaped like
    local@domain.tld. -#}
{% macro normalize_email(expr) -%}
    case
        when {{ regexp_like('lower(trim(' ~ expr ~ '))',
            "^[a-z0-9._%+''-]+@[a-z0-9.-]+\\.[a-z]{2,}$") }}
            then lower(trim({{ expr }}))
    end
{%- endmacro %}
