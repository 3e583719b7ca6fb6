{#- Jaro-Winkler similarity of two strings, 0 to 1 (1 = identical). -#}
{% macro jaro_winkler_similarity(left, right) -%}
    {{ return(adapter.dispatch('jaro_winkler_similarity', 'customer_360')(left, right)) }}
{%- endmacro %}

{% macro default__jaro_winkler_similarity(left, right) -%}
    jaro_winkler_similarity({{ left }}, {{ right }})
{%- endmacro %}

{#- Levenshtein edit distance of two strings. -#}
{% macro levenshtein_distance(left, right) -%}
    {{ return(adapter.dispatch('levenshtein_distance', 'customer_360')(left, right)) }}
{%- endmacro %}

{% macro default__levenshtein_distance(left, right) -%}
    levenshtein({{ left }}, {{ right }})
{%- endmacro %}

{#- Damerau-Levenshtein distance (a transposition counts as one edit). -#}
{% macro damerau_levenshtein_distance(left, right) -%}
    {{ return(adapter.dispatch('damerau_levenshtein_distance', 'customer_360')(left, right)) }}
{%- endmacro %}

{% macro default__damerau_levenshtein_distance(left, right) -%}
    damerau_levenshtein({{ left }}, {{ right }})
{%- endmacro %}
