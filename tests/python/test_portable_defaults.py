"""The portable defaults of `parse_timestamp_utc` and `row_hash` (macros/cross_db), run on DuckDB.

DuckDB and Spark have implementations of their own, so nothing in the project runs the default;
an engine without one would. Here `dbt show --inline` calls `default__parse_timestamp_utc`
directly on DuckDB (its cross-database helpers resolve to DuckDB's) over the ISO shapes of
tests/macros/test_parse_timestamp_utc.sql, which DuckDB's implementation must also pass: the
same values, the same UTC results. A format, or a zone other than UTC, stops the compile.
`default__row_hash` and `duckdb__row_hash` must hash equal rows alike and tell near rows apart.
`bit_or_agg` (one portable default, DuckDB's and Spark's name) must or each bit in once.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from dbt_runner import show_inline

# value, expected UTC timestamp (None: null): every offset shape, offset-less values, and
# values that are not ISO timestamps
ISO = [
    ("2026-01-05T09:12:44-05:00", "2026-01-05 14:12:44"),
    ("2026-01-05T09:12:44Z", "2026-01-05 09:12:44"),
    ("2026-01-05T09:12:44.512Z", "2026-01-05 09:12:44.512"),
    ("2026-01-05 09:12:44", "2026-01-05 09:12:44"),
    ("2026-01-05 15:42:44+0630", "2026-01-05 09:12:44"),
    ("2026-01-04 23:12:44-1000", "2026-01-05 09:12:44"),
    ("2026-01-05T11:12:44+02", "2026-01-05 09:12:44"),
    ("2026-01-05T11:12+02:00", "2026-01-05 09:12:00"),
    (" 2026-01-05T09:12:44Z ", "2026-01-05 09:12:44"),
    (" 2026-01-05 09:12:44 ", "2026-01-05 09:12:44"),
    ("2026-13-45T99:00:00Z", None),
    ("not a date", None),
    ("2026-01-05", "2026-01-05 00:00:00"),
    ("1767604364", None),
    ("epoch", None),
    ("infinity", None),
    ("2026-01-05 04:12:44 EST", None),
    ("2026-01-05 04:12:44 America/New_York", None),
]
# time_zone none: an offset is required, a value without one is ambiguous
OFFSET_REQUIRED = [
    ("2026-01-05T09:12:44-05:00", "2026-01-05 14:12:44"),
    ("2026-01-05T09:12:44Z", "2026-01-05 09:12:44"),
    ("2026-01-05 09:12:44", None),
    ("2026-01-05T09:12:44", None),
    ("2026-01-05", None),
]


def literal(value: str | None, cast: str = "") -> str:
    return "null" if value is None else f"{cast}'{value}'"


def show(work: Path, sql: str) -> tuple[int, str, list[dict[str, object]]]:
    """`dbt show --inline` on an empty DuckDB file: return code, output, rows."""
    result, rows = show_inline(work, sql)
    return result.returncode, result.stdout, rows


def comparison(cases: list[tuple[str, str | None]], time_zone: str) -> str:
    values = ",\n".join(
        f"({literal(raw)}, {literal(expected, 'timestamp ')})" for raw, expected in cases
    )
    parsed = "{{ customer_360.default__parse_timestamp_utc('raw_value', none, " + time_zone + ") }}"
    return f"""
        select
            raw_value,
            cast({parsed} as varchar) as parsed,
            ({parsed}) is not distinct from expected as agrees
        from (values {values}) as fixture (raw_value, expected)
    """


@pytest.mark.parametrize(
    ("cases", "time_zone"), [(ISO, "'UTC'"), (OFFSET_REQUIRED, "none")], ids=["utc", "none"]
)
def test_the_portable_default_reads_every_iso_shape_as_duckdb_does(
    tmp_path: Path, cases: list[tuple[str, str | None]], time_zone: str
) -> None:
    code, output, rows = show(tmp_path, comparison(cases, time_zone))
    assert code == 0, output[-4000:]
    assert len(rows) == len(cases)
    disagreeing = [(row["raw_value"], row["parsed"]) for row in rows if not row["agrees"]]
    assert disagreeing == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ("'%Y-%m-%d', 'UTC'", "a format needs an engine implementation"),
        ("none, 'America/Chicago'", "time_zone other than UTC needs an engine implementation"),
    ],
)
def test_the_portable_default_refuses_what_it_cannot_honour(
    tmp_path: Path, arguments: str, message: str
) -> None:
    sql = f"select {{{{ customer_360.default__parse_timestamp_utc('x', {arguments}) }}}} as a"
    code, output, _ = show(tmp_path, sql)
    assert code != 0
    assert message in output


# pairs of rows: (left row, right row, whether their hashes must be equal); a null takes part
# like a value, and moving a value to the other column or across the separator changes the hash
ROW_HASH_CASES = [
    (("'a'", "'b'"), ("'a'", "'b'"), True),
    (("'a'", "null"), ("'a'", "null"), True),
    (("'a'", "null"), ("null", "'a'"), False),
    (("'a'", "'b'"), ("'b'", "'a'"), False),
    (("'a|b'", "'c'"), ("'a'", "'b|c'"), False),
    (("'a'", "''"), ("'a'", "null"), False),
]


@pytest.mark.parametrize("implementation", ["default__row_hash", "duckdb__row_hash"])
def test_row_hash_is_equal_for_equal_rows_and_tells_these_apart(
    tmp_path: Path, implementation: str
) -> None:
    def hashed(row: tuple[str, str]) -> str:
        columns = ", ".join(f"cast({value} as varchar) as c{i}" for i, value in enumerate(row))
        return (
            f"(select {{{{ customer_360.{implementation}(['c0', 'c1']) }}}} "
            f"from (select {columns}) as row_values)"
        )

    selects = [
        f"select {case} as case_number, {hashed(left)} = {hashed(right)} as equal"
        for case, (left, right, _) in enumerate(ROW_HASH_CASES)
    ]
    code, output, rows = show(tmp_path, "\nunion all\n".join(selects))
    assert code == 0, output[-4000:]
    found = {row["case_number"]: row["equal"] for row in rows}
    assert found == {case: equal for case, (_, _, equal) in enumerate(ROW_HASH_CASES)}


def test_bit_or_agg_sets_each_bit_once_and_skips_nulls(tmp_path: Path) -> None:
    # two groups: one shares a rule's bit three times (a pair with three keys of one rule),
    # the other holds only nulls
    sql = (
        "select grp, {{ customer_360.bit_or_agg('bit') }} as mask "
        "from (values (1, 1), (1, 1), (1, 4), (1, 1), (1, 1099511627776), (1, null), "
        "(2, null)) as rule_bits (grp, bit) group by grp order by grp"
    )
    code, output, rows = show(tmp_path, sql)
    assert code == 0, output[-4000:]
    assert [(row["grp"], row["mask"]) for row in rows] == [(1, 1 + 4 + 2**40), (2, None)]
