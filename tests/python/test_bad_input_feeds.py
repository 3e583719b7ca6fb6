"""Bad input in the JSON-lines feeds, a dropped CSV, empty inputs and mixed timestamps (issue 6).

A small generated lake gets hand-made files, each asserted on below:

- Connect CTR files in a later day folder: one whose last line is cut mid-object (no closing
  brace, no final newline), one with an invalid line in the middle, one with drift inside the
  records (a renamed key, a timestamp written as a number, `Agent` as a string, an unknown
  extra field) and one with `InitiationTimestamp` in every format we meet; an agent-event file
  cut mid-object;
- a CRM file whose `modified_at` mixes the same formats;
- empty inputs in every feed type: an empty partition folder, a zero-row Parquet file with the
  feed's schema, an empty and a blank-only JSON-lines file, a header-only and a zero-byte csv;
- the Amazon Connect identity-resolution sample as delivered (UTF-8 BOM, CRLF, no final
  newline), read as an identity source declared by path.

One build stages and audits all of it; a zero-byte Parquet file and a ragged csv row each stop
a build of their own, naming the file (and line).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import generate_lake
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from dbt_runner import REPO, query, run_dbt

SAMPLE = REPO / "tests" / "fixtures" / "connect_identity_resolution_sample.csv"
SAMPLE_CONFIG = REPO / "config" / "evaluation" / "connect_sample.yml"
CTR = "raw/connect/contact_records"
AGENT_EVENTS = "raw/connect/agent_events"
CRM = "raw/crm/contacts"
CLICKSTREAM = "raw/web/clickstream"
PEOPLE = "raw/connect_sample"
OLD_DAY = "year=2026/month=01/day=03"
NEW_DAY = "year=2026/month=01/day=20"
EMPTY_DAY = "year=2026/month=01/day=21"
CRM_DELTA = "load_date=2026-01-08"


def firehose(feed: str, name: str) -> str:
    """A Firehose-style file name in the new day folder."""
    stream = "connect-ctr" if feed == CTR else "connect-agent-events"
    return f"{feed}/{NEW_DAY}/{stream}-1-2026-01-20-10-00-00-{name}"


TRUNCATED_CTR = firehose(CTR, "truncated")
INVALID_MIDDLE_CTR = firehose(CTR, "invalid-middle")
DRIFTED_CTR = firehose(CTR, "drifted")
TIMESTAMPS_CTR = firehose(CTR, "timestamps")
TRUNCATED_EVENTS = firehose(AGENT_EVENTS, "truncated")
EMPTY_FILES = [firehose(feed, name) for feed in (CTR, AGENT_EVENTS) for name in ("empty", "blank")]

UTC_10 = dt.datetime(2026, 1, 8, 10, 0)
# (raw value, the UTC instant staged, or None: quarantined with the value named)
TIMESTAMPS = [
    ("2026-01-08T10:00:00Z", UTC_10),
    ("2026-01-08T12:00:00+02:00", UTC_10),
    ("2026-01-08T15:30:00+0530", UTC_10),
    ("2026-01-08T00:30:00.250-09:30", UTC_10 + dt.timedelta(milliseconds=250)),
    ("2026-01-08 11:00:00+01", UTC_10),  # a space instead of T, a short offset
    ("2026-01-08 10:00:00", None),  # local time of an unknown zone: ambiguous
    ("2026-01-08", None),  # a date is not an instant
    ("1767866400", None),  # epoch seconds as text: seconds or milliseconds?
    ("epoch", None),  # DuckDB reads it as 1970-01-01
    ("2026-01-08T05:00:00 EST", None),  # zone abbreviations are ambiguous (IST, CST)
]
# the CTR fields each drifted line breaks, and what staging must make of it
DRIFT = {
    "ctr-renamed-key": "missing key ContactId",
    "ctr-numeric-timestamp": "unparseable timestamp in InitiationTimestamp: 1767866400",
    "ctr-agent-string": "Agent is VARCHAR, not an object",
    "ctr-extra-field": None,  # staged; the unknown field is ignored
}


def first_line(lake: Path, feed: str) -> dict:
    """The first record of the first file of the old day folder of a JSON-lines feed."""
    path = sorted((lake / feed / OLD_DAY).iterdir())[0]
    return json.loads(path.read_text().splitlines()[0])


def ctr(template: dict, contact_id: str, **fields: object) -> str:
    return json.dumps({**template, "ContactId": contact_id, **fields})


def plant_json_lines(lake: Path) -> None:
    """The CTR and agent-event files of the new day, and the empty ones."""
    template = first_line(lake, CTR)
    for feed in (CTR, AGENT_EVENTS):
        (lake / feed / NEW_DAY).mkdir(parents=True)
        (lake / feed / EMPTY_DAY).mkdir(parents=True)  # an empty partition folder
    cut = ctr(template, "ctr-truncated-3")[:150]
    (lake / TRUNCATED_CTR).write_text(
        f"{ctr(template, 'ctr-truncated-1')}\n{ctr(template, 'ctr-truncated-2')}\n{cut}"
    )
    (lake / INVALID_MIDDLE_CTR).write_text(
        f"{ctr(template, 'ctr-middle-1')}\n"
        '{"ContactId": "ctr-middle-2", "Channel": VOICE}\n'
        f"{ctr(template, 'ctr-middle-3')}\n"
    )
    renamed = {key: value for key, value in template.items() if key != "ContactId"}
    drifted = [
        json.dumps({**renamed, "ContactID": "ctr-renamed-key"}),
        ctr(template, "ctr-numeric-timestamp", InitiationTimestamp=1767866400),
        ctr(template, "ctr-agent-string", Agent=template["Agent"]["Username"]),
        ctr(template, "ctr-extra-field", CustomerSentiment="POSITIVE"),
    ]
    (lake / DRIFTED_CTR).write_text("\n".join(drifted) + "\n")
    (lake / TIMESTAMPS_CTR).write_text(
        "".join(
            ctr(template, f"ctr-timestamp-{index}", InitiationTimestamp=value) + "\n"
            for index, (value, _) in enumerate(TIMESTAMPS, start=1)
        )
    )
    event = first_line(lake, AGENT_EVENTS)
    events = [{**event, "EventId": f"event-truncated-{index}"} for index in (1, 2)]
    (lake / TRUNCATED_EVENTS).write_text(json.dumps(events[0]) + "\n" + json.dumps(events[1])[:99])
    (lake / EMPTY_FILES[0]).write_text("")
    (lake / EMPTY_FILES[1]).write_text("\n  \n\n")
    (lake / EMPTY_FILES[2]).write_text("")
    (lake / EMPTY_FILES[3]).write_text("\r\n\n")


def plant_parquet(lake: Path) -> None:
    """The CRM file of mixed timestamps; an empty folder and a zero-row file in the CRM and
    clickstream feeds."""
    first = next((lake / CRM / "load_date=2026-01-01").glob("*.parquet"))
    table = pq.read_table(first).slice(0, len(TIMESTAMPS))
    ids = [f"CRM-8888{index:04d}" for index in range(1, len(TIMESTAMPS) + 1)]
    table = table.set_column(table.column_names.index("contact_id"), "contact_id", pa.array(ids))
    modified = [value for value, _ in TIMESTAMPS]
    table = table.set_column(
        table.column_names.index("modified_at"), "modified_at", pa.array(modified)
    )
    (lake / CRM / CRM_DELTA).mkdir()
    pq.write_table(table, lake / CRM / CRM_DELTA / "mixed_timestamps.parquet")
    for feed, folder, empty_folder in (
        (CRM, "load_date=2026-01-10", "load_date=2026-01-09"),
        (CLICKSTREAM, "event_date=2026-01-10", "event_date=2026-01-09"),
    ):
        (lake / feed / empty_folder).mkdir()
        (lake / feed / folder).mkdir()
        schema = pq.read_schema(next((lake / feed).glob("*/*.parquet")))
        pq.write_table(schema.empty_table(), lake / feed / folder / "no_rows.parquet")


def plant_csv(lake: Path) -> None:
    """The Connect sample byte for byte, a header-only file and a zero-byte file."""
    (lake / PEOPLE).mkdir(parents=True)
    shutil.copyfile(SAMPLE, lake / PEOPLE / "connect_identity_resolution_sample.csv")
    header = SAMPLE.read_bytes().removeprefix(b"\xef\xbb\xbf").split(b"\r\n")[0]
    (lake / PEOPLE / "header_only.csv").write_bytes(header + b"\r\n")
    (lake / PEOPLE / "zero_bytes.csv").write_bytes(b"")


def sample_overrides() -> dict:
    return {"identity_resolution_overrides": yaml.safe_load(SAMPLE_CONFIG.read_text())}


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bad_feeds") / "lake"
    args = ["--lake-root", str(root), "--customers", "60", "--seed", "5", "--days", "7"]
    assert generate_lake.main(args) == 0
    plant_json_lines(root)
    plant_parquet(root)
    plant_csv(root)
    return root


@pytest.fixture(scope="module")
def built(lake: Path) -> Path:
    """Every staging feed and the audits built with their tests (reconciliation included)."""
    database = lake.parent / "warehouse.duckdb"
    selection = ["--select", "+audit_quarantined_rows", "+audit_feed_reconciliation"]
    selection += ["+audit_schema_drift"]
    result = run_dbt(
        ["build", *selection, "--indirect-selection", "cautious"],
        lake,
        database,
        sample_overrides(),
    )
    assert result.returncode == 0, result.stdout[-4000:]
    return database


def quarantined(database: Path, file: str) -> list[tuple[int, str, str]]:
    return query(
        database,
        "select row_in_file, reason, raw_record from audit.audit_quarantined_rows"
        f" where file_name = '{file}' order by row_in_file",
    )


def staged_ctr(database: Path, file: str) -> list[tuple]:
    return query(
        database,
        "select _row_in_file, contact_id from staging.stg_connect__contact_records"
        f" where _file_name = '{file}' order by _row_in_file",
    )


def test_a_ctr_file_cut_mid_object_stages_every_whole_line(lake: Path, built: Path) -> None:
    assert staged_ctr(built, str(lake / TRUNCATED_CTR)) == [
        (1, "ctr-truncated-1"),
        (2, "ctr-truncated-2"),
    ]
    ((row, reason, raw),) = quarantined(built, str(lake / TRUNCATED_CTR))
    assert (row, reason) == (3, "malformed JSON line")
    assert raw == (lake / TRUNCATED_CTR).read_text().split("\n")[2]  # kept as it arrived


def test_an_invalid_line_in_the_middle_is_quarantined_alone(lake: Path, built: Path) -> None:
    assert staged_ctr(built, str(lake / INVALID_MIDDLE_CTR)) == [
        (1, "ctr-middle-1"),
        (3, "ctr-middle-3"),
    ]
    ((row, reason, raw),) = quarantined(built, str(lake / INVALID_MIDDLE_CTR))
    assert (row, reason, raw) == (
        2,
        "malformed JSON line",
        '{"ContactId": "ctr-middle-2", "Channel": VOICE}',
    )


def test_an_agent_event_file_cut_mid_object_stages_the_whole_line(lake: Path, built: Path) -> None:
    staged = query(
        built,
        "select _row_in_file, event_id from staging.stg_connect__agent_events"
        f" where _file_name = '{lake / TRUNCATED_EVENTS}'",
    )
    assert staged == [(1, "event-truncated-1")]
    rows = quarantined(built, str(lake / TRUNCATED_EVENTS))
    assert [(row, reason) for row, reason, _ in rows] == [(2, "malformed JSON line")]


def test_drift_inside_ctr_records(lake: Path, built: Path) -> None:
    file = str(lake / DRIFTED_CTR)
    rows = {row: (reason, json.loads(raw)) for row, reason, raw in quarantined(built, file)}
    expected = {
        row: reason for row, reason in enumerate(DRIFT.values(), start=1) if reason is not None
    }
    assert {row: reason for row, (reason, _) in rows.items()} == expected
    # the whole raw record is kept: the renamed key and the agent string are there
    assert rows[1][1]["ContactID"] == "ctr-renamed-key"
    assert rows[3][1]["Agent"] == first_line(lake, CTR)["Agent"]["Username"]
    # the extra field is ignored: the record is staged with every declared field read
    ((contact_id, channel, agent_username, row),) = query(
        built,
        "select contact_id, channel, agent_username, _row_in_file"
        f" from staging.stg_connect__contact_records where _file_name = '{file}'",
    )
    template = first_line(lake, CTR)
    assert (contact_id, row) == ("ctr-extra-field", 4)
    assert (channel, agent_username) == (template["Channel"], template["Agent"]["Username"])


def expected_timestamp_outcome(column: str) -> tuple[dict, dict]:
    """(row -> UTC instant staged, row -> quarantine reason) for the TIMESTAMPS rows."""
    staged = {row: utc for row, (_, utc) in enumerate(TIMESTAMPS, start=1) if utc}
    held = {
        row: f"unparseable timestamp in {column}: {value}"
        for row, (value, utc) in enumerate(TIMESTAMPS, start=1)
        if utc is None
    }
    return staged, held


def test_ctr_timestamps_with_offsets_are_utc_and_the_rest_quarantined(
    lake: Path, built: Path
) -> None:
    file = str(lake / TIMESTAMPS_CTR)
    staged, held = expected_timestamp_outcome("InitiationTimestamp")
    rows = query(
        built,
        "select _row_in_file, initiated_at from staging.stg_connect__contact_records"
        f" where _file_name = '{file}' order by 1",
    )
    assert dict(rows) == staged
    assert {row: reason for row, reason, _ in quarantined(built, file)} == held


def test_crm_timestamps_with_offsets_are_utc_and_the_rest_quarantined(
    lake: Path, built: Path
) -> None:
    file = str(lake / CRM / CRM_DELTA / "mixed_timestamps.parquet")
    staged, held = expected_timestamp_outcome("modified_at")
    rows = query(
        built,
        "select _row_in_file, modified_at from staging.stg_crm__contacts"
        f" where _file_name = '{file}' order by 1",
    )
    assert dict(rows) == staged
    assert {row: reason for row, reason, _ in quarantined(built, file)} == held


def test_empty_inputs_add_no_row_and_reconciliation_balances(lake: Path, built: Path) -> None:
    for model in ("base_connect__contact_records", "base_connect__agent_events"):
        empty_files = ", ".join(f"'{lake / file}'" for file in EMPTY_FILES)
        assert query(
            built, f"select count(*) from staging.{model} where _file_name in ({empty_files})"
        ) == [(0,)]
    for model in ("base_crm__contacts", "base_web__clickstream"):
        assert query(
            built,
            f"select count(*) from staging.{model} where _file_name like '%/no_rows.parquet'",
        ) == [(0,)]
    # a zero-row file written with the feed's schema is no schema drift
    assert query(built, "select count(*) from audit.audit_schema_drift") == [(0,)]
    reconciliation = query(
        built,
        "select feed, raw_rows, staged_rows + quarantined_rows + deduplicated_rows"
        " from audit.audit_feed_reconciliation order by feed",
    )
    assert len(reconciliation) == 9
    assert all(raw == accounted for _, raw, accounted in reconciliation), reconciliation
    # the planted lines are all counted: 3 + 3 + 4 + 10 CTR lines read in the new day
    assert query(
        built,
        "select count(*) from staging.base_connect__contact_records"
        f" where _file_name like '%/{NEW_DAY}/%'",
    ) == [(3 + 3 + len(DRIFT) + len(TIMESTAMPS),)]


def test_the_connect_sample_as_delivered_stages_every_row(lake: Path, built: Path) -> None:
    rows = query(
        built,
        "select source_record_id, first_name, _raw_record from staging.base_lake__profile_files"
        " where _quarantine_reason is null order by _row_in_file",
    )
    lines = SAMPLE.read_bytes().decode("utf-8-sig").split("\r\n")
    assert len(lines) == 10 and not lines[-1].endswith("\n")  # no final newline
    expected = [line.split(",") for line in lines[1:]]
    assert [(record_id, first) for record_id, first, _ in rows] == [
        (fields[5], fields[0]) for fields in expected
    ]
    # the first column's name lost the byte order mark
    assert next(iter(json.loads(rows[0][2]))) == "firstname"
    assert query(built, "select count(*) from staging.stg_lake__profile_files") == [(9,)]
    # the header-only and zero-byte files add nothing; nothing is quarantined
    assert query(
        built,
        "select count(*), count(_quarantine_reason) from staging.base_lake__profile_files",
    ) == [(9, 0)]


def test_a_zero_byte_parquet_file_stops_its_feed_naming_the_file(
    lake: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "lake"
    shutil.copytree(lake, broken)
    files = [
        broken / CRM / "load_date=2026-01-10" / "zero_bytes.parquet",
        broken / CLICKSTREAM / "event_date=2026-01-10" / "zero_bytes.parquet",
    ]
    for file in files:
        file.write_bytes(b"")
    database = tmp_path / "warehouse.duckdb"
    selection = ["--select", "+stg_crm__contacts", "+stg_web__clickstream"]
    # build, not run: staging reads the erasure ledger, which needs its seed
    result = run_dbt(["build", *selection, "--exclude-resource-type", "test"], broken, database)
    assert result.returncode != 0
    for model, file in zip(("base_crm__contacts", "base_web__clickstream"), files, strict=True):
        assert f"staging.{model}" in result.stdout
        assert f"File '{file}' too small to be a Parquet file" in result.stdout
    built_tables = {name for (name,) in query(database, "select table_name from duckdb_tables()")}
    assert not built_tables & {"stg_crm__contacts", "stg_web__clickstream"}


def test_a_ragged_csv_row_stops_the_build_naming_file_and_line(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    (lake / PEOPLE).mkdir(parents=True)
    good = SAMPLE.read_bytes()
    (lake / PEOPLE / "a_good.csv").write_bytes(good)
    lines = good.split(b"\r\n")
    short, long = [*lines[:3], b"Jane,Doe", *lines[3:]], [*lines[:5], lines[5] + b",extra"]
    (lake / PEOPLE / "b_short.csv").write_bytes(b"\r\n".join(short))
    (lake / PEOPLE / "c_long.csv").write_bytes(b"\r\n".join(long))
    database = tmp_path / "warehouse" / "customer_360.duckdb"
    database.parent.mkdir()
    result = run_dbt(
        ["run", "--select", "base_lake__profile_files"], lake, database, sample_overrides()
    )
    assert result.returncode != 0
    output = " ".join(result.stdout.split())
    assert "2 csv line(s) are not rows under their file's header" in output
    assert f"{lake / PEOPLE / 'b_short.csv'} line 4: Expected Number of Columns: 7 Found: 2" in (
        output
    )
    assert f"{lake / PEOPLE / 'c_long.csv'} line 6: Expected Number of Columns: 7 Found: 8" in (
        output
    )
    assert "a_good.csv" not in output
