{#- Epoch milliseconds (any type castable to bigint) to a UTC timestamp;
    null when the value is not a whole number. -#}
{% macro epoch_ms_to_timestamp(expr) -%}
    {{ return(adapter.dispatch('epoch_ms_to_timestamp', 'customer_360')(expr)) }}
{%- endmacro %}

{% macro default__epoch_ms_to_timestamp(expr) -%}
    timestamp_millis({{ try_cast(expr, api.Column.translate_type('bigint')) }})
{%- endmacro %}

{#- DuckDB: epoch_ms(bigint) returns a timestamp. -#}
{% macro duckdb__epoch_ms_to_timestamp(expr) -%}
    epoch_ms(try_cast({{ expr }} as bigint))
{%- endmacro %}
