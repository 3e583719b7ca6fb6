{#- For an analyst view over a mart (masked_select): fails for every value
    of the view that equals a value of a column the mart's yml tags as
    personal data (meta.pii), location, postal_code and url aside (kept
    or generalized on purpose), each compared as text (lists as a whole;
    test_privacy.py compares their elements). A masked column never shows
    a raw value. On an incremental run (incremental_test_stamp: the view
    projects its mart's rows) both sides are the rows the mart's latest run
    wrote: masking works row by row, so a row that exposed a value would
    expose it beside its own raw value; older rows were tested when they
    were written. -#}
{% test exposes_no_pii(model, mart) %}

{%- set relation = ref(mart) -%}
{%- set stamp = incremental_test_stamp() -%}
{%- set mart_latest = latest_run_rows(relation, stamp) if stamp else none -%}
{%- set view_latest = latest_run_rows(model, stamp) if stamp else none -%}
{%- set tagged = [] -%}
{%- if execute -%}
    {%- set node = graph.nodes['model.customer_360.' ~ mart] -%}
    {%- for name, column in node.columns.items() -%}
        {%- if column.meta.get('pii') and column.meta.get('pii') not in ['location', 'postal_code', 'url'] -%}
            {%- do tagged.append(name) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif -%}
{%- if tagged %}
with

mart_values as (

    {% for name in tagged %}
        select {{ dbt.cast(name, dbt.type_string()) }} as value from {{ relation }}
        where {{ name }} is not null{% if mart_latest %} and ({{ mart_latest }}){% endif %}
        {% if not loop.last %}union{% endif %}
    {% endfor %}

),

view_values as (

    {% for name in tagged %}
        select '{{ name }}' as column_name, {{ dbt.cast(name, dbt.type_string()) }} as value
        from {{ model }}
        where {{ name }} is not null{% if view_latest %} and ({{ view_latest }}){% endif %}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select view_values.column_name, count(*) as exposed_values
from view_values
inner join mart_values
    on view_values.value = mart_values.value
group by view_values.column_name
{%- else %}
select 1 as exposed_values
where 1 = 0
{%- endif %}

{% endtest %}
