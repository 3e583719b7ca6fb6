{#- A quarantine check (see quarantine_reason) failing when a raw value is
    present but its typed version is null: it could not be parsed or cast.
    The reason names the problem, the column and the raw value. -#}
{% macro invalid_value_check(raw_expr, typed_expr, column, problem='unparseable timestamp') -%}
    {%- set raw_text = try_cast(raw_expr, api.Column.translate_type('string')) -%}
    {{ return([
        "not " ~ is_blank(raw_expr) ~ " and " ~ typed_expr ~ " is null",
        "'" ~ problem ~ " in " ~ column ~ ": ' || " ~ raw_text,
    ]) }}
{%- endmacro %}
