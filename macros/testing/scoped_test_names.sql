{#- The generic tests that judge each row on its own (a row passes or fails
    whatever the other rows hold), and so may check only the rows the latest
    incremental run wrote: an allow-list, so that a new test is whole-table
    until it is added here. unique (get_where_subquery scopes it to the keys
    the latest run wrote) and unique_combination_of_columns (it scopes itself
    with latest_rows_by) compare those rows with the whole table;
    covers_every_row, one_row_per, max_group_size, reconciles and every
    singular test compare rows with other rows or models and always read the
    whole table (exposes_no_pii scopes itself with incremental_test_stamp). -#}
{% macro scoped_test_names() -%}
    {{ return([
        'not_null',
        'columns_not_null',
        'accepted_values',
        'relationships',
        'expression_is_true',
        'accepted_range',
        'ordered_pair',
        'valid_e164',
        'valid_email',
    ]) }}
{%- endmacro %}
