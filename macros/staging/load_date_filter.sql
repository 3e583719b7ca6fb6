{#- A where clause keeping load_date partitions on or after var('load_date_since');
    empty when the var is unset. DuckDB prunes the hive partitions it excludes. -#}
{% macro load_date_filter(column='load_date') -%}
    {%- set since = var('load_date_since', none) -%}
    {%- if since is not none %}
    where {{ column }} >= {{ try_cast("'" ~ since ~ "'", 'date') }}
    {%- endif -%}
{%- endmacro %}
