{#- Pre-hook of audit_erasure_requests: on a run that applied an erasure
    request, delete the term frequencies (int_match_term_frequencies, kept
    from training) of values no current record holds: a name held only by
    the erased person must not stay. Scoring does not change: a value no
    record holds is in no pair. -#}
{% macro delete_erased_term_frequencies() -%}
    {%- if erasure_applied_this_run() -%}
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
        delete from {{ ref('int_match_term_frequencies') }}
        {%- if held %}
        where {{ dbt.concat(['comparison_name', "'|'", 'value']) }} not in (
            select {{ dbt.concat(['held.comparison_name', "'|'", 'held.value']) }}
            from ({{ held | join(' union all ') }}) as held
        )
        {%- endif %}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
