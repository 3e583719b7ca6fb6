{#- Jaro-Winkler similarity of two strings, 0 to 1 (1 = identical). -#}
{% macro jaro_winkler_similarity(left, right) -%}
    {{ return(adapter.dispatch('jaro_winkler_similarity', 'customer_360')(left, right)) }}
{%- endmacro %}

{% macro default__jaro_winkler_similarity(left, right) -%}
    jaro_winkler_similarity({{ left }}, {{ right }})
{%- endmacro %}

{#- Spark has no Jaro-Winkler: the standard algorithm (as DuckDB's) in SQL
    with higher-order functions, so it runs on any Spark (thrift, Databricks)
    without a UDF. Window max(len)/2 - 1 (at least 0); each character of
    the left string takes the first unmatched equal character of the right
    within the window (aggregate over its positions, the right's matched
    flags in the accumulator); t = half the matched characters out of
    order; the common prefix (up to 4) boosts a Jaro score above 0.7 by 0.1
    per character; 0 when either string is empty. Characters are Spark's
    (UTF-16 code units, as substr counts them). -#}
{% macro spark__jaro_winkler_similarity(left, right) -%}
    {%- set l = '(' ~ left ~ ')' -%}
    {%- set r = '(' ~ right ~ ')' -%}
    {%- set window = 'greatest(0, greatest(length(' ~ l ~ '), length(' ~ r ~ ')) div 2 - 1)' -%}
    case
        when {{ l }} is null or {{ r }} is null then cast(null as double)
        when length({{ l }}) = 0 or length({{ r }}) = 0 then cast(0 as double)
        else transform(array(aggregate(
            sequence(1, length({{ l }})),
            named_struct(
                'used', array_repeat(false, length({{ r }})),
                'matched', cast(array() as array<int>)
            ),
            (jw_state, jw_i) -> transform(array(try_element_at(filter(
                sequence(1, length({{ r }})),
                jw_j -> abs(jw_j - jw_i) <= {{ window }}
                    and not element_at(jw_state.used, jw_j)
                    and substr({{ r }}, jw_j, 1) = substr({{ l }}, jw_i, 1)
            ), 1)), jw_hit -> case
                when jw_hit is null then jw_state
                else named_struct(
                    'used', transform(jw_state.used, (jw_u, jw_k) -> jw_u or jw_k + 1 = jw_hit),
                    'matched', concat(jw_state.matched, array(jw_i))
                )
            end)[0],
            jw_state -> transform(
                array(filter(
                    sequence(1, length({{ r }})), jw_j -> element_at(jw_state.used, jw_j)
                )),
                jw_right -> case
                    when size(jw_state.matched) = 0 then cast(0 as double)
                    else (
                        size(jw_state.matched) / length({{ l }})
                        + size(jw_state.matched) / length({{ r }})
                        + (size(jw_state.matched) - size(filter(
                            sequence(1, size(jw_state.matched)),
                            jw_k -> substr({{ l }}, element_at(jw_state.matched, jw_k), 1)
                                <> substr({{ r }}, element_at(jw_right, jw_k), 1)
                        )) div 2) / size(jw_state.matched)
                    ) / 3
                end
            )[0]
        )), jw_jaro -> case
            when jw_jaro > 0.7 then jw_jaro + 0.1 * size(filter(
                sequence(1, least(4, length({{ l }}), length({{ r }}))),
                jw_k -> substr({{ l }}, 1, jw_k) = substr({{ r }}, 1, jw_k)
            )) * (1 - jw_jaro)
            else jw_jaro
        end)[0]
    end
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
