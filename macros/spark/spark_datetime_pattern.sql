{#- A strptime pattern as a Spark datetime pattern; numeric fields as one
    letter, which Spark parses padded or not, as strptime does. -#}
{% macro spark_datetime_pattern(format) -%}
    {%- set letters = {
        '%Y': 'yyyy', '%y': 'yy', '%m': 'M', '%d': 'd', '%H': 'H', '%I': 'h', '%M': 'm',
        '%S': 's', '%p': 'a', '%b': 'MMM', '%B': 'MMMM', '%f': 'SSSSSS', '%%': '%',
    } -%}
    {%- set parts = [] -%}
    {%- for token in modules.re.split('(%.)', format) if token -%}
        {%- if token.startswith('%') and token not in letters -%}
            {{ exceptions.raise_compiler_error(
                "spark_datetime_pattern: strptime directive " ~ token ~ " in '" ~ format
                ~ "' has no Spark equivalent here") }}
        {%- elif token in letters -%}
            {%- do parts.append(letters[token]) -%}
        {%- elif modules.re.search('[A-Za-z]', token) -%}
            {%- do parts.append("''" ~ token ~ "''") -%}
        {%- else -%}
            {%- do parts.append(token) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(parts | join('')) }}
{%- endmacro %}
