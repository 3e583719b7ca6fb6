{#- Post-hook of the tables that keep contact records and clickstream
    events (base and staging): null the personal columns of the rows tied
    to an erased person (a raw record gets erased_raw_record's marker, so
    that a quarantined row still says what became of its text), and log
    how many per request and file (the table <ledger>__stripped,
    create_erasure_strip_log). The rows stay, anonymous:
    the agents' and the site's counts do not change, but nothing in them
    names or reaches the person any more. A hook, not a filter, so that the
    rows an incremental table loaded before the request are stripped too;
    it runs on every build (a later file may hold the person again) and
    renders to `select 1` while no request was ever applied.
    columns: {column: SQL value written in its place} (null, or
    erased_raw_record() for a raw record). matches: [expression,
    erased_kind] pairs: a row is tied to the person when an expression over
    it equals a value of that kind in the ledger (privacy_erased_records). The table must have
    _file_name and _row_in_file. The log entry is log_stripped_rows.
    Dispatched: Spark's (spark__strip_erased_rows), whose Parquet tables take
    no update, rewrites the table instead. -#}
{% macro strip_erased_rows(columns, matches) -%}
    {{ return(adapter.dispatch('strip_erased_rows', 'customer_360')(columns, matches)) }}
{%- endmacro %}

{% macro default__strip_erased_rows(columns, matches) -%}
    {%- if erasure_is_active() -%}
        {{ log_stripped_rows(matches) }};
        update {{ this }}
        set
            {%- for column, value in columns.items() %}
            {{ column }} = {{ value }}{{ ',' if not loop.last }}
            {%- endfor %}
        where {{ erased_row_condition(matches) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
