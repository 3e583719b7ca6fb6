{#- The clickstream _load_sequence an incremental web model had consumed
    when it last wrote rows: the highest source_load_sequence of its table,
    as a number asked of the engine when the calling SQL renders, so a
    filter on it is a constant the engine can skip row groups with. 0 at
    parse time and on a first build or full refresh. A table built before
    the model was incremental (no source_load_sequence) stops the run with a
    request to rebuild it once with --full-refresh. -#}
{% macro web_stored_load_sequence() -%}
    {%- if not is_incremental() -%}
        {{ return(0) }}
    {%- endif -%}
    {%- set columns = adapter.get_columns_in_relation(this)
        | map(attribute='name') | map('lower') | list -%}
    {%- if 'source_load_sequence' not in columns -%}
        {{ exceptions.raise_compiler_error(
            this ~ " was built before it was incremental (no source_load_sequence): "
            ~ "rebuild it and the models after it once with "
            ~ "`dbt build --full-refresh --select " ~ model.name ~ "+`") }}
    {%- endif -%}
    {%- set result = run_query(
        'select coalesce(max(source_load_sequence), 0) from ' ~ this) -%}
    {{ return(result.columns[0].values()[0] | int) }}
{%- endmacro %}
