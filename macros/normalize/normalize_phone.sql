{#- A phone number in E.164 (+<country><number>), or null when it cannot be
    one: phone_from_digits of the number's phone_digits and
    phone_is_international. -#}
{% macro normalize_phone(expr, default_country_code=none) -%}
    {{ phone_from_digits(phone_digits(expr), phone_is_international(expr), default_country_code) }}
{%- endmacro %}

{#- The digits of a phone number, its extension (x123, ext. 123) dropped. -#}
{% macro phone_digits(expr) -%}
    {{ regexp_replace_all(
        regexp_replace_all('lower(' ~ expr ~ ')', '\\s*(x|ext\\.?|extension)\\s*[0-9]+\\s*$', ''),
        '[^0-9]', '') }}
{%- endmacro %}

{#- True when a phone number is written with its own country code (+ or 00). -#}
{% macro phone_is_international(expr) -%}
    {{ regexp_like('trim(' ~ expr ~ ')', '^(\\+|00)') }}
{%- endmacro %}

{#- E.164 from a number's digits: a number written with + or 00 keeps its
    own country code; ten digits get default_country_code (var
    default_phone_country_code); eleven starting with it get a +. Takes
    column names (or other cheap expressions): each is read several times. -#}
{% macro phone_from_digits(digits, is_international, default_country_code=none) -%}
    {%- set country = default_country_code or var('default_phone_country_code', '1') -%}
    {%- set without_00 = regexp_replace_all(digits, '^00', '') -%}
    case
        when {{ is_international }} and length({{ without_00 }}) between 8 and 15
            then '+' || {{ without_00 }}
        when length({{ digits }}) = 10
            then '+{{ country }}' || {{ digits }}
        when length({{ digits }}) = 11 and {{ digits }} like '{{ country }}%'
            then '+' || {{ digits }}
    end
{%- endmacro %}
