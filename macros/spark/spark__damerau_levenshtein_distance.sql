{#- Spark's damerau_levenshtein_distance (macros/cross_db): Spark has none
    (only levenshtein). The unrestricted distance, as DuckDB's (Lowrance and
    Wagner: a transposition of two characters with edits between them
    counts, so 'ca' to 'abc' is 2, where the restricted "optimal string
    alignment" gives 3), in SQL with higher-order functions, no UDF. The two
    strings are split into character arrays once (an argument such as a
    date cast to text is not formatted again for every cell); an aggregate
    over the left's positions keeps every row of the distance table, each
    row an aggregate over the right's positions. A cell's transposition
    candidate is the last earlier row whose character equals the right's
    here (k) and the last earlier position of this row's character in the
    right (c), the algorithm's da and db. Characters are Spark's (UTF-16
    code units), where DuckDB counts UTF-8 bytes: they agree on ASCII. -#}
{% macro spark__damerau_levenshtein_distance(left, right) -%}
    transform(array(named_struct(
        'a', split({{ left }}, ''),
        'b', split({{ right }}, ''),
        'n', length({{ left }}),
        'm', length({{ right }})
    )), dl_s -> case
        when dl_s.n is null or dl_s.m is null then cast(null as int)
        when dl_s.n = 0 then dl_s.m
        when dl_s.m = 0 then dl_s.n
        else element_at(element_at(aggregate(
            sequence(1, dl_s.n),
            array(sequence(0, dl_s.m)),
            (dl_rows, dl_i) -> concat(dl_rows, array(aggregate(
                sequence(1, dl_s.m),
                array(dl_i),
                (dl_row, dl_j) -> concat(dl_row, array(least(
                    element_at(element_at(dl_rows, dl_i), dl_j)
                        + case
                            when element_at(dl_s.a, dl_i) = element_at(dl_s.b, dl_j) then 0
                            else 1
                        end,
                    element_at(dl_row, dl_j) + 1,
                    element_at(element_at(dl_rows, dl_i), dl_j + 1) + 1,
                    transform(array(named_struct(
                        'k', coalesce(array_max(filter(
                            sequence(1, dl_i),
                            dl_x -> dl_x < dl_i
                                and element_at(dl_s.a, dl_x) = element_at(dl_s.b, dl_j)
                        )), 0),
                        'c', coalesce(array_max(filter(
                            sequence(1, dl_j),
                            dl_y -> dl_y < dl_j
                                and element_at(dl_s.b, dl_y) = element_at(dl_s.a, dl_i)
                        )), 0)
                    )), dl_t -> case
                        when dl_t.k > 0 and dl_t.c > 0
                            then element_at(element_at(dl_rows, dl_t.k), dl_t.c)
                                + (dl_i - dl_t.k - 1) + 1 + (dl_j - dl_t.c - 1)
                    end)[0]
                )))
            )))
        ), -1), -1)
    end)[0]
{%- endmacro %}
