{#- A quarantine check (see quarantine_reason) failing when a required value
    is null or blank. what: 'key' or 'required'. -#}
{% macro missing_value_check(expr, column, what='required') -%}
    {{ return([is_blank(expr), "'missing " ~ what ~ " " ~ column ~ "'"]) }}
{%- endmacro %}
