{#- The top-level CTEs of a rendered `with ... select` statement, for
    spark__staged_ctes: a dict with `prefix` (the text before `with`),
    `ctes` (a list of dicts: `name`, `header` (the text between the name
    and the opening parenthesis: `as`, a `materialized` keyword or comment),
    `body` (the text inside the parentheses), `marked` (whether the header
    says materialized)) and `main` (the statement after the last CTE); none
    when the SQL does not start with `with` (comments and blank space
    aside). Parentheses are counted outside string literals and comments;
    CTEs nested inside a CTE's body stay in that body. -#}
{% macro spark_top_level_ctes(sql) -%}
    {%- set re = modules.re -%}
    {%- set tokens = re.findall(
        "'[^']*'|--[^\\n]*|/[*][\\s\\S]*?[*]/|[(),]|[^'(),/-]+|[\\s\\S]", sql) -%}
    {%- set ns = namespace(
        phase='prefix', depth=0, prefix=[], header=[], body=[], main=[], ctes=[], ok=true) -%}
    {%- for token in tokens if ns.ok -%}
        {%- set blank = token.strip() == '' or token.startswith('--')
            or token.startswith('/*') -%}
        {%- if ns.phase == 'prefix' -%}
            {%- if blank -%}
                {%- do ns.prefix.append(token) -%}
            {%- elif re.match('(?i)\\s*with\\b', token) -%}
                {%- set ns.phase = 'header' -%}
                {%- do ns.header.append(re.sub('(?i)^\\s*with\\b', '', token)) -%}
            {%- else -%}
                {%- set ns.ok = false -%}
            {%- endif -%}
        {%- elif ns.phase == 'header' -%}
            {%- if token == '(' -%}
                {%- set header = ns.header | join('') -%}
                {%- set named = re.match(
                    '(?is)\\s*(?:/[*].*?[*]/\\s*)*(\\w+)\\s+(as\\b.*)$', header) -%}
                {%- if named -%}
                    {%- do ns.ctes.append({
                        'name': named.group(1), 'header': named.group(2).strip(),
                        'marked': 'materialized' in named.group(2).lower()}) -%}
                    {%- set ns.phase = 'body' -%}
                    {%- set ns.depth = 1 -%}
                    {%- set ns.body = [] -%}
                {%- else -%}
                    {%- set ns.ok = false -%}
                {%- endif -%}
            {%- elif not token.startswith('--') -%}
                {%- do ns.header.append(token) -%}
            {%- endif -%}
        {%- elif ns.phase == 'body' -%}
            {%- if token == '(' -%}
                {%- set ns.depth = ns.depth + 1 -%}
            {%- elif token == ')' -%}
                {%- set ns.depth = ns.depth - 1 -%}
            {%- endif -%}
            {%- if ns.depth == 0 -%}
                {%- do ns.ctes[-1].update({'body': ns.body | join('')}) -%}
                {%- set ns.phase = 'after' -%}
            {%- else -%}
                {%- do ns.body.append(token) -%}
            {%- endif -%}
        {%- elif ns.phase == 'after' -%}
            {%- if token == ',' -%}
                {%- set ns.phase = 'header' -%}
                {%- set ns.header = [] -%}
            {%- elif not blank -%}
                {%- set ns.phase = 'main' -%}
                {%- do ns.main.append(token) -%}
            {%- endif -%}
        {%- else -%}
            {%- do ns.main.append(token) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not ns.ok or ns.phase != 'main' -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return({'prefix': ns.prefix | join(''), 'ctes': ns.ctes, 'main': ns.main | join('')}) }}
{%- endmacro %}
