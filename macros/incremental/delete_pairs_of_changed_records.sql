{#- Pre-hook of the incremental pair models: stage the records new,
    changed or gone from the lake since the model last ran
    (changed_profile_records, departed_profile_records) into the work table
    <model>__changed, with since_sequence, the model's highest
    normalized_sequence before this run. Staged once, before the model
    deletes anything: the delete and the model body then agree on the set
    even where the delete removes every row of the last sequence. -#}
{% macro stage_changed_records() -%}
    {%- if is_incremental() -%}
        {%- set select_sql -%}
            select
                profile_record_id,
                (select coalesce(max(normalized_sequence), 0) from {{ this }}) as since_sequence
            from (
                {{ changed_profile_records() }}
                union
                {{ departed_profile_records() }}
            ) as changed
        {%- endset -%}
        {{ create_work_table(work_table('changed'), select_sql) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- SQL selecting the profile_record_id of the records stage_changed_records
    staged for this run. -#}
{% macro staged_changed_records() -%}
    select profile_record_id from {{ work_table('changed') }}
{%- endmacro %}

{#- The normalized_sequence the model had reached before this run, as a
    literal read when the model is compiled: the same value
    stage_changed_records stores (both read the model before it deletes
    anything), and a literal lets the engine prune the upstream pair table
    by its statistics. An upstream pair model's rows above it are the pairs
    of the records staged for this run. -#}
{% macro staged_since_sequence() -%}
    {%- if execute and is_incremental() -%}
        {%- set reached = run_query(
            'select coalesce(max(normalized_sequence), 0) from ' ~ this) -%}
        {{ reached.columns[0].values()[0] }}
    {%- else -%}
        (select max(since_sequence) from {{ work_table('changed') }})
    {%- endif -%}
{%- endmacro %}

{#- True when stage_changed_records staged at least one record for this
    run; read when a later hook renders, after the stage. -#}
{% macro has_staged_changed_records() -%}
    {%- set staged = run_query(
        'select count(*) from (' ~ staged_changed_records() ~ ') as staged') -%}
    {{ return(staged.columns[0].values()[0] > 0) }}
{%- endmacro %}

{#- Pre-hook of the incremental pair models, after stage_changed_records:
    drop the pairs holding a record that is new, changed or gone in this
    run; the model then inserts the pairs of the new and changed records
    again. Nothing to do on a first build, a full refresh or a run that
    staged no record. -#}
{% macro delete_pairs_of_changed_records() -%}
    {%- if is_incremental() and has_staged_changed_records() -%}
        delete from {{ this }}
        where
            profile_record_id_l in ({{ staged_changed_records() }})
            or profile_record_id_r in ({{ staged_changed_records() }})
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook of int_profile_blocking_keys, after stage_changed_records: drop
    the keys of records new, changed or gone in this run. -#}
{% macro delete_keys_of_changed_records() -%}
    {%- if is_incremental() and has_staged_changed_records() -%}
        delete from {{ this }}
        where
            profile_record_id in ({{ staged_changed_records() }})
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
