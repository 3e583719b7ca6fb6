{#- SQL for the match weight (log2 of the odds) of a match probability given
    when the project is compiled: 0.5 -> 0, 0.99 -> 6.63. -#}
{% macro probability_to_weight(probability) -%}
    {%- if probability <= 0 or probability >= 1 -%}
        {{ exceptions.raise_compiler_error("a match probability must be strictly between 0 and 1, not " ~ probability) }}
    {%- endif -%}
    ({{ log2(probability / (1 - probability)) }})
{%- endmacro %}

{#- Base-2 logarithm of a positive SQL expression. -#}
{% macro log2(expr) -%}
    (ln({{ expr }}) / ln(2))
{%- endmacro %}
