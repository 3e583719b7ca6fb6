{#- Spark runs one statement per call (dbt-spark's session and thrift
    cursors), so a hook that renders several statements separated by `;`
    fails there. This runs every statement of such SQL but the last
    (run_query, when the hook renders at run time, in order) and returns the
    last for the hook itself to run. Statements are split at each `;`
    outside a quoted literal; a script of none returns `select 1`. -#}
{% macro spark_script(sql) -%}
    {%- set statements = [] -%}
    {%- set ns = namespace(current='') -%}
    {%- for token in modules.re.findall("'[^']*'|[^';]+|;|'", sql) -%}
        {%- if token == ';' -%}
            {%- if ns.current.strip() -%}
                {%- do statements.append(ns.current.strip()) -%}
            {%- endif -%}
            {%- set ns.current = '' -%}
        {%- else -%}
            {%- set ns.current = ns.current ~ token -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if ns.current.strip() -%}
        {%- do statements.append(ns.current.strip()) -%}
    {%- endif -%}
    {%- if execute -%}
        {%- for statement in statements[:-1] -%}
            {%- do run_query(statement) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(statements[-1] if statements else 'select 1') }}
{%- endmacro %}
