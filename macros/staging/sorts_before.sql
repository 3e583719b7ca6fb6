{#- A condition true when row `left` comes strictly before row `right` in
    order_by order: order_by is an order by list ('a, b desc'), compared
    column by column as the order by would sort (columns must not be null;
    a tie on every column is not "before"). left and right are relation
    aliases holding those columns. -#}
{% macro sorts_before(order_by, left, right) -%}
    {%- set terms = [] -%}
    {%- for item in order_by.split(',') -%}
        {%- set words = item.split() -%}
        {%- set descending = words | length > 1 and words[1] | lower == 'desc' -%}
        {%- do terms.append((words[0], '>' if descending else '<')) -%}
    {%- endfor -%}
    {%- set condition = namespace(sql='') -%}
    {%- for column, operator in terms | reverse -%}
        {%- set earlier = left ~ '.' ~ column ~ ' ' ~ operator ~ ' ' ~ right ~ '.' ~ column -%}
        {%- if loop.first -%}
            {%- set condition.sql = earlier -%}
        {%- else -%}
            {%- set condition.sql = '(' ~ earlier ~ ' or (' ~ left ~ '.' ~ column ~ ' = '
                ~ right ~ '.' ~ column ~ ' and ' ~ condition.sql ~ '))' -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(condition.sql) }}
{%- endmacro %}
