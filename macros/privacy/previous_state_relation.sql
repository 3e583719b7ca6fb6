{#- The table a model of this project left in the warehouse on an earlier
    run, or none (at parse time, on a first build, or when it is missing).
    Read without ref(): the erasure ledger runs before staging and resolves
    requests against the identity state of the previous run (the normalized
    records and the id map), which a ref would make a cycle. -#}
{% macro previous_state_relation(model_name) -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set node = graph.nodes.get('model.customer_360.' ~ model_name) -%}
    {%- if node is none -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(adapter.get_relation(
        database=node.database, schema=node.schema, identifier=node.alias)) }}
{%- endmacro %}
