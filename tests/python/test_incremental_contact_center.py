"""Incremental contact-center models (docs/contact_center.md): after a sequence of runs each holds
what a full refresh of the same lake holds, apart from its run stamp and load bookkeeping.

One generated lake (400 customers, 22 days). The warehouse is built as of 2026-01-15. Before the
next build the later days land (contact records, agent events, clicks, a weekly profile delta), a
CRM load partition is withdrawn (its new records leave the lake, its updates fall back), a
reviewer merges two unified profiles that both have contacts, and a contact record is delivered
again with a later copy whose customerId names another profile's record; a late agent-event file
sorting before the originals moves a LOGOUT of one agent past the agent's next login, and a
STATE_CHANGE of another two days later, so each replaced copy's old place matters. Then an erasure
request for a person with contacts is built, then a run with nothing new. A copy of the warehouse
rebuilt with --full-refresh must equal it model by model; the delta run must have rewritten only
part of each contact-side model, and the run with nothing new nothing at all.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import generate_lake
import pytest
from dbt_runner import query, run_dbt

UNTIL = "2026-01-15"
LAKE_ARGS = ["--customers", "400", "--seed", "17", "--days", "22", "--start-date", "2026-01-01"]
MODELS = {
    "intermediate.int_agent_event_contacts_unnested": ("event_id", "element_position"),
    "intermediate.int_contacts_resolved": ("contact_id",),
    "marts.fct_contacts": ("contact_id",),
    "marts.fct_agent_status_intervals": ("agent_status_interval_id",),
    "marts.fct_agent_contacts": ("agent_arn", "contact_id"),
    "marts.dim_agents": ("agent_arn",),
    "marts.fct_agent_daily_activity": ("agent_arn", "activity_date"),
    "marts.customer_360": ("unified_profile_id",),
}
# the run stamp and the load bookkeeping: what a full refresh writes differently
BOOKKEEPING = {
    "built_at",
    "source_load_sequence",
    "event_load_sequence",
    "contact_load_sequence",
    "graph_clustered_at",
}
SELECTION = ["--select", *(f"+{model.split('.')[1]}" for model in MODELS)]
SELECTION += ["--indirect-selection", "cautious"]
WITHDRAWN = "raw/crm/contacts/load_date=2026-01-08"
CTR = "raw/connect/contact_records"
NEW_CTR = f"{CTR}/year=2026/month=01/day=20/connect-ctr-1-2026-01-20-23-50-00-again"
AGENT_EVENTS = "raw/connect/agent_events/year=2026/month=01"
# a late file in an earlier day folder than the originals: its copies sort first and replace them
MOVED_EVENTS = f"{AGENT_EVENTS}/day=02/connect-agent-events-1-2026-01-02-00-00-00-moved"
DECISIONS_HEADER = (
    "source_system_l,source_record_id_l,source_system_r,source_record_id_r,"
    "decision,decided_by,decided_at,note\n"
)
ERASURE_HEADER = (
    "request_id,requested_at,email,phone,source_system,source_record_id,unified_profile_id\n"
)
# two profiles with contacts resolved by phone, each holding a CRM record
MERGED = """
with
resolved as (
    select unified_profile_id, count(*) as contacts from marts.fct_contacts
    where resolution_method = 'phone' group by 1
),
crm as (
    select unified_profile_id, min(profile_record_id) as profile_record_id
    from marts.fct_identity_graph where source_system = 'crm' group by 1
)
select crm.profile_record_id from resolved join crm using (unified_profile_id)
order by resolved.contacts desc, crm.unified_profile_id
limit 2
"""
# a contact resolved by its customerId, and a CRM record of another profile
MOVED = """
with
contact as (
    select contact_id, unified_profile_id from marts.fct_contacts
    where resolution_method = 'customer_id_attribute'
    order by contact_id limit 1
)
select contact.contact_id, min(graph.source_record_id)
from contact join marts.fct_identity_graph as graph
    on graph.unified_profile_id <> contact.unified_profile_id and graph.source_system = 'crm'
group by contact.contact_id
"""
# the person erased: an email holder with contacts resolved by phone
PERSON = """
select min(email) from marts.dim_unified_profiles
where email is not null and unified_profile_id in (
    select unified_profile_id from marts.fct_contacts where resolution_method = 'phone'
)
"""


@dataclass(frozen=True)
class Builds:
    """The warehouses after each step."""

    before: Path  # built as of UNTIL
    delta: Path  # then the whole lake, the withdrawn partition, the merge, the moved contact
    erased: Path  # then an erasure request
    rerun: Path  # then a run with nothing new
    full: Path  # a full refresh of a copy of the last
    moved: list[tuple[str, str]]  # agent events moved by a later copy: (event id, new time)


def build(lake: Path, database: Path, *args: str, extra: dict[str, object] | None = None) -> None:
    result = run_dbt(["build", *SELECTION, *args], lake, database, extra)
    assert result.returncode == 0, result.stdout[-4000:]


def merge_two_profiles(lake: Path, database: Path) -> None:
    """A reviewer's match decision between CRM records of two profiles with contacts."""
    (left,), (right,) = query(database, MERGED)
    system_l, id_l = left.split(":", 1)
    system_r, id_r = right.split(":", 1)
    folder = lake / "review" / "match_decisions"
    folder.mkdir(parents=True)
    (folder / "2026-01-16.csv").write_text(
        f"{DECISIONS_HEADER}{system_l},{id_l},{system_r},{id_r},match,tester,2026-01-16T10:00:00,\n"
    )


