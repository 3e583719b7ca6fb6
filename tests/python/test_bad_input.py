"""Bad input stops at the layer that finds it, named, and loses nothing (issue 6, first cases).

A small generated lake gets a CRM delta partition (load_date=2026-01-08) of drifted files:

- `missing_email.parquet`: the optional `email` column is gone (3 rows);
- `renamed_id.parquet`: `contact_id` renamed to `id`, plus an extra `loyalty_tier` (2 rows);
- `modified_at_epoch.parquet`: `modified_at` written as epoch seconds, an int64 (2 rows).

A copy of the lake also gets a truncated Parquet file. What each must give is asserted below.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import generate_lake
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from dbt_runner import query, run_dbt

DELTA = "load_date=2026-01-08"
# odd_values.parquet: values that are legal in the contract but absurd or hostile
ODD_VALUES = [
    {"birth_date": "01/01/2099"},  # born in the future
    {"phone": "1" * 40},  # a 40-digit phone
    {"full_name": "Longname " + "x" * 10_000},  # a 10,010-character name
    {"full_name": "Robert'); drop table staging.stg_crm__contacts;--"},
    {"full_name": "山田 太郎"},
    {"full_name": "Иван Петров"},
]
SELECT = [
    "--select",
    "+audit_quarantined_rows",
    "+audit_feed_reconciliation",
    "+audit_schema_drift",
]


def crm_folder(lake: Path) -> Path:
    return lake / "raw" / "crm" / "contacts"


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated lake with the drifted CRM files added."""
    root = tmp_path_factory.mktemp("bad_input") / "lake"
    args = ["--lake-root", str(root), "--customers", "60", "--seed", "3", "--days", "7"]
    assert generate_lake.main(args) == 0
    first = next((crm_folder(root) / "load_date=2026-01-01").glob("*.parquet"))
    table = pq.read_table(first)
    delta = crm_folder(root) / DELTA
    delta.mkdir()
    pq.write_table(table.slice(0, 3).drop(["email"]), delta / "missing_email.parquet")
    renamed = table.slice(3, 2)
    renamed = renamed.rename_columns(
        ["id" if name == "contact_id" else name for name in renamed.column_names]
    ).append_column("loyalty_tier", pa.array(["gold", "silver"]))
    pq.write_table(renamed, delta / "renamed_id.parquet")
    epoch = table.slice(5, 2)
    epoch = epoch.set_column(
        epoch.column_names.index("modified_at"),
        "modified_at",
        pa.array([1767225600, 1767312000], pa.int64()),
    )
    pq.write_table(epoch, delta / "modified_at_epoch.parquet")
    odd = table.slice(7, len(ODD_VALUES))
    for column in ("contact_id", "full_name", "phone", "birth_date"):
        values = [row.get(column) for row in ODD_VALUES]
        if column == "contact_id":
            values = [f"CRM-9999{index:04d}" for index in range(len(ODD_VALUES))]
        odd = odd.set_column(
            odd.column_names.index(column),
            column,
            pa.array(
                [
                    value or original
                    for value, original in zip(values, odd[column].to_pylist(), strict=True)
                ]
            ),
        )
    pq.write_table(odd, delta / "odd_values.parquet")
    return root


@pytest.fixture(scope="module")
def built(lake: Path) -> Path:
    """Staging, quarantine, reconciliation and normalization built (with their tests)."""
    database = lake.parent / "warehouse.duckdb"
    selection = [*SELECT, "+int_profiles_normalized"]
    result = run_dbt(["build", *selection, "--indirect-selection", "cautious"], lake, database)
    assert result.returncode == 0, result.stdout[-4000:]
    return database


def quarantined(database: Path, file: str) -> list[tuple[int, str, str]]:
    return query(
        database,
        "select row_in_file, reason, raw_record from audit.audit_quarantined_rows"
        f" where file_name like '%/{DELTA}/{file}' order by row_in_file",
    )


def test_a_renamed_key_column_quarantines_its_rows_and_keeps_them_whole(built: Path) -> None:
    rows = quarantined(built, "renamed_id.parquet")
    assert [(row, reason) for row, reason, _ in rows] == [
        (1, "missing key contact_id"),
        (2, "missing key contact_id"),
    ]
    # nothing is lost: the renamed id and the extra column are in the quarantined raw record
    records = [json.loads(raw) for _, _, raw in rows]
    assert [record["loyalty_tier"] for record in records] == ["gold", "silver"]
    assert all(record["id"].startswith("CRM-") for record in records)


