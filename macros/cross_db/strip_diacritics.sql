{#- Latin letters with diacritics folded to their base letter, case kept
    ("José Müller" -> "Jose Muller"); ß, æ, œ and þ spelt out (ss, ae, oe,
    th). Other characters are left as they are. -#}
{% macro strip_diacritics(expr) -%}
    {{ return(adapter.dispatch('strip_diacritics', 'customer_360')(expr)) }}
{%- endmacro %}

{#- Engines without strip_accents (Spark): translate() folds every letter
    Unicode decomposes into a letter and marks (decomposing_letters), as
    DuckDB's strip_accents does; strip_diacritics_by_table then folds the
    letters that do not decompose. -#}
{% macro default__strip_diacritics(expr) -%}
    {%- set folds = customer_360.decomposing_letters() -%}
    {{ customer_360.strip_diacritics_by_table(
        "translate(" ~ expr ~ ", '" ~ folds.accented ~ "', '" ~ folds.plain ~ "')") }}
{%- endmacro %}

{#- DuckDB: strip_accents removes every accent that Unicode decomposes; the
    table then folds the letters it keeps (ø, ł, đ, ı, ß, æ...). -#}
{% macro duckdb__strip_diacritics(expr) -%}
    {{ customer_360.strip_diacritics_by_table('strip_accents(' ~ expr ~ ')') }}
{%- endmacro %}

{#- translate() over the common accented Latin letters of both cases,
    including those Unicode does not decompose (ø, ł, đ, ı...), then
    replace() for the letters that become two. -#}
{% macro strip_diacritics_by_table(expr) -%}
    {%- set letters = {
        'a': 'àáâãäåāăą', 'A': 'ÀÁÂÃÄÅĀĂĄ',
        'c': 'çćĉċč', 'C': 'ÇĆĈĊČ',
        'd': 'ďđð', 'D': 'ĎĐÐ',
        'e': 'èéêëēĕėęě', 'E': 'ÈÉÊËĒĔĖĘĚ',
        'g': 'ĝğġģ', 'G': 'ĜĞĠĢ',
        'h': 'ĥħ', 'H': 'ĤĦ',
        'i': 'ìíîïĩīĭįı', 'I': 'ÌÍÎÏĨĪĬĮİ',
        'j': 'ĵ', 'J': 'Ĵ',
        'k': 'ķ', 'K': 'Ķ',
        'l': 'ĺļľŀł', 'L': 'ĹĻĽĿŁ',
        'n': 'ñńņň', 'N': 'ÑŃŅŇ',
        'o': 'òóôõöøōŏő', 'O': 'ÒÓÔÕÖØŌŎŐ',
        'r': 'ŕŗř', 'R': 'ŔŖŘ',
        's': 'śŝşšș', 'S': 'ŚŜŞŠȘ',
        't': 'ţťŧț', 'T': 'ŢŤŦȚ',
        'u': 'ùúûüũūŭůűų', 'U': 'ÙÚÛÜŨŪŬŮŰŲ',
        'w': 'ŵ', 'W': 'Ŵ',
        'y': 'ýÿŷ', 'Y': 'ÝŸŶ',
        'z': 'źżž', 'Z': 'ŹŻŽ',
    } -%}
    {%- set spelt_out = {
        'ß': 'ss', 'ẞ': 'SS', 'æ': 'ae', 'Æ': 'AE',
        'œ': 'oe', 'Œ': 'OE', 'þ': 'th', 'Þ': 'TH',
    } -%}
    {%- set accented = letters.values() | join -%}
    {%- set ns = namespace(plain='') -%}
    {%- for base, variants in letters.items() -%}
        {%- set ns.plain = ns.plain ~ (base * (variants | length)) -%}
    {%- endfor -%}
    {%- set ns.sql = "translate(" ~ expr ~ ", '" ~ accented ~ "', '" ~ ns.plain ~ "')" -%}
    {%- for letter, spelling in spelt_out.items() -%}
        {%- set ns.sql = "replace(" ~ ns.sql ~ ", '" ~ letter ~ "', '" ~ spelling ~ "')" -%}
    {%- endfor -%}
    {{ ns.sql }}
{%- endmacro %}
