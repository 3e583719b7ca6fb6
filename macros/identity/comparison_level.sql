{#- The level number a pair reaches on one comparison of the configuration
    (see resolve_comparison): -1 when either record lacks the compared
    column (or, for a comparison over several `columns`, lacks all of them), else the number of the first level whose condition holds, else 0.
    l and r are the aliases of the pair's two records. -#}
{% macro comparison_level(comparison, l='l', r='r') -%}
    {%- set columns = comparison.get('columns') or [comparison.column] -%}
    case
        when
            ({% for column in columns %}{{ l }}.{{ column }} is null{{ ' and ' if not loop.last }}{% endfor %})
            or ({% for column in columns %}{{ r }}.{{ column }} is null{{ ' and ' if not loop.last }}{% endfor %})
            then -1
        {%- for level in comparison.levels if level.type != 'else' %}
        when {{ comparison_level_condition(level, level.get('column', comparison.column), l, r) }}
            then {{ level.number }}
        {%- endfor %}
        else 0
    end
{%- endmacro %}

{#- The condition of one comparison level over column of records l and r. -#}
{% macro comparison_level_condition(level, column, l, r) -%}
    {%- set left = l ~ '.' ~ column -%}
    {%- set right = r ~ '.' ~ column -%}
    {%- if level.type == 'exact' -%}
        {{ left }} = {{ right }}
    {%- elif level.type == 'swapped' and level.threshold is defined -%}
        {{ jaro_winkler_similarity(left, r ~ '.' ~ level.with) }} >= {{ level.threshold }}
        and {{ jaro_winkler_similarity(l ~ '.' ~ level.with, right) }} >= {{ level.threshold }}
    {%- elif level.type == 'swapped' -%}
        {{ left }} = {{ r }}.{{ level.with }} and {{ l }}.{{ level.with }} = {{ right }}
    {%- elif level.type == 'initial' -%}
        (length({{ left }}) = 1 or length({{ right }}) = 1)
        and substr({{ left }}, 1, 1) = substr({{ right }}, 1, 1)
    {%- elif level.type == 'jaro_winkler' -%}
        {{ jaro_winkler_similarity(left, right) }} >= {{ level.threshold }}
    {%- elif level.type == 'levenshtein' -%}
        {{ levenshtein_distance(dbt.cast(left, dbt.type_string()), dbt.cast(right, dbt.type_string())) }}
            <= {{ level.max_distance }}
    {%- elif level.type == 'damerau_levenshtein' -%}
        {{ damerau_levenshtein_distance(dbt.cast(left, dbt.type_string()), dbt.cast(right, dbt.type_string())) }}
            <= {{ level.max_distance }}
    {%- elif level.type == 'within_days' -%}
        abs({{ dbt.datediff(left, right, 'day') }}) <= {{ level.days }}
    {%- elif level.type == 'prefix' -%}
        substr({{ left }}, 1, {{ level.length }}) = substr({{ right }}, 1, {{ level.length }})
    {%- elif level.type == 'lists_overlap' -%}
        {{ lists_overlap(left, right) }}
    {%- elif level.type in ('all', 'any') -%}
        ({% for part in level.of -%}
            {{ ' and ' if level.type == 'all' and not loop.first }}{{ ' or ' if level.type == 'any' and not loop.first -}}
            ({{ comparison_level_condition(part, part.get('column', column), l, r) }})
        {%- endfor %})
    {%- else -%}
        {{ exceptions.raise_compiler_error("identity_resolution: unknown comparison level type '"
            ~ level.type ~ "' (exact, swapped, initial, jaro_winkler, levenshtein, damerau_levenshtein,"
            ~ " within_days, prefix, lists_overlap, all, any)") }}
    {%- endif -%}
{%- endmacro %}

{#- For a comparison with a term-frequency level: the value the pair agrees
    on at that level (the left record's), else null. -#}
{% macro term_frequency_value(comparison, l='l', r='r') -%}
    {%- set number = term_frequency_level(comparison) -%}
    {%- set level = (comparison.levels | selectattr('number', 'equalto', number) | list)[0] -%}
    {%- set column = level.get('column', comparison.column) -%}
    case
        when {{ comparison_level_condition(level, column, l, r) }}
            then {{ dbt.cast(l ~ '.' ~ column, dbt.type_string()) }}
    end
{%- endmacro %}
