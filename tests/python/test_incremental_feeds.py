"""Incremental raw feeds: the Connect JSON-lines feeds and the clickstream load only the files
they have not loaded yet, and a lake built up day by day ends where a full build ends.

One generated lake, plus hand-made files in later day folders: a contact trace record
redelivered with a later LastUpdateTimestamp, a malformed line, an agent event and a click
redelivered in later files. The warehouse is built as of 2026-01-07, then with the whole lake
(the later days load incrementally), then again with nothing new; then a late file lands in an
early day folder, a run stops after the base model, one more file lands and the next build must
stage both. The states are compared with full builds of the same lake.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import generate_lake
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from dbt_runner import query, run_dbt

UNTIL = "2026-01-07"
LAKE_ARGS = ["--customers", "300", "--seed", "11", "--days", "10", "--start-date", "2026-01-01"]
# every staging feed (the audits read them all) and the audits, with their own tests
SELECTION = ["--select", "+audit_feed_reconciliation", "+audit_quarantined_rows"]
SELECTION += ["--indirect-selection", "cautious"]
RUN = "run"
BASE = "base_connect__agent_events"
MODELS = (
    "base_connect__agent_events",
    "base_connect__contact_records",
    "base_web__clickstream",
    "stg_connect__agent_events",
    "stg_connect__contact_records",
    "stg_web__clickstream",
)
CTR = "raw/connect/contact_records"
AGENT_EVENTS = "raw/connect/agent_events"
CLICKSTREAM = "raw/web/clickstream"
# new files land in a day after UNTIL; copies come from a day before it
NEW_DAY = "year=2026/month=01/day=09"
OLD_DAY = "year=2026/month=01/day=03"
NEW_CTR = f"{CTR}/{NEW_DAY}/connect-ctr-1-2026-01-09-23-50-00-redelivered"
NEW_AGENT_EVENTS = f"{AGENT_EVENTS}/{NEW_DAY}/connect-agent-events-1-2026-01-09-23-50-00-again"
NEW_CLICKS = f"{CLICKSTREAM}/event_date=2026-01-09/part-99999.parquet"
# a late file: lands after its day was loaded, in a folder that sorts before the original's
LATE_AGENT_EVENTS = (
    f"{AGENT_EVENTS}/year=2026/month=01/day=02/connect-agent-events-1-2026-01-02-00-00-00-late"
)
# and a file with a new event, loaded after a run that stopped after the base model
NEXT_AGENT_EVENTS = f"{AGENT_EVENTS}/{NEW_DAY}/connect-agent-events-1-2026-01-09-23-55-00-next"
NEW_EVENT_ID = "00000000-0000-4000-8000-000000000001"
LATER_UPDATE = "2026-02-01T00:00:00Z"


@dataclass(frozen=True)
class Planted:
    """Ids of the records the test redelivers."""

    contact_id: str
    event_id: str
    late_event_id: str
    click_event_id: str


@dataclass(frozen=True)
class Builds:
    """The lake, the planted ids and the warehouses of each step."""

    lake: Path
    planted: Planted
    base: Path  # built as of UNTIL
    incremental: Path  # then the whole lake, incrementally
    rerun: Path  # then again with no new file
    full: Path  # a full build of the whole lake
    late: Path  # the incremental warehouse after a late file and one more
    late_full: Path  # a full build of the lake holding the late file
    refreshed: Path  # the incremental warehouse after a full refresh of one base model


def first_lines(folder: Path, count: int = 1) -> list[str]:
    """The first non-blank lines of the first file (by name) in a JSON-lines day folder."""
    path = sorted(folder.iterdir())[0]
    return [line for line in path.read_text().splitlines() if line.strip()][:count]


def plant_redeliveries(lake: Path) -> Planted:
    """Write the later-day files: a CTR copy with a later update plus a malformed line, an
    agent event copy, a clickstream copy (with another page_url, to tell the copies apart)."""
    ctr = json.loads(first_lines(lake / CTR / OLD_DAY)[0])
    ctr["LastUpdateTimestamp"] = LATER_UPDATE
    ctr["Attributes"] = {**(ctr.get("Attributes") or {}), "postCallSurveyScore": "5"}
    (lake / NEW_CTR).write_text(json.dumps(ctr) + '\n{"ContactId": "truncated\n')
    event_line = first_lines(lake / AGENT_EVENTS / OLD_DAY)[0]
    (lake / NEW_AGENT_EVENTS).write_text(event_line + "\n")
    clicks = pq.read_table(lake / CLICKSTREAM / "event_date=2026-01-03" / "part-00000.parquet")
    copy = clicks.slice(0, 1)
    page = copy.schema.get_field_index("page_url")
    copy = copy.set_column(page, "page_url", pa.array(["https://redelivered.example/"]))
    pq.write_table(copy, lake / NEW_CLICKS)
    late_line = json.loads(first_lines(lake / AGENT_EVENTS / OLD_DAY, 2)[1])
    return Planted(
        contact_id=ctr["ContactId"],
        event_id=json.loads(event_line)["EventId"],
        late_event_id=late_line["EventId"],
        click_event_id=pc.cast(copy.column("event_id"), pa.string())[0].as_py(),
    )


def plant_late_file(lake: Path, planted: Planted) -> None:
    """An agent event file landing late in an early day folder: a copy of an event that the
    warehouse already holds, which now sorts first (Version marks the copy)."""
    lines = first_lines(lake / AGENT_EVENTS / OLD_DAY, 2)
    event = json.loads(lines[1])
    assert event["EventId"] == planted.late_event_id
    event["Version"] = "late-copy"
    (lake / LATE_AGENT_EVENTS).write_text(json.dumps(event) + "\n")


def plant_new_event(lake: Path) -> None:
    """An agent event file holding one event no earlier file has."""
    event = json.loads(first_lines(lake / AGENT_EVENTS / OLD_DAY)[0])
    event["EventId"] = NEW_EVENT_ID
    (lake / NEXT_AGENT_EVENTS).write_text(json.dumps(event) + "\n")


def build(
    lake: Path, database: Path, extra: dict[str, object] | None = None, command: str = "build"
) -> None:
    """dbt build (models and their tests) or run of the selection. A run is a build without
    tests, so that a new warehouse gets the seeds (staging reads the erasure ledger's)."""
    arguments = ["build", *SELECTION]
    if command == RUN:
        arguments += ["--exclude-resource-type", "test"]
    result = run_dbt(arguments, lake, database, extra)
    assert result.returncode == 0, result.stdout[-4000:]


def full_build(lake: Path, database: Path, target: Path) -> Path:
    """A full run of the selection into an empty file, moved to `target`: built at the
    incremental warehouse's path (set aside meanwhile), so that dbt reuses its parse."""
    aside = database.with_name("aside.duckdb")
    database.rename(aside)
    build(lake, database, command=RUN)
    database.rename(target)
    aside.rename(database)
    return target


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builds]:
    work = tmp_path_factory.mktemp("incremental_feeds")
    lake = work / "lake"
    assert generate_lake.main(["--lake-root", str(lake), *LAKE_ARGS]) == 0
    planted = plant_redeliveries(lake)
    database = work / "warehouse" / "customer_360.duckdb"
    database.parent.mkdir()

    def snapshot(name: str) -> Path:
        copy = work / f"{name}.duckdb"
        shutil.copy(database, copy)
        return copy

    build(lake, database, {"load_date_until": UNTIL})
    base = snapshot("base")
    build(lake, database)
    incremental = snapshot("incremental")
    build(lake, database)
    rerun = snapshot("rerun")
    full = full_build(lake, database, work / "full.duckdb")
    plant_late_file(lake, planted)
    # a run that stops after the base model: the next build must stage its rows too
    result = run_dbt(["run", "--select", "base_connect__agent_events"], lake, database)
    assert result.returncode == 0, result.stdout[-4000:]
    plant_new_event(lake)
    build(lake, database)
    late = snapshot("late")
    late_full = full_build(lake, database, work / "late_full.duckdb")
    # a full refresh of the base model alone: staging takes every reloaded row once
    for command in (
        ["--full-refresh", "--select", BASE],
        ["--select", "stg_connect__agent_events"],
    ):
        result = run_dbt(["run", *command], lake, database)
        assert result.returncode == 0, result.stdout[-4000:]
    yield Builds(lake, planted, base, incremental, rerun, full, late, late_full, database)


