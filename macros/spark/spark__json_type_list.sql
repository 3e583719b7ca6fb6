{#- Spark's json_type_list (macros/cross_db): DuckDB's json_type names from
    the type of each path's value in Spark 4's variant (the document parsed
    once, bound to a lambda's argument): OBJECT, ARRAY, VARCHAR (a string),
    BOOLEAN, NULL (a JSON null), UBIGINT or BIGINT (an integer, by sign, as
    DuckDB), DOUBLE (a decimal or a float); a null element where the path is
    absent. The default's OBJECT / OTHER would name a type DuckDB does not
    (quarantine reasons say "Agent is VARCHAR, not an object"). Left: an
    integer beyond a bigint is DOUBLE here, UBIGINT on DuckDB up to 2^64. -#}
{% macro spark__json_type_list(doc, paths) -%}
    element_at(transform(array(try_parse_json({{ doc }})), parsed -> array(
        {%- for path in paths %}
        case schema_of_variant(variant_get(parsed, '{{ path }}'))
            when 'STRING' then 'VARCHAR'
            when 'BOOLEAN' then 'BOOLEAN'
            when 'VOID' then 'NULL'
            when 'BIGINT' then
                case
                    when variant_get(parsed, '{{ path }}', 'bigint') < 0 then 'BIGINT'
                    else 'UBIGINT'
                end
            else
                case
                    when schema_of_variant(variant_get(parsed, '{{ path }}')) like 'OBJECT%'
                        then 'OBJECT'
                    when schema_of_variant(variant_get(parsed, '{{ path }}')) like 'ARRAY%'
                        then 'ARRAY'
                    when variant_get(parsed, '{{ path }}') is not null then 'DOUBLE'
                end
        end{{ ',' if not loop.last }}
        {%- endfor %}
    )), 1)
{%- endmacro %}
