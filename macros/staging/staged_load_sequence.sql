{#- The highest _load_sequence the calling model stores, as a number asked of
    the engine when the model compiles (0 when its table does not exist yet,
    and at parse time), so that a filter on it is a constant the engine can
    skip whole row groups with. A base model stamps the rows of each load
    with this + 1 (a full refresh continues the count, it never restarts it
    while the table exists); an incremental staging model takes the base
    rows above it (its watermark), so a run that stopped between the base
    and the staging model is caught up by the next one. An incremental run
    on a table built before the model kept _load_sequence fails with a
    request to rebuild it once with --full-refresh. -#}
{% macro staged_load_sequence() -%}
    {%- set existing = load_relation(this) if execute else none -%}
    {%- if existing is none or existing.is_view -%}
        {{ return(0) }}
    {%- endif -%}
    {%- set columns = adapter.get_columns_in_relation(existing)
        | map(attribute='name') | map('lower') | list -%}
    {%- if '_load_sequence' in columns -%}
        {%- set result = run_query(
            'select coalesce(max(_load_sequence), 0) from ' ~ existing) -%}
        {{ return(result.columns[0].values()[0] | int) }}
    {%- elif is_incremental() -%}
        {{ exceptions.raise_compiler_error(
            this ~ " was built before it kept _load_sequence (incremental loading): "
            ~ "rebuild it and the models after it once with "
            ~ "`dbt build --full-refresh --select " ~ model.name ~ "+`") }}
    {%- endif -%}
    {{ return(0) }}
{%- endmacro %}
