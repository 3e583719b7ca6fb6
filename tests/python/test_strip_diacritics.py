"""strip_diacritics' portable default (macros/cross_db), which Spark uses, folds as DuckDB's does.

`decomposing_letters` is a generated table: every letter of the Basic Multilingual Plane that
Unicode decomposes (NFD) into one letter and combining marks only. Generated again here from
Python's unicodedata, it must equal the macro's; DuckDB's `strip_accents` must fold each letter
to the same base; and the default, run on DuckDB through `dbt show --inline`, must give what
DuckDB's implementation gives for every one of them and for letters the table handles alone.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import duckdb
import pytest
from dbt_runner import show_inline

# letters Unicode does not decompose, which strip_diacritics_by_table folds on every engine
UNDECOMPOSED = "øØłŁđĐðÐıħĦŧŦßẞæÆœŒþÞ"


def decomposing_letters() -> list[tuple[str, str]]:
    """(letter, base letter) for each BMP letter whose NFD is a letter and Mn marks only."""
    pairs = []
    for code in range(0xA0, 0x10000):
        if 0xAC00 <= code <= 0xD7A3:  # Hangul syllables decompose into letters, not marks
            continue
        letter = chr(code)
        parts = unicodedata.normalize("NFD", letter)
        if (
            len(parts) > 1
            and unicodedata.category(parts[0]).startswith("L")
            and all(unicodedata.category(mark) == "Mn" for mark in parts[1:])
        ):
            pairs.append((letter, parts[0]))
    return pairs


def show(work: Path, sql: str) -> list[dict[str, object]]:
    result, rows = show_inline(work, sql)
    assert result.returncode == 0, result.stdout[-4000:]
    return rows


def test_the_table_is_unicodes_and_duckdbs(tmp_path: Path) -> None:
    pairs = decomposing_letters()
    (table,) = show(
        tmp_path,
        "select {% set f = customer_360.decomposing_letters() %}"
        "'{{ f.accented }}' as accented, '{{ f.plain }}' as plain",
    )
    assert list(zip(table["accented"], table["plain"], strict=True)) == pairs
    with duckdb.connect() as con:
        folded = con.execute(
            "select list(strip_accents(letter)) from unnest(?) as t (letter)",
            [[letter for letter, _ in pairs]],
        ).fetchone()[0]
    assert folded == [base for _, base in pairs]


@pytest.mark.parametrize("kind", ["decomposing", "undecomposed"])
def test_the_default_folds_as_duckdb_does(tmp_path: Path, kind: str) -> None:
    letters = (
        "".join(letter for letter, _ in decomposing_letters())
        if kind == "decomposing"
        else UNDECOMPOSED
    )
    words = [letters[i : i + 7] for i in range(0, len(letters), 7)] + ["Nguyễn Ζωή José"]
    values = ", ".join(f"('{word}')" for word in words)
    rows = show(
        tmp_path,
        "select word,"
        " {{ customer_360.default__strip_diacritics('word') }} as portable,"
        " {{ customer_360.duckdb__strip_diacritics('word') }} as duckdb"
        f" from (values {values}) as t (word)",
    )
    assert len(rows) == len(words)
    assert [row for row in rows if row["portable"] != row["duckdb"]] == []
    assert {row["word"]: row["portable"] for row in rows}["Nguyễn Ζωή José"] == "Nguyen Ζωη Jose"
