{#- The relation of an incremental model's work table: a table next to the
    model, named <model>__<suffix>, that a pre-hook fills with the keys the
    run must rebuild (computed from the model's previous state before the
    model deletes them) and the model body then reads. -#}
{% macro work_table(suffix) -%}
    {{ return(this.incorporate(path={'identifier': this.identifier ~ '__' ~ suffix})) }}
{%- endmacro %}

{#- Pre-hook SQL that (re)creates a work table from a select. -#}
{% macro create_work_table(relation, select_sql) -%}
    {{ return(adapter.dispatch('create_work_table', 'customer_360')(relation, select_sql)) }}
{%- endmacro %}

{% macro default__create_work_table(relation, select_sql) -%}
    create or replace table {{ relation }} as {{ select_sql }}
{%- endmacro %}

{#- Post-hook: drop a work table once the model has used it. -#}
{% macro drop_work_table(suffix) -%}
    drop table if exists {{ work_table(suffix) }}
{%- endmacro %}