def differences(left: Path, right: Path, model: str) -> tuple[int, int, int, int]:
    """Rows of left and right, and rows of each missing from the other (as multisets), over
    every column but the load bookkeeping _load_sequence."""
    ((left_rows, right_rows, only_left, only_right),) = query(
        left,
        f"""
        attach '{right}' as other (read_only);
        select
            (select count(*) from staging.{model}),
            (select count(*) from other.staging.{model}),
            (select count(*) from (
                select * exclude (_load_sequence) from staging.{model}
                except all
                select * exclude (_load_sequence) from other.staging.{model})),
            (select count(*) from (
                select * exclude (_load_sequence) from other.staging.{model}
                except all
                select * exclude (_load_sequence) from staging.{model}))
        """,
    )
    return left_rows, right_rows, only_left, only_right


def load_sequences(database: Path, model: str) -> dict[int, int]:
    """Rows per _load_sequence of a model."""
    return dict(
        query(database, f"select _load_sequence, count(*) from staging.{model} group by all")
    )


@pytest.mark.parametrize("model", MODELS)
def test_incremental_sequence_equals_full_build(builds: Builds, model: str) -> None:
    left_rows, right_rows, only_left, only_right = differences(
        builds.incremental, builds.full, model
    )
    assert left_rows == right_rows > 0
    assert (only_left, only_right) == (0, 0)
    # the later days really were loaded by a second, incremental run
    assert set(load_sequences(builds.incremental, model)) == {1, 2}
    assert set(load_sequences(builds.full, model)) == {1}


