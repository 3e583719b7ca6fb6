"""Incremental profile feeds: the five profile staging models read only the raw files they have
not loaded yet, int_profiles_unioned is a view and int_profiles_normalized reads only the records
staged since it last ran, and the warehouse ends where a full refresh of the same lake ends.

One generated lake (weekly profile loads on 2026-01-01, -08, -15 and -22), built as of
2026-01-15, then with the whole lake (the last load incrementally), then again with nothing new;
then a file holding a record that has been staged before lands, the last CRM and billing
partitions are withdrawn (their new records leave, their changed records fall back to the
earlier version), and an erasure request names a person; each state is compared with a full
refresh of a copy of the warehouse.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import generate
from dbt_runner import query, run_dbt

UNTIL = "2026-01-15"
LAKE_ARGS = ["--customers", "400", "--seed", "13", "--days", "28", "--bad-row-rate", "0.02"]
SELECTION = ["--select", "+int_profiles_normalized", "+audit_feed_reconciliation"]
SELECTION += ["+audit_quarantined_rows", "--indirect-selection", "cautious"]
STAGING = {
    "stg_crm__contacts": "contact_id",
    "stg_billing__accounts": "account_id",
    "stg_shipping__recipients": "recipient_id",
    "stg_ticketing__requesters": "requester_id",
    "stg_connect__customer_profiles": "profile_id",
}
# compared both ways, without the run stamps
COMPARED = {
    **{f"staging.{model}": ["_load_sequence"] for model in STAGING},
    "intermediate.int_profiles_normalized": ["normalized_sequence", "source_load_sequence"],
    "audit.audit_feed_reconciliation": [],
    "audit.audit_quarantined_rows": [],
}
WITHDRAWN = ("crm/contacts", "billing/accounts")
REQUESTS = "privacy/erasure_requests"
HEADER = "request_id,requested_at,email,phone,source_system,source_record_id,unified_profile_id\n"


@dataclass(frozen=True)
class Builds:
    """The lake and the warehouse after each step, with its full refresh."""

    lake: Path
    as_of: Path  # built as of UNTIL
    incremental: Path  # then the whole lake, incrementally
    rerun: Path  # then again with nothing new
    redelivered: Path  # then a file redelivering a staged record with a later update
    withdrawn: Path  # then the last CRM and billing partitions withdrawn
    erased: Path  # then an erasure request, and a new file holding the person again
    references: dict[str, Path]  # the full refresh of each of these states


def build(lake: Path, database: Path, *args: str, extra: dict[str, object] | None = None) -> None:
    """dbt build (models and tests) of the selection."""
    result = run_dbt(["build", *SELECTION, *args], lake, database, extra)
    assert result.returncode == 0, result.stdout[-4000:]


def snapshot(database: Path, path: Path) -> Path:
    shutil.copy(database, path)
    return path


def full_refresh(lake: Path, state: Path) -> Path:
    """A copy of the warehouse, rebuilt with --full-refresh (the erasure ledger, full_refresh
    false, is kept: staging filters the erased person on every build)."""
    reference = snapshot(state, state.with_name(f"{state.stem}_full.duckdb"))
    build(lake, reference, "--full-refresh")
    return reference


def redeliver(lake: Path, database: Path) -> str:
    """A new CRM file in a new partition holding a copy, updated later, of a record staged from
    the first load: the copy replaces the staged record. Returns its contact_id."""
    ((file, row),) = query(
        database,
        "select _file_name, _row_in_file from staging.stg_crm__contacts"
        " where _file_name like '%load_date=2026-01-01%' order by contact_id limit 1",
    )
    table = pq.read_table(file, partitioning=None).slice(row - 1, 1)
    for column, value in (("modified_at", "2026-03-01T00:00:00+00:00"), ("lead_source", "again")):
        table = table.set_column(table.schema.get_field_index(column), column, pa.array([value]))
    folder = lake / "raw/crm/contacts/load_date=2026-03-01"
    folder.mkdir()
    pq.write_table(table, folder / "part-redelivered.parquet")
    return table.column("contact_id")[0].as_py()


def request_erasure(lake: Path, database: Path) -> str:
    """Request the erasure of the owner of a staged CRM email. Returns the contact's id."""
    ((contact_id, email),) = query(
        database,
        "select contact_id, email from staging.stg_crm__contacts"
        " where email like '%@%' order by contact_id limit 1",
    )
    folder = lake / REQUESTS
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "person.csv").write_text(f"{HEADER}R-1,2026-03-02T09:00:00Z,{email},,,,\n")
    return contact_id


