{#- A phone number in E.164 (+<country><number>), or null when it cannot be
    one. Extensions (x123, ext. 123) are dropped; a national number of ten
    digits gets default_country_code (var default_phone_country_code); a
    number written with + or 00 keeps its own country code. -#}
{% macro normalize_phone(expr, default_country_code=none) -%}
    {%- set country = default_country_code or var('default_phone_country_code', '1') -%}
    {%- set no_extension = regexp_replace_all(
        'lower(' ~ expr ~ ')', '\\s*(x|ext\\.?|extension)\\s*[0-9]+\\s*$', '') -%}
    {%- set digits = regexp_replace_all(no_extension, '[^0-9]', '') -%}
    {%- set international = regexp_like('trim(' ~ expr ~ ')', '^(\\+|00)') -%}
    case
        when {{ international }}
            and length({{ regexp_replace_all(digits, '^00', '') }}) between 8 and 15
            then '+' || {{ regexp_replace_all(digits, '^00', '') }}
        when length({{ digits }}) = 10
            then '+{{ country }}' || {{ digits }}
        when length({{ digits }}) = 11 and {{ digits }} like '{{ country }}%'
            then '+' || {{ digits }}
    end
{%- endmacro %}