def move_a_contact(lake: Path, database: Path) -> str:
    """Deliver a contact record again, later, with a customerId of another profile's record."""
    ((contact_id, record_id),) = query(database, MOVED)
    for path in sorted((lake / CTR).rglob("connect-ctr-*")):
        for line in path.read_text().splitlines():
            if contact_id in line:
                record = json.loads(line)
                if record.get("ContactId") == contact_id:
                    record["LastUpdateTimestamp"] = "2026-02-01T00:00:00Z"
                    record["Attributes"] = {**(record.get("Attributes") or {})}
                    record["Attributes"]["customerId"] = record_id
                    (lake / NEW_CTR).parent.mkdir(parents=True, exist_ok=True)
                    (lake / NEW_CTR).write_text(json.dumps(record) + "\n")
                    return contact_id
    raise AssertionError(f"no raw line holds contact {contact_id}")


def move_agent_events(lake: Path) -> list[tuple[str, str]]:
    """Copies of two agents' events of 2026-01-03 without contacts, in a late file that sorts
    before the originals: the first LOGOUT whose agent logs in again within a week, moved an
    hour past that login, and the first STATE_CHANGE of another agent, moved two days later.
    (event id, new time) of each. Two agents, so that neither copy's old place is rebuilt
    because of the other's, and an interval of the LOGOUT's agent starts between its two
    places: the STATE_CHANGE's old place is the start of the interval it opened, the LOGOUT's
    the end of the one it closed."""

    def at(event: dict) -> datetime:
        return datetime.fromisoformat(event["EventTimestamp"].replace("Z", "+00:00"))

    def without_contacts(event: dict) -> bool:
        return not (event.get("CurrentAgentSnapshot") or {}).get("Contacts")

    events = [
        json.loads(line)
        for path in sorted((lake / AGENT_EVENTS).glob("day=*/*"))
        for line in path.read_text().splitlines()
        if line.strip()
    ]
    day = [event for event in events if at(event).date().isoformat() == "2026-01-03"]
    logins = [event for event in events if event["EventType"] == "LOGIN"]
    moved: list[tuple[dict, datetime]] = []
    for logout in (event for event in day if event["EventType"] == "LOGOUT"):
        later = sorted(
            at(login)
            for login in logins
            if login["AgentARN"] == logout["AgentARN"]
            and at(logout) < at(login) < at(logout) + timedelta(days=7)
        )
        if later and without_contacts(logout):
            moved.append((logout, later[0] + timedelta(hours=1)))
            break
    state_change = next(
        event
        for event in day
        if event["EventType"] == "STATE_CHANGE"
        and without_contacts(event)
        and event["AgentARN"] not in {logout["AgentARN"] for logout, _ in moved}
    )
    moved.append((state_change, at(state_change) + timedelta(days=2)))
    assert [event["EventType"] for event, _ in moved] == ["LOGOUT", "STATE_CHANGE"]
    placed = []
    for event, later in moved:
        event["EventTimestamp"] = later.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        placed.append((event["EventId"], later.strftime("%Y-%m-%d %H:%M:%S")))
    (lake / MOVED_EVENTS).write_text("".join(json.dumps(event) + "\n" for event, _ in moved))
    return placed


def request_erasure(lake: Path, database: Path) -> None:
    ((email,),) = query(database, PERSON)
    folder = lake / "privacy" / "erasure_requests"
    folder.mkdir(parents=True)
    (folder / "person.csv").write_text(f"{ERASURE_HEADER}R-1,2026-02-01T09:30:00Z,{email},,,,\n")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builds]:
    work = tmp_path_factory.mktemp("incremental_contact_center")
    lake = work / "lake"
    assert generate_lake.main(["--lake-root", str(lake), *LAKE_ARGS]) == 0
    database = work / "warehouse" / "customer_360.duckdb"
    database.parent.mkdir()

    def snapshot(name: str) -> Path:
        copy = work / f"{name}.duckdb"
        shutil.copy(database, copy)
        return copy

    build(lake, database, extra={"load_date_until": UNTIL})
    before = snapshot("before")
    shutil.rmtree(lake / WITHDRAWN)
    merge_two_profiles(lake, before)
    move_a_contact(lake, before)
    moved = move_agent_events(lake)
    build(lake, database)
    delta = snapshot("delta")
    request_erasure(lake, delta)
    build(lake, database)
    erased = snapshot("erased")
    build(lake, database)
    rerun = snapshot("rerun")
    # the full refresh runs at the warehouse's path (so dbt reuses its parse) on its copy
    database.rename(work / "incremental.duckdb")
    shutil.copy(rerun, database)
    build(lake, database, "--full-refresh")
    yield Builds(before, delta, erased, rerun, database, moved)


