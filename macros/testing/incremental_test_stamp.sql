{#- In a generic test: the run-stamp column of the model the test is
    attached to, when the test may read only the rows the latest run wrote;
    none otherwise. The model declares it as model-level
    `config: meta: {incremental_stamp: <column>}`: every row the model
    writes in a run carries that run's value of the column, rising from run
    to run. A view declaring `meta: {projects_parent_rows: true}` (each of
    its rows is one row of its single parent model, columns passed through
    or masked: the analyst views) takes its parent's stamp: the parent's
    latest rows are the view's. None on a --full-refresh, with var
    scope_incremental_tests false (every row is tested), for a model that
    is not incremental or declares no stamp, and for tests not attached to
    a model (sources, singular). -#}
{% macro incremental_test_stamp() -%}
    {%- if not execute or flags.FULL_REFRESH or not var('scope_incremental_tests', true) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set attached = model.attached_node if model.attached_node is defined else none -%}
    {%- if not attached or attached not in graph.nodes -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set node = graph.nodes[attached] -%}
    {%- if node.config.materialized == 'view' and node.config.meta.get('projects_parent_rows') -%}
        {%- set parents = [] -%}
        {%- for parent in node.depends_on.nodes -%}
            {%- if parent in graph.nodes and graph.nodes[parent].resource_type == 'model' -%}
                {%- do parents.append(graph.nodes[parent]) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if parents | length != 1 -%}
            {{ return(none) }}
        {%- endif -%}
        {%- set node = parents[0] -%}
    {%- endif -%}
    {%- if node.config.materialized != 'incremental' -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(node.config.meta.get('incremental_stamp') or node.meta.get('incremental_stamp')) }}
{%- endmacro %}
