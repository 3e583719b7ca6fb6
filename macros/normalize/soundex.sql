{#- American Soundex code of a name ("Robert" -> R163), in portable SQL: the
    first letter kept, the letters after it coded as digits, adjacent equal
    codes collapsed (also with the first letter's code: "Pfister" -> P236),
    H and W not separating equal codes ("Ashcraft" -> A261) but vowels doing
    so, vowels then dropped, zero-padded to four characters ("Lee" -> L000).
    Any case; diacritics folded, other non-letters ignored; null when no
    letter is left. -#}
{% macro soundex(expr) -%}
    {#- letters only, upper case -#}
    {%- set letters = "nullif(" ~ regexp_replace_all(
        'upper(' ~ strip_diacritics(expr) ~ ')', '[^A-Z]', '') ~ ", '')" -%}
    {#- vowels and Y -> 0 (they separate codes), H and W -> '-' (they do not);
        a leading H or W counts as a separator, since it has no code for the
        next letter to repeat -#}
    {%- set coded = regexp_replace_all(regexp_replace_all(
        "translate(" ~ letters ~ ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
        ~ "'0123012-02245501262301-202')",
        '^-', '0'), '-', '') -%}
    {#- one digit per run of equal codes (no backreferences: one pass each) -#}
    {%- set ns = namespace(collapsed=coded) -%}
    {%- for digit in ['1', '2', '3', '4', '5', '6'] -%}
        {%- set ns.collapsed = regexp_replace_all(ns.collapsed, digit ~ '+', digit) -%}
    {%- endfor -%}
    {#- the first code belongs to the kept letter; separators go last -#}
    {%- set digits = regexp_replace_all('substr(' ~ ns.collapsed ~ ', 2)', '0', '') -%}
    substr({{ letters }}, 1, 1) || substr({{ digits }} || '000', 1, 3)
{%- endmacro %}