def file_date(name: str) -> str:
    """The day folder of a lake file, YYYY-MM-DD."""
    match = re.search(
        r"event_date=(\d{4}-\d{2}-\d{2})|year=(\d{4})/month=(\d{2})/day=(\d{2})", name
    )
    assert match, name
    return match.group(1) or "-".join(match.group(2, 3, 4))


@pytest.mark.parametrize("model", MODELS)
def test_a_build_as_of_a_day_reads_no_later_file(builds: Builds, model: str) -> None:
    names = [
        name for (name,) in query(builds.base, f"select distinct _file_name from staging.{model}")
    ]
    assert names
    assert max(file_date(name) for name in names) == UNTIL


@pytest.mark.parametrize("model", MODELS)
def test_a_run_without_new_files_inserts_nothing(builds: Builds, model: str) -> None:
    assert load_sequences(builds.rerun, model) == load_sequences(builds.incremental, model)
    assert differences(builds.rerun, builds.incremental, model)[2:] == (0, 0)


def test_a_later_ctr_copy_replaces_the_staged_record(builds: Builds) -> None:
    sql = (
        "select last_updated_at, attributes, _file_name from staging.stg_connect__contact_records "
        f"where contact_id = '{builds.planted.contact_id}'"
    )
    ((before, _, before_file),) = query(builds.base, sql)
    ((after, attributes, after_file),) = query(builds.incremental, sql)
    assert str(after) == "2026-02-01 00:00:00"
    assert before < after
    assert OLD_DAY in before_file
    assert after_file.endswith(NEW_CTR)
    assert json.loads(attributes)["postCallSurveyScore"] == "5"


def test_a_redelivered_agent_event_is_staged_once(builds: Builds) -> None:
    event_id = builds.planted.event_id
    copies = query(
        builds.incremental,
        "select _file_name from staging.base_connect__agent_events "
        f"where event_id = '{event_id}' order by _file_name",
    )
    assert len(copies) == 2
    staged = query(
        builds.incremental,
        f"select _file_name from staging.stg_connect__agent_events where event_id = '{event_id}'",
    )
    assert staged == [copies[0]]
    assert OLD_DAY in staged[0][0]


