{#- Spark's datediff, overriding dbt-spark's for milliseconds and
    microseconds (this project's macros come first in dbt's dispatch of its
    own macros): dbt-spark's adds the millisecond digits of each side to a
    difference of whole seconds divided by (1/1000), which came out a
    thousand times too large here (an agent's 1,323.093-second interval as
    1,323,455.637). DuckDB's date_diff counts the unit's boundaries between
    the two: the difference of the instants, each truncated to the unit
    (unix_millis, unix_micros), as here, as a double: the models divide it
    by a decimal literal (`/ 1000.0`), a double on DuckDB, a decimal(27,6)
    on Spark (which rounded ratios built on it to 6 places); integers of
    this size are exact in a double. Other units: dbt-spark's. -#}
{% macro spark__datediff(first_date, second_date, datepart) -%}
    {%- if datepart | lower == 'millisecond' -%}
        cast(unix_millis(cast({{ second_date }} as timestamp))
            - unix_millis(cast({{ first_date }} as timestamp)) as double)
    {%- elif datepart | lower == 'microsecond' -%}
        cast(unix_micros(cast({{ second_date }} as timestamp))
            - unix_micros(cast({{ first_date }} as timestamp)) as double)
    {%- else -%}
        {{ dbt.spark__datediff(first_date, second_date, datepart) }}
    {%- endif -%}
{%- endmacro %}
