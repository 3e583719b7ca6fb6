{#- Pre-hook of audit_erasure_requests: on a run that applied an erasure
    request, delete the term frequencies (int_match_term_frequencies, kept
    from training) of values no current record holds (held_term_values): a
    name held only by the erased person must not stay. Scoring does not
    change: a value no record holds is in no pair. Dispatched: Spark's
    (spark__delete_erased_term_frequencies) rewrites the table instead of
    deleting from it. -#}
{% macro delete_erased_term_frequencies() -%}
    {{ return(adapter.dispatch('delete_erased_term_frequencies', 'customer_360')()) }}
{%- endmacro %}

{% macro default__delete_erased_term_frequencies() -%}
    {%- if erasure_applied_this_run() -%}
        {%- set held = held_term_values() -%}
        delete from {{ ref('int_match_term_frequencies') }}
        {%- if held is not none %}
        where {{ dbt.concat(['comparison_name', "'|'", 'value']) }} not in (
            select {{ dbt.concat(['held.comparison_name', "'|'", 'held.value']) }}
            from ({{ held }}) as held
        )
        {%- endif %}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
