{#- Spark's staged_ctes (macros/cross_db): Spark inlines a deterministic
    CTE at every place it is read (in a create-table-as-select, already when
    it analyses the statement), so a chain of CTEs that read earlier ones
    several times grows a plan of exponential size, and a long chain read
    once still makes one deep plan that Spark's analyzer takes minutes over.
    Here the CTEs marked materialized (materialized_cte: a comment on Spark)
    are materialized instead, each into a table <model>__cte_<name> (one
    statement each, in order, when the model compiles in a run or a build),
    when they are read more than once (from or join) or when the chain of
    not yet materialized CTEs under them reaches max_depth. Each table's
    statement holds only the CTEs it reads (transitively), those already
    materialized as a select from their table; the model's statement is
    rewritten the same way, so it reads the tables. The results are those
    of the statement as written (a CTE is a table either way).
    drop_staged_ctes (a post-hook) drops the tables. Under dbt compile, or
    where no CTE is marked, the SQL is returned as it is. -#}
{% macro spark__staged_ctes(sql, max_depth=12) -%}
    {%- set parsed = spark_top_level_ctes(sql) -%}
    {%- if parsed is none or not execute or flags.WHICH not in ('run', 'build') -%}
        {{ return(sql) }}
    {%- endif -%}
    {%- set re = modules.re -%}
    {%- set ctes = parsed.ctes -%}
    {%- set later_text = [] -%}
    {%- for cte in ctes -%}
        {%- do later_text.append(cte.body) -%}
    {%- endfor -%}
    {%- do later_text.append(parsed.main) -%}
    {%- set reading = {} -%}
    {%- for cte in ctes -%}
        {%- do reading.update({cte.name: '(?i)\\b(?:from|join)\\s+' ~ cte.name ~ '\\b'}) -%}
    {%- endfor -%}
    {#- per CTE: the earlier CTEs it reads, how often later text reads it -#}
    {%- set deps = {} -%}
    {%- set reads = {} -%}
    {%- for cte in ctes -%}
        {%- set index = loop.index0 -%}
        {%- set read = [] -%}
        {%- for earlier in ctes[:index] if re.search(reading[earlier.name], cte.body) -%}
            {%- do read.append(earlier.name) -%}
        {%- endfor -%}
        {%- do deps.update({cte.name: read}) -%}
        {%- set ns = namespace(count=0) -%}
        {%- for text in later_text[index + 1:] -%}
            {%- set ns.count = ns.count + (re.findall(reading[cte.name], text) | length) -%}
        {%- endfor -%}
        {%- do reads.update({cte.name: ns.count}) -%}
    {%- endfor -%}
    {#- which to stage: marked, and read twice or more, or deep -#}
    {%- set staged = {} -%}
    {%- set depth = {} -%}
    {%- for cte in ctes -%}
        {%- set ns = namespace(deepest=0) -%}
        {%- for name in deps[cte.name] if name not in staged -%}
            {%- set ns.deepest = [ns.deepest, depth[name]] | max -%}
        {%- endfor -%}
        {%- set cte_depth = ns.deepest + 1 -%}
        {%- if cte.marked and (reads[cte.name] > 1 or cte_depth >= max_depth) -%}
            {%- do staged.update({cte.name: this.incorporate(
                path={'identifier': this.identifier ~ '__cte_' ~ cte.name})}) -%}
            {%- do depth.update({cte.name: 0}) -%}
        {%- else -%}
            {%- do depth.update({cte.name: cte_depth}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not staged -%}
        {{ return(sql) }}
    {%- endif -%}
    {#- the CTE definitions a statement reading `names` needs, in order -#}
    {%- set definitions = {} -%}
    {%- for cte in ctes -%}
        {%- do definitions.update(
            {cte.name: cte.name ~ ' ' ~ cte.header ~ ' (' ~ cte.body ~ ')'}) -%}
    {%- endfor -%}
    {%- for cte in ctes -%}
        {%- set needed = {} -%}
        {%- set queue = [cte.name] -%}
        {%- for name in queue -%}
            {%- if name not in needed -%}
                {%- do needed.update({name: true}) -%}
                {%- if name not in staged or name == cte.name -%}
                    {%- do queue.extend(deps[name]) -%}
                {%- endif -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if cte.name in staged -%}
            {%- set statement = [] -%}
            {%- for earlier in ctes if earlier.name in needed -%}
                {%- do statement.append(definitions[earlier.name]) -%}
            {%- endfor -%}
            {%- do run_query(create_work_table(
                staged[cte.name],
                'with ' ~ (statement | join(',\n')) ~ '\nselect * from ' ~ cte.name)) -%}
            {%- do definitions.update(
                {cte.name: cte.name ~ ' as (select * from ' ~ staged[cte.name] ~ ')'}) -%}
        {%- endif -%}
    {%- endfor -%}
    {#- the model's statement: the CTEs its main select reads -#}
    {%- set needed = {} -%}
    {%- set queue = [] -%}
    {%- for cte in ctes if re.search(reading[cte.name], parsed.main) -%}
        {%- do queue.append(cte.name) -%}
    {%- endfor -%}
    {%- for name in queue -%}
        {%- if name not in needed -%}
            {%- do needed.update({name: true}) -%}
            {%- if name not in staged -%}
                {%- do queue.extend(deps[name]) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set statement = [] -%}
    {%- for cte in ctes if cte.name in needed -%}
        {%- do statement.append(definitions[cte.name]) -%}
    {%- endfor -%}
    {{ return(parsed.prefix ~ 'with ' ~ (statement | join(',\n')) ~ '\n' ~ parsed.main) }}
{%- endmacro %}
