{#- A where clause keeping the load_date partitions on or after
    var('load_date_since') and on or before var('load_date_until'); empty when
    both are unset. DuckDB prunes the hive partitions it excludes. -#}
{% macro load_date_filter(column='load_date') -%}
    {%- set since = var('load_date_since', none) -%}
    {%- set until = var('load_date_until', none) -%}
    {%- set conditions = [] -%}
    {%- if since is not none -%}
        {%- do conditions.append(column ~ ' >= ' ~ try_cast("'" ~ since ~ "'", 'date')) -%}
    {%- endif -%}
    {%- if until is not none -%}
        {%- do conditions.append(column ~ ' <= ' ~ try_cast("'" ~ until ~ "'", 'date')) -%}
    {%- endif -%}
    {%- if conditions %}
    where {{ conditions | join(' and ') }}
    {%- endif -%}
{%- endmacro %}
