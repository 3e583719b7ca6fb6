{#- The unified profile id of a cluster: 'up_' and 16 hex characters of a hash
    of the cluster id. -#}
{% macro unified_profile_id(cluster_id) -%}
    {{ dbt.concat(["'up_'", "substr(" ~ dbt.hash(cluster_id) ~ ", 1, 16)"]) }}
{%- endmacro %}