def test_a_type_change_quarantines_each_row_naming_the_column_and_value(built: Path) -> None:
    rows = quarantined(built, "modified_at_epoch.parquet")
    assert [(row, reason) for row, reason, _ in rows] == [
        (1, "unparseable timestamp in modified_at: 1767225600"),
        (2, "unparseable timestamp in modified_at: 1767312000"),
    ]


def test_a_missing_optional_column_stages_its_rows_with_nulls(built: Path) -> None:
    staged = query(
        built,
        "select count(*), count(email) from staging.stg_crm__contacts"
        f" where _file_name like '%/{DELTA}/missing_email.parquet'",
    )
    assert staged == [(3, 0)]


def test_schema_drift_names_each_file_and_column_and_warns(built: Path) -> None:
    drift = query(
        built,
        "select regexp_extract(file_name, '[^/]+$'), column_name, drift"
        " from audit.audit_schema_drift order by all",
    )
    # the generated files keep their contracts; only the drifted ones are listed
    assert drift == [
        ("missing_email.parquet", "email", "missing_column"),
        ("renamed_id.parquet", "contact_id", "missing_column"),
        ("renamed_id.parquet", "id", "unexpected_column"),
        ("renamed_id.parquet", "loyalty_tier", "unexpected_column"),
    ]


def test_the_drift_test_warns_without_stopping_the_build(lake: Path, built: Path) -> None:
    results = json.loads((built.parent / "target" / "run_results.json").read_text())
    status = {
        result["unique_id"].split(".")[2]: (result["status"], result["failures"])
        for result in results["results"]
    }
    assert status["test_no_schema_drift"] == ("warn", 4)


def test_absurd_hostile_and_non_latin_values_are_staged_and_normalized(built: Path) -> None:
    rows = dict(
        (record_id, rest)
        for record_id, *rest in query(
            built,
            "select source_record_id, first_name, last_name, birth_date, is_invalid_birth_date,"
            " phone, is_invalid_phone, length(last_name)"
            " from intermediate.int_profiles_normalized where source_record_id like 'CRM-9999%'",
        )
    )
    assert len(rows) == len(ODD_VALUES)  # every row staged and normalized, none dropped
    future, long_phone, long_name, sql_text, kanji, cyrillic = (
        rows[f"CRM-9999{index:04d}"] for index in range(len(ODD_VALUES))
    )
    assert (future[2], future[3]) == (None, True)  # the future birth date is nulled, flagged
    assert (long_phone[4], long_phone[5]) == (None, True)  # so is the 40-digit phone
    assert long_name[6] == 10_000  # the long name is kept whole
    # the SQL-looking name is data: staged verbatim, the table it names still there
    assert sql_text[0] == "robert'"
    assert query(
        built, "select full_name from staging.stg_crm__contacts where contact_id = 'CRM-99990003'"
    ) == [(ODD_VALUES[3]["full_name"],)]
    assert (kanji[0], kanji[1]) == ("山田", "太郎")
    assert (cyrillic[0], cyrillic[1]) == ("иван", "петров")


def test_every_drifted_row_is_accounted_for(built: Path) -> None:
    # the reconciles test passed inside the build; check the delta's seven rows by hand too
    staged = query(
        built,
        f"select count(*) from staging.stg_crm__contacts where _file_name like '%/{DELTA}/%'",
    )[0][0]
    held = query(
        built,
        f"select count(*) from audit.audit_quarantined_rows where file_name like '%/{DELTA}/%'",
    )[0][0]
    assert staged + held == 7 + len(ODD_VALUES)


def test_a_corrupt_parquet_file_stops_staging_and_names_the_file(
    lake: Path, tmp_path: Path
) -> None:
    corrupt = tmp_path / "lake"
    shutil.copytree(lake, corrupt)
    good = next((crm_folder(lake) / "load_date=2026-01-01").glob("*.parquet"))
    truncated = crm_folder(corrupt) / DELTA / "truncated.parquet"
    truncated.write_bytes(good.read_bytes()[:300])
    database = tmp_path / "warehouse.duckdb"
    result = run_dbt(["build", *SELECT, "--indirect-selection", "cautious"], corrupt, database)
    assert result.returncode != 0
    assert "ERROR creating sql view model staging.base_crm__contacts" in result.stdout
    assert str(truncated) in result.stdout
    # the layer that found it stopped: nothing downstream of the CRM base was built
    built_tables = {name for (name,) in query(database, "select table_name from duckdb_tables()")}
    assert "stg_crm__contacts" not in built_tables
    assert "audit_feed_reconciliation" not in built_tables
