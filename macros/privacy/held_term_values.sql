{#- SQL selecting every value the current records hold for each comparison
    with a term-frequency level (comparison_name, value: the level's column
    of int_profiles_normalized, as text), for delete_erased_term_frequencies;
    none when no comparison has such a level. -#}
{% macro held_term_values() -%}
    {%- set held = [] -%}
    {%- for comparison in identity_resolution_config().comparisons
        if term_frequency_level(comparison) is not none -%}
        {%- set level = (comparison.levels | selectattr(
            'number', 'equalto', term_frequency_level(comparison)) | list)[0] -%}
        {%- set column = level.get('column', comparison.column) -%}
        {%- do held.append(
            "select '" ~ comparison.name ~ "' as comparison_name, "
            ~ dbt.cast(column, dbt.type_string()) ~ " as value from "
            ~ ref('int_profiles_normalized') ~ " where " ~ column ~ " is not null") -%}
    {%- endfor -%}
    {{ return(held | join(' union all ') if held else none) }}
{%- endmacro %}
