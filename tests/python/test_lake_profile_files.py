"""A person file dropped in the lake (an identity source declared by path): rows that break the
contract are quarantined with file, row and reason, never dropped, and the rest are staged."""

from __future__ import annotations

from pathlib import Path

from dbt_runner import query, run_dbt

CSV = (
    "Record ID, First Name, Surname, Updated\n"
    "r-1, John, Doe, 2024-01-02T03:04:05Z\n"
    ", Jane, Doe, 2024-01-02T03:04:05Z\n"
    "r-3, Mary, Major, not a time\n"
    "r-1, Johnny, Doe, 2025-01-02T03:04:05Z\n"
)

OVERRIDES = {
    "link_type": "dedupe_only",
    "sources": [
        {
            "name": "people",
            "path": "raw/people/*.csv",
            "format": "csv",
            "id": "record_id",
            "updated_at": "updated",
            "attributes": {"first_name": "first_name", "last_name": "surname"},
        }
    ],
}


def test_bad_rows_of_a_dropped_file_are_quarantined(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    (lake / "raw" / "people").mkdir(parents=True)
    (lake / "raw" / "people" / "people.csv").write_text(CSV)
    database = tmp_path / "warehouse" / "customer_360.duckdb"
    database.parent.mkdir()
    result = run_dbt(
        ["build", "--select", "base_lake__profile_files", "stg_lake__profile_files"],
        lake,
        database,
        {"identity_resolution_overrides": OVERRIDES},
    )
    assert result.returncode == 0, result.stdout[-3000:]
    quarantined = query(
        database,
        "select _row_in_file, _quarantine_reason from staging.base_lake__profile_files "
        "where _quarantine_reason is not null order by _row_in_file",
    )
    assert [(row, reason.split(":")[0]) for row, reason in quarantined] == [
        (2, "missing key record id"),
        (3, "unparseable timestamp in updated_at"),
    ]
    assert "not a time" in quarantined[1][1]
    staged = query(
        database,
        "select profile_record_id, first_name from staging.stg_lake__profile_files",
    )
    # the later version of r-1 wins; values stay as written (normalization trims them later)
    assert staged == [("people:r-1", " Johnny")]