def test_a_redelivered_click_is_staged_once(builds: Builds) -> None:
    event_id = builds.planted.click_event_id
    (copies,) = query(
        builds.incremental,
        f"select count(*) from staging.base_web__clickstream where event_id = '{event_id}'",
    )[0]
    assert copies == 2
    staged = query(
        builds.incremental,
        "select event_date, page_url from staging.stg_web__clickstream "
        f"where event_id = '{event_id}'",
    )
    assert len(staged) == 1
    assert str(staged[0][0]) == "2026-01-03"
    assert staged[0][1] != "https://redelivered.example/"


def test_a_malformed_line_in_a_new_file_is_quarantined(builds: Builds) -> None:
    rows = query(
        builds.incremental,
        "select file_name, row_in_file, reason, raw_record from audit.audit_quarantined_rows "
        "where feed = 'connect__contact_records'",
    )
    assert [(name, row, reason) for name, row, reason, _ in rows] == [
        (str(builds.lake / NEW_CTR), 2, "malformed JSON line")
    ]
    assert rows[0][3] == '{"ContactId": "truncated'
    assert query(
        builds.base,
        "select count(*) from audit.audit_quarantined_rows where feed like 'connect__%'",
    ) == [(0,)]


def test_reconciliation_balances_after_the_incremental_run(builds: Builds) -> None:
    sql = (
        "select feed, raw_rows, staged_rows, quarantined_rows, deduplicated_rows "
        "from audit.audit_feed_reconciliation order by feed"
    )
    rows = query(builds.incremental, sql)
    for feed, raw, staged, quarantined, deduplicated in rows:
        assert raw == staged + quarantined + deduplicated, feed
    assert rows == query(builds.full, sql)
    counts = {feed: (raw, deduplicated) for feed, raw, _, _, deduplicated in rows}
    # the planted copies are counted as deduplicated rows
    assert counts["connect__agent_events"][1] >= 1
    assert counts["web__clickstream"][1] >= 1
    assert query(builds.late, sql) == query(builds.late_full, sql)


@pytest.mark.parametrize("model", MODELS)
def test_a_late_file_sorting_first_ends_as_a_full_build(builds: Builds, model: str) -> None:
    left_rows, right_rows, only_left, only_right = differences(builds.late, builds.late_full, model)
    assert left_rows == right_rows > 0
    assert (only_left, only_right) == (0, 0)


def test_a_late_copy_that_sorts_first_replaces_the_staged_event(builds: Builds) -> None:
    sql = (
        "select event_version, _file_name, _load_sequence from staging.stg_connect__agent_events "
        f"where event_id = '{builds.planted.late_event_id}'"
    )
    ((version, name, sequence),) = query(builds.late, sql)
    assert version == "late-copy"
    assert name.endswith(LATE_AGENT_EVENTS)
    assert sequence == 3
    ((version_before, _, _),) = query(builds.rerun, sql)
    assert version_before != "late-copy"


def test_a_run_stopped_after_the_base_model_is_caught_up(builds: Builds) -> None:
    # the base-only run loaded the late file (3), the next build the new event (4)
    assert load_sequences(builds.late, "base_connect__agent_events").keys() == {1, 2, 3, 4}
    staged = dict(
        query(
            builds.late,
            "select event_id, _load_sequence from staging.stg_connect__agent_events "
            f"where event_id in ('{builds.planted.late_event_id}', '{NEW_EVENT_ID}')",
        )
    )
    assert staged == {builds.planted.late_event_id: 3, NEW_EVENT_ID: 4}


def test_a_full_refresh_of_a_base_model_continues_its_count(builds: Builds) -> None:
    assert set(load_sequences(builds.refreshed, BASE)) == {5}
    # the staging model took every reloaded row once and holds the same events
    assert set(load_sequences(builds.refreshed, "stg_connect__agent_events")) == {5}
    for model in (BASE, "stg_connect__agent_events"):
        assert differences(builds.refreshed, builds.late_full, model)[2:] == (0, 0)
