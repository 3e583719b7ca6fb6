{#- The highest value of column (default source_load_sequence) the calling
    incremental model stores (the _load_sequence of a Connect staging feed
    it had read up to when it last wrote rows), as a number asked of the
    engine when the model compiles, so that a filter on it is a constant the engine can skip
    whole row groups with; 0 on a first build, a full refresh and at parse
    time. The model's pre-hooks render before it deletes anything, so the
    hooks and the body agree on it. A table built before the model was
    incremental (without the column) stops the run with a request to
    rebuild it once with --full-refresh. -#}
{% macro consumed_load_sequence(column='source_load_sequence') -%}
    {%- if execute and is_incremental() -%}
        {%- set columns = adapter.get_columns_in_relation(this)
            | map(attribute='name') | map('lower') | list -%}
        {%- if column not in columns -%}
            {{ exceptions.raise_compiler_error(
                this ~ " was built before it was incremental (no " ~ column ~ "): "
                ~ "rebuild it and the models after it once with "
                ~ "`dbt build --full-refresh --select " ~ model.name ~ "+`") }}
        {%- endif -%}
        {%- set result = run_query(
            'select coalesce(max(' ~ column ~ '), 0) from ' ~ this) -%}
        {{ return(result.columns[0].values()[0] | int) }}
    {%- endif -%}
    {{ return(0) }}
{%- endmacro %}
