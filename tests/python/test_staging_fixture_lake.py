"""dbt build on the hand-written fixture lake: every raw row is staged, quarantined with a
reason naming its file, row and column, or counted as a documented dedupe."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from dbt_runner import query, run_dbt
from fixture_lake import EXPECTED_DEDUPLICATED, EXPECTED_QUARANTINE, build_fixture_lake


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    lake = build_fixture_lake(tmp_path_factory.mktemp("fixture_lake"))
    database = tmp_path_factory.mktemp("warehouse") / "customer_360.duckdb"
    result = run_dbt(["build"], lake, database)
    assert result.returncode == 0, result.stdout[-4000:]
    return lake, database


def test_every_bad_row_is_quarantined_with_file_row_and_reason(built: tuple[Path, Path]) -> None:
    lake, database = built
    rows = query(
        database,
        "select feed, file_name, row_in_file, reason, raw_record "
        "from audit.audit_quarantined_rows order by all",
    )
    found = {
        (feed, str(Path(name).relative_to(lake)), row): reason
        for feed, name, row, reason, _ in rows
    }
    expected = {(feed, file, row): fragment for feed, file, row, fragment in EXPECTED_QUARANTINE}
    assert set(found) == set(expected)
    for key, fragment in expected.items():
        assert fragment in found[key], (key, found[key])
    assert all(raw for *_, raw in rows)


def test_reconciliation_accounts_for_every_raw_row(built: tuple[Path, Path]) -> None:
    _, database = built
    rows = query(
        database,
        "select feed, raw_rows, staged_rows, quarantined_rows, deduplicated_rows "
        "from audit.audit_feed_reconciliation",
    )
    assert {feed for feed, *_ in rows} == set(EXPECTED_DEDUPLICATED)
    quarantined = {feed: sum(1 for f, *_ in EXPECTED_QUARANTINE if f == feed) for feed, *_ in rows}
    for feed, raw, staged, in_quarantine, deduplicated in rows:
        assert raw == staged + in_quarantine + deduplicated, feed
        assert in_quarantine == quarantined[feed], feed
        assert deduplicated == EXPECTED_DEDUPLICATED[feed], feed


def test_raw_rows_counted_from_the_files_themselves(built: tuple[Path, Path]) -> None:
    lake, database = built
    parquet_rows = sum(
        pq.read_metadata(path).num_rows for path in lake.glob("raw/crm/**/*.parquet")
    )
    (raw,) = query(
        database,
        "select raw_rows from audit.audit_feed_reconciliation where feed = 'crm__contacts'",
    )[0]
    assert raw == parquet_rows
    ctr_lines = [
        line
        for path in lake.glob("raw/connect/contact_records/*/*/*/*")
        for line in path.read_text().splitlines()
        if line.strip()
    ]
    (ctr_raw,) = query(
        database,
        "select raw_rows from audit.audit_feed_reconciliation "
        "where feed = 'connect__contact_records'",
    )[0]
    assert ctr_raw == len(ctr_lines)


def test_latest_version_and_redelivery_win(built: tuple[Path, Path]) -> None:
    _, database = built
    assert query(
        database, "select email from staging.stg_crm__contacts where contact_id = 'CRM-00000001'"
    ) == [("john@anycompany.com",)]
    attributes = query(
        database,
        "select attributes from staging.stg_connect__contact_records where contact_id = 'c-0001'",
    )
    assert len(attributes) == 1
    assert '"reason":"billing"' in attributes[0][0].replace(" ", "")


def test_timestamps_in_every_source_format_become_utc(built: tuple[Path, Path]) -> None:
    _, database = built
    crm = query(
        database,
        "select modified_at from staging.stg_crm__contacts where contact_id = 'CRM-00000002'",
    )
    shipping = query(
        database,
        "select updated_at from staging.stg_shipping__recipients where recipient_id = '1001'",
    )
    billing = query(
        database,
        "select modified_at from staging.stg_billing__accounts where account_id = 'B-00000001'",
    )
    assert crm == [(dt.datetime(2025, 11, 29, 5, 10, 39),)]
    # 11:33:40 AM in Chicago on 29 August (CDT, UTC-5)
    assert shipping == [(dt.datetime(2025, 8, 29, 16, 33, 40),)]
    assert billing == [(dt.datetime(2025, 10, 29, 9, 47, 43),)]


def test_golden_records_follow_the_seed_rules(built: tuple[Path, Path]) -> None:
    _, database = built
    rows = query(
        database,
        "select first_name, last_name, email, phone, birth_date, source_record_count "
        "from marts.dim_unified_profiles order by last_name, first_name",
    )
    by_name = {(first, last): rest for first, last, *rest in rows}
    # John's most recent record (CRM, 2026-01-07) has no birth date: older records fill it.
    assert by_name[("john", "doe")] == [
        "john@anycompany.com",
        "+15550100000",
        dt.date(1980, 4, 9),
        5,
    ]
    assert by_name[("mary", "major")][:2] == ["mary@anycompany.com", "+15550100009"]
    assert by_name[("nikki", "wolf")][3] == 3
    # "Jane" (John's email, another phone, no last name) is not merged silently: she keeps her
    # own profile and her pair with John waits in the review queue.
    assert by_name[("jane", None)][3] == 1
    assert len(rows) == 4
    queued = query(
        database,
        "select review_reason from marts.fct_match_review_queue as q "
        "inner join intermediate.int_profiles_normalized as r "
        "on r.profile_record_id in (q.profile_record_id_l, q.profile_record_id_r) "
        "where r.first_name = 'jane'",
    )
    assert queued, "Jane's pair with John is not in the review queue"


def test_outputs_are_published_to_the_lake(built: tuple[Path, Path]) -> None:
    lake, database = built
    for name, table in (
        ("unified_profiles", "dim_unified_profiles"),
        ("identity_graph", "fct_identity_graph"),
    ):
        files = list((lake / "curated" / name).glob("*.parquet"))
        assert files, name
        written = sum(pq.read_metadata(path).num_rows for path in files)
        assert [(written,)] == query(database, f"select count(*) from marts.{table}")


def test_reconciliation_test_fails_when_staging_loses_a_row(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    lake, database = built
    import shutil

    import duckdb

    broken = tmp_path / "broken.duckdb"
    shutil.copy(database, broken)
    with duckdb.connect(str(broken)) as con:
        con.sql("delete from staging.stg_crm__contacts where contact_id = 'CRM-00000003'")
    result = run_dbt(["build", "--select", "audit_feed_reconciliation"], lake, broken)
    assert result.returncode != 0
    # the reconciles test names the feed's row: crm__contacts no longer adds up
    assert "FAIL 1 reconciles_audit_feed_reconciliation" in result.stdout, result.stdout[-3000:]


def test_load_date_since_reads_only_later_partitions(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    lake, _ = built
    database = tmp_path / "recent.duckdb"
    # build (models and seeds, no tests), not run: staging reads the erasure ledger, whose seed
    # a plain dbt run on a new warehouse does not load
    result = run_dbt(
        ["build", "--select", "+audit_feed_reconciliation", "--exclude-resource-type", "test"],
        lake,
        database,
        {"load_date_since": "2026-01-08"},
    )
    assert result.returncode == 0, result.stdout[-4000:]
    counts = dict(query(database, "select feed, raw_rows from audit.audit_feed_reconciliation"))
    # Only the 2026-01-08 CRM delta (1 row) and billing export (2 rows) are read.
    assert counts["crm__contacts"] == 1
    assert counts["billing__accounts"] == 2
    assert counts["shipping__recipients"] == 0
