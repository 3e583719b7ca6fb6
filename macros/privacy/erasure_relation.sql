{#- A relation of the erasure machinery, next to the ledger
    (privacy_erased_records): suffix none for the ledger itself, 'stripped'
    for the log of the rows the strip hooks nulled (strip_erased_rows).
    Built from the graph, not ref(), so that a hook may name it (a
    placeholder at parse time, when the graph is not there yet). -#}
{% macro erasure_relation(suffix=none) -%}
    {%- if not execute -%}
        {{ return(api.Relation.create(identifier='privacy_erased_records')) }}
    {%- endif -%}
    {%- set node = graph.nodes.get('model.customer_360.privacy_erased_records') -%}
    {%- set identifier = node.alias ~ ('__' ~ suffix if suffix else '') -%}
    {{ return(api.Relation.create(
        database=node.database, schema=node.schema, identifier=identifier)) }}
{%- endmacro %}