def land_erased_again(lake: Path, contact_id: str) -> None:
    """A new CRM file holding a later version of the erased contact, under another email."""
    rows, schema = [], None
    for file in sorted((lake / "raw/crm/contacts").glob("*/*.parquet")):
        table = pq.read_table(file, partitioning=None)
        schema = table.schema
        rows += [row for row in table.to_pylist() if str(row["contact_id"]) == contact_id]
    latest = {**rows[-1], "email": "someone.else@example.com"}
    latest["modified_at"] = latest["created_at"] = "2026-03-03T00:00:00+00:00"
    folder = lake / "raw/crm/contacts/load_date=2026-03-03"
    folder.mkdir()
    pq.write_table(pa.Table.from_pylist([latest], schema=schema), folder / "part-again.parquet")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builds]:
    work = tmp_path_factory.mktemp("incremental_profile_feeds")
    lake = generate(work / "lake", *LAKE_ARGS)
    database = work / "warehouse" / "customer_360.duckdb"
    database.parent.mkdir()
    build(lake, database, extra={"load_date_until": UNTIL})
    as_of = snapshot(database, work / "as_of.duckdb")
    build(lake, database)
    incremental = snapshot(database, work / "incremental.duckdb")
    references = {"incremental": full_refresh(lake, incremental)}
    build(lake, database)
    rerun = snapshot(database, work / "rerun.duckdb")
    redeliver(lake, database)
    build(lake, database)
    redelivered = snapshot(database, work / "redelivered.duckdb")
    references["redelivered"] = full_refresh(lake, redelivered)
    for feed in WITHDRAWN:
        shutil.rmtree(sorted((lake / "raw" / feed).glob("load_date=2026-01-*"))[-1])
    build(lake, database)
    withdrawn = snapshot(database, work / "withdrawn.duckdb")
    references["withdrawn"] = full_refresh(lake, withdrawn)
    contact_id = request_erasure(lake, database)
    build(lake, database)
    land_erased_again(lake, contact_id)
    build(lake, database)
    erased = snapshot(database, work / "erased.duckdb")
    references["erased"] = full_refresh(lake, erased)
    yield Builds(lake, as_of, incremental, rerun, redelivered, withdrawn, erased, references)


def differences(left: Path, right: Path, relation: str, stamps: list[str]) -> tuple[int, ...]:
    """Rows of left and right, and rows of each missing from the other (as multisets), over
    every column but the run stamps."""
    exclude = f" exclude ({', '.join(stamps)})" if stamps else ""
    ((left_rows, right_rows, only_left, only_right),) = query(
        left,
        f"""
        attach '{right}' as reference (read_only);
        with
        mine as (select *{exclude} from {relation}),
        theirs as (select *{exclude} from reference.{relation})
        select
            (select count(*) from mine),
            (select count(*) from theirs),
            (select count(*) from (select * from mine except all select * from theirs)),
            (select count(*) from (select * from theirs except all select * from mine))
        """,
    )
    return left_rows, right_rows, only_left, only_right


