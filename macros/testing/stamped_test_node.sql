{#- In a generic test: the graph node whose run stamp scopes it (see
    incremental_test_stamp: the attached incremental model, or the single
    parent of a view projecting its rows), or none. -#}
{% macro stamped_test_node() -%}
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
    {{ return(node) }}
{%- endmacro %}
