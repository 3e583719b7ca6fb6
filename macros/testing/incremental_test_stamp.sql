{#- In a generic test: the run-stamp column of the model the test is
    attached to, when the test may read only the rows the latest run wrote;
    none otherwise. The model declares it as model-level
    `config: meta: {incremental_stamp: <column>}`: every row the model
    writes in a run carries that run's value of the column, rising from run
    to run. A view declaring `meta: {projects_parent_rows: true}` (each of
    its rows is one row of its single parent model, columns passed through
    or masked: the analyst views) takes its parent's stamp: the parent's
    latest rows are the view's. None on a --full-refresh, with var
    scope_incremental_tests false, for a model that is not incremental or
    declares no stamp, and for tests not attached to a model (sources,
    singular). -#}
{% macro incremental_test_stamp() -%}
    {%- set node = stamped_test_node() -%}
    {{ return(node.config.meta.get('incremental_stamp') or node.meta.get('incremental_stamp')
        if node else none) }}
{%- endmacro %}