@pytest.mark.parametrize("state", ["incremental", "redelivered", "withdrawn", "erased"])
@pytest.mark.parametrize("relation", sorted(COMPARED))
def test_each_state_equals_a_full_refresh(builds: Builds, state: str, relation: str) -> None:
    rows, reference_rows, only_incremental, only_reference = differences(
        getattr(builds, state), builds.references[state], relation, COMPARED[relation]
    )
    assert rows > 0
    assert (rows, only_incremental, only_reference) == (reference_rows, 0, 0)


def last_run(database: Path, model: str) -> tuple[int, list[str]]:
    """The last load_sequence in a staging model's load log and the files it loaded."""
    rows = query(
        database,
        f"select load_sequence, file_name, change from staging.{model}__loads"
        f" where load_sequence = (select max(load_sequence) from staging.{model}__loads)",
    )
    return rows[0][0], sorted(file for _, file, change in rows if change == "loaded")


def test_a_run_reads_only_the_new_files(builds: Builds) -> None:
    """The delta run logs the last load's files only, and rewrites only the records they hold."""
    for model in STAGING:
        sequence, files = last_run(builds.incremental, model)
        assert files and all("load_date=2026-01-22" in file for file in files), (model, files)
        ((rewritten, total, in_new_files),) = query(
            builds.incremental,
            f"select count(*) filter (where _load_sequence = {sequence}), count(*),"
            f" count(*) filter (where _file_name like '%load_date=2026-01-22%')"
            f" from staging.{model}",
        )
        assert 0 < rewritten == in_new_files < total, model
        assert query(
            builds.as_of,
            f"select count(*) from staging.{model}__loads"
            " where change = 'loaded' and file_name like '%2026-01-22%'",
        ) == [(0,)]


def test_a_run_with_nothing_new_writes_nothing(builds: Builds) -> None:
    for relation in COMPARED:
        assert differences(builds.incremental, builds.rerun, relation, [])[2:] == (0, 0), relation
    for model in STAGING:
        # the run is logged, with a sequence above the last, and loads no file
        before, _ = last_run(builds.incremental, model)
        after, files = last_run(builds.rerun, model)
        assert (after, files) == (before + 1, [])


def test_a_later_copy_replaces_the_staged_record_and_only_it_is_normalized(
    builds: Builds,
) -> None:
    assert query(
        builds.redelivered,
        "select count(*) from staging.stg_crm__contacts where lead_source = 'again'",
    ) == [(1,)]
    ((normalized,),) = query(
        builds.redelivered,
        "select count(*) from intermediate.int_profiles_normalized where normalized_sequence ="
        " (select max(normalized_sequence) from intermediate.int_profiles_normalized)",
    )
    assert normalized == 1


def test_withdrawn_files_take_their_records_away(builds: Builds) -> None:
    for model in ("stg_crm__contacts", "stg_billing__accounts"):
        ((before,),) = query(builds.redelivered, f"select count(*) from staging.{model}")
        ((after, from_withdrawn),) = query(
            builds.withdrawn,
            f"select count(*), count(*) filter (where _file_name like '%2026-01-22%')"
            f" from staging.{model}",
        )
        assert after < before and from_withdrawn == 0, model


def test_an_erased_record_stays_out_when_it_lands_again(builds: Builds) -> None:
    """The person's CRM records are not staged, though a later file holds one under another
    email (the full refresh agrees: test_each_state_equals_a_full_refresh)."""
    erased = query(
        builds.erased,
        "select count(*) from staging.stg_crm__contacts where 'crm:' || contact_id in"
        " (select erased_value from privacy.privacy_erased_records"
        "  where erased_kind = 'profile_record')",
    )
    ((ledger,),) = query(
        builds.erased,
        "select count(*) from privacy.privacy_erased_records"
        " where erased_kind = 'profile_record' and erased_value like 'crm:%'",
    )
    assert ledger > 0 and erased == [(0,)]
    # the new file holding it was loaded by the last run
    assert any("2026-03-03" in file for file in last_run(builds.erased, "stg_crm__contacts")[1])
