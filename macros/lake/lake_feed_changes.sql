{#- What an incremental staging model that reads a lake source through a
    base view must do on this run, from the source's files and the model's
    load log (the table <model>__loads, log_lake_feed_changes): a dict of
    - listed: the source's files within the load_date window
      (lake_files_in_window);
    - new: the listed files the log does not hold as loaded;
    - gone: the files the log holds as loaded that are no longer listed
      (withdrawn from the lake, or outside the window);
    - rebuild: whether the model must be rebuilt from every row this run:
      on a first build or full refresh, and when a loaded file is gone (its
      records fall back to an earlier version or leave, as in a full
      refresh);
    - sequence: the run's _load_sequence, one above the highest the log or
      the model holds, so it never restarts while the log exists (a full
      refresh continues the count).
    Asked of the engine when the model compiles and again by its hooks
    (the same answer: nothing changes in between). -#}
{% macro lake_feed_changes(relation) -%}
    {%- set listed = lake_files_in_window(relation) -%}
    {%- set changes = {
        'listed': listed, 'new': listed, 'gone': [], 'rebuild': true, 'sequence': 1,
    } -%}
    {%- if not execute or env_var('CUSTOMER_360_LINT', '') -%}
        {{ return(changes) }}
    {%- endif -%}
    {%- set log = load_relation(work_table('loads')) -%}
    {%- set existing = load_relation(this) -%}
    {%- set sequences = [0] -%}
    {%- if log is not none -%}
        {%- do sequences.append(run_query(
            'select coalesce(max(load_sequence), 0) from ' ~ log).columns[0].values()[0]) -%}
    {%- endif -%}
    {%- if existing is not none and not existing.is_view -%}
        {%- set columns = adapter.get_columns_in_relation(existing)
            | map(attribute='name') | map('lower') | list -%}
        {%- if '_load_sequence' in columns -%}
            {%- do sequences.append(run_query(
                'select coalesce(max(_load_sequence), 0) from ' ~ existing)
                .columns[0].values()[0]) -%}
        {%- endif -%}
    {%- endif -%}
    {%- do changes.update({'sequence': (sequences | map('int') | max) + 1}) -%}
    {%- if not is_incremental() or log is none -%}
        {{ return(changes) }}
    {%- endif -%}
    {%- set loaded = run_query(lake_files_loaded_sql(log)).columns[0].values() | list -%}
    {%- set gone = loaded | reject('in', listed) | list -%}
    {%- do changes.update({
        'new': listed | reject('in', loaded) | list,
        'gone': gone,
        'rebuild': gone | length > 0,
    }) -%}
    {{ return(changes) }}
{%- endmacro %}
