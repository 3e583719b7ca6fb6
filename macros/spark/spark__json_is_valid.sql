{#- Spark's json_is_valid (macros/cross_db): DuckDB's json_valid and an
    OBJECT type. get_json_object (the default) takes single-quoted strings
    and anything after the first value; try_parse_json (Spark 4's variant
    parser) is strict but for what follows the document, so the text must
    also end with its closing brace (whitespace aside). Left: a line of two
    objects, which DuckDB refuses and Spark reads as the first, and an
    object with a duplicate key, which DuckDB takes (its first value) and
    Spark's variant refuses (spark.sql.variant.allowDuplicateKeys false). -#}
{% macro spark__json_is_valid(expr) -%}
    coalesce(
        schema_of_variant(try_parse_json({{ expr }})) like 'OBJECT%'
        and {{ expr }} rlike concat('[}][ ', char(9), char(13), ']*$'),
        false
    )
{%- endmacro %}
