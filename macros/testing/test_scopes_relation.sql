{#- The table recording, per incremental model run by the current invocation,
    the highest value of its run stamp before the run (record_test_scope):
    <database>.<target schema>.customer_360__test_scopes. -#}
{% macro test_scopes_relation() -%}
    {{ return(api.Relation.create(
        database=target.database, schema=target.schema,
        identifier='customer_360__test_scopes')) }}
{%- endmacro %}
