{#- A postal code in its country's written form, never padded or guessed:
    - US (country null, US, USA, United States): ZIP or ZIP+4 -> 5 digits;
    - CA: 'A1A 1A1'; GB/UK: outward code, space, inward code ('SW1A 1AA');
    - a null country also gets the CA or GB form when the value has that
      shape (no US ZIP has letters);
    - anything else (e.g. an Australian '2119', also with a null country):
      letters and digits only, upper case.
    Null when blank or without a letter or digit. -#}
{% macro normalize_postal_code(postal_expr, country_expr) -%}
    {%- set code = "upper(" ~ regexp_replace_all(postal_expr, '[^A-Za-z0-9]', '') ~ ")" -%}
    {%- set country = "nullif(upper(trim(" ~ country_expr ~ ")), '')" -%}
    case
        when ({{ country }} is null
            or {{ country }} in ('US', 'USA', 'UNITED STATES', 'UNITED STATES OF AMERICA'))
            and {{ regexp_like(code, '^[0-9]{5}([0-9]{4})?$') }}
            then substr({{ code }}, 1, 5)
        when ({{ country }} is null or {{ country }} in ('CA', 'CAN', 'CANADA'))
            and {{ regexp_like(code, '^[A-Z][0-9][A-Z][0-9][A-Z][0-9]$') }}
            then substr({{ code }}, 1, 3) || ' ' || substr({{ code }}, 4, 3)
        when ({{ country }} is null
            or {{ country }} in ('GB', 'GBR', 'UK', 'UNITED KINGDOM', 'GREAT BRITAIN'))
            and {{ regexp_like(code, '^([A-Z]{1,2}[0-9][A-Z0-9]?|GIR)[0-9][A-Z]{2}$') }}
            then substr({{ code }}, 1, length({{ code }}) - 3)
                || ' ' || substr({{ code }}, length({{ code }}) - 2)
        else nullif({{ code }}, '')
    end
{%- endmacro %}
