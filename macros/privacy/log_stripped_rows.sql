{#- The strip hooks' log entry (strip_erased_rows and Spark's
    spark_strip_erased_rows): insert into the ledger's log of stripped rows
    (create_erasure_strip_log), per request and file of this table, how many
    rows an erased person's values tie to the request, with this invocation
    id. Run before the rows are stripped. matches: [expression, erased_kind]
    pairs (strip_erased_rows). -#}
{% macro log_stripped_rows(matches) -%}
    {%- set join_conditions = [] -%}
    {%- for expression, kind in matches -%}
        {%- do join_conditions.append(
            "(erased.erased_kind = '" ~ kind ~ "' and erased.erased_value = ("
            ~ expression ~ '))') -%}
    {%- endfor -%}
    insert into {{ erasure_relation('stripped') }}
    select
        erased.request_id,
        '{{ this.identifier }}',
        stripped._file_name,
        count(distinct stripped._row_in_file),
        '{{ invocation_id }}'
    from {{ this }} as stripped
    inner join {{ erasure_relation() }} as erased
        on {{ join_conditions | join('\n            or ') }}
    group by erased.request_id, stripped._file_name
{%- endmacro %}