def compared_columns(con: duckdb.DuckDBPyConnection, relation: str) -> str:
    """The model's columns but its bookkeeping, doubles rounded to 6 places (sums of doubles
    may differ in their last bits with the order they are added in)."""
    columns = []
    for name, kind, *_ in con.sql(f"describe {relation}").fetchall():
        if name in BOOKKEEPING:
            continue
        columns.append(f"round({name}, 6) as {name}" if kind in ("DOUBLE", "FLOAT") else name)
    return ", ".join(columns)


def differences(left: Path, right: Path, model: str) -> tuple[int, int, int, int]:
    """Rows of the model in left and right, and rows of each missing from the other."""
    with duckdb.connect() as con:
        con.execute(f"attach '{left}' as l (read_only)")
        con.execute(f"attach '{right}' as r (read_only)")
        columns = compared_columns(con, f"l.{model}")
        a, b = f"select {columns} from l.{model}", f"select {columns} from r.{model}"
        ((left_rows, right_rows, only_left, only_right),) = con.sql(
            f"select (select count(*) from l.{model}), (select count(*) from r.{model}),"
            f" (select count(*) from ({a} except all {b})),"
            f" (select count(*) from ({b} except all {a}))"
        ).fetchall()
    return left_rows, right_rows, only_left, only_right


def rewritten(database: Path, model: str) -> tuple[int, int]:
    """Rows of the model stamped by the latest run that wrote any, and all its rows."""
    ((latest, rows),) = query(
        database,
        f"select count(*) filter (where built_at = (select max(built_at) from {model})),"
        f" count(*) from {model}",
    )
    return latest, rows


@pytest.mark.parametrize("model", MODELS)
def test_the_incremental_runs_end_where_a_full_refresh_ends(builds: Builds, model: str) -> None:
    left_rows, right_rows, only_left, only_right = differences(builds.rerun, builds.full, model)
    assert left_rows == right_rows > 0
    assert (only_left, only_right) == (0, 0)


def test_the_sequence_did_change_what_the_models_hold(builds: Builds) -> None:
    """The steps are not vacuous: contacts moved between profiles, profiles merged and left."""
    for model in ("intermediate.int_contacts_resolved", "marts.customer_360"):
        assert differences(builds.before, builds.delta, model)[2] > 0, model
        assert differences(builds.delta, builds.erased, model)[2] > 0, model
    ((merged_away,),) = query(
        builds.delta,
        f"attach '{builds.before}' as before (read_only);"
        " select count(*) from before.marts.customer_360"
        " where unified_profile_id not in (select unified_profile_id from marts.customer_360)",
    )
    assert merged_away > 0
    for event_id, at in builds.moved:
        sql = (
            "select strftime(event_at, '%Y-%m-%d %H:%M:%S') from staging.stg_connect__agent_events"
            f" where event_id = '{event_id}'"
        )
        assert query(builds.delta, sql) == [(at,)]
        assert query(builds.before, sql) != [(at,)]
        # an interval of the agent started between the copy's two places
        between = f"""
            select count(*)
            from marts.fct_agent_status_intervals as intervals
            inner join staging.stg_connect__agent_events as moved
                on intervals.agent_arn = moved.agent_arn
            where
                moved.event_id = '{event_id}'
                and intervals.started_at > moved.event_at
                and intervals.started_at < timestamp '{at}'
        """
        ((started,),) = query(builds.before, between)
        assert started > 0


@pytest.mark.parametrize(
    "model",
    [
        "intermediate.int_agent_event_contacts_unnested",
        "intermediate.int_contacts_resolved",
        "marts.fct_contacts",
        "marts.customer_360",
    ],
)
def test_the_delta_run_rewrote_only_part_of_the_model(builds: Builds, model: str) -> None:
    latest, rows = rewritten(builds.delta, model)
    assert 0 < latest < 0.5 * rows


# the profiles the identity marts rewrote in a run: upstream relinks the components of every
# reviewer decision on every run, so the merged profile is written again even with nothing new
REWRITTEN_PROFILES = """
select unified_profile_id from r.marts.dim_unified_profiles
where clustered_at > (select max(clustered_at) from l.marts.dim_unified_profiles)
"""


@pytest.mark.parametrize("model", MODELS)
def test_a_run_with_nothing_new_writes_nothing(builds: Builds, model: str) -> None:
    """Nothing but what the identity marts wrote again themselves (customer_360 follows them)."""
    with duckdb.connect() as con:
        con.execute(f"attach '{builds.erased}' as l (read_only)")
        con.execute(f"attach '{builds.rerun}' as r (read_only)")
        written = f"select * from r.{model} except all select * from l.{model}"
        ((changed, outside),) = con.sql(
            f"select count(*), count(*) filter (where unified_profile_id is null"
            f" or unified_profile_id not in ({REWRITTEN_PROFILES})) from ({written})"
            if model == "marts.customer_360"
            else f"select count(*), count(*) from ({written})"
        ).fetchall()
    assert outside == 0, changed
