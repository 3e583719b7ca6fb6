"""The web layer, incremental (docs/web_identity.md): int_web_email_holders,
int_web_cookie_identifications, dim_web_cookies and fct_web_events rebuild only the cookies a run
touches and end where a full refresh of the same lake ends.

One generated lake, built as of 2026-01-14, then whole (a profile delta and a week of clicks,
with a planted login by an email two profiles hold: ambiguous); then a run with reviewer
decisions (those two profiles merged, so the email resolves; two profiles of resolved logins
merged, so one's cookies move to the other) and a late click file holding an earlier copy of a
login under another cookie (the event moves); then a run with the last CRM partition withdrawn
(records gone); then an erasure request for a person with web logins. The last warehouse is
copied and rebuilt with --full-refresh: the four models must be equal both ways (run stamps and
watermarks aside).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import generate
from dbt_runner import query, run_dbt

LAKE_ARGS = ["--customers", "400", "--seed", "13", "--days", "21", "--bad-row-rate", "0.02"]
UNTIL = "2026-01-14"
# the web models and everything they need, without the data tests (run once at the end)
BUILD = ["build", "--select", "+fct_web_events", "--exclude-resource-type", "test"]
WEB_MODELS = [
    "int_web_email_holders",
    "int_web_cookie_identifications",
    "dim_web_cookies",
    "fct_web_events",
]
STAMPS = {
    "int_web_email_holders": "graph_clustered_at, built_at",
    "int_web_cookie_identifications": "source_load_sequence, built_at",
    "dim_web_cookies": "source_load_sequence, built_at",
    "fct_web_events": "source_load_sequence, built_at",
}
SCHEMAS = {
    "int_web_email_holders": "intermediate",
    "int_web_cookie_identifications": "intermediate",
    "dim_web_cookies": "marts",
    "fct_web_events": "marts",
}
CLICKSTREAM = "raw/web/clickstream"
# a late click file in a folder that sorts before every other: its copy of an event wins
LATE_CLICKS = f"{CLICKSTREAM}/event_date=2026-01-01/part-00000-late-copy.parquet"
# a login by an email two profiles hold, landing after UNTIL
AMBIGUOUS_LOGIN = f"{CLICKSTREAM}/event_date=2026-01-20/part-99999-ambiguous.parquet"
AMBIGUOUS_EVENT_ID = "00000000-0000-4000-8000-00000000a001"
LATE_CLICKS = f"{CLICKSTREAM}/event_date=2026-01-01/part-00000-late-copy.parquet"
DECISIONS_HEADER = (
    "source_system_l,source_record_id_l,source_system_r,source_record_id_r,"
    "decision,decided_by,decided_at,note\n"
)
REQUEST_HEADER = (
    "request_id,requested_at,email,phone,source_system,source_record_id,unified_profile_id\n"
)


@dataclass(frozen=True)
class Planted:
    """What the test changed in the lake after the whole-lake run."""

    ambiguous_email: str  # held by two profiles, which a reviewer merges
    merged: tuple[str, str]  # two profiles with resolved logins, which a reviewer merges
    moved_event: str  # a login whose late copy names another cookie
    moved_from: str
    moved_to: str
    erased_email: str  # the email of the erasure request


@dataclass(frozen=True)
class Builds:
    lake: Path
    planted: Planted
    whole: Path  # as of UNTIL, then the whole lake incrementally
    decided: Path  # then reviewer decisions and a moved event
    withdrawn: Path  # then a withdrawn CRM partition
    erased: Path  # then an erasure request
    refreshed: Path  # the erased warehouse rebuilt with --full-refresh


def build(lake: Path, database: Path, *args: str, extra: dict[str, object] | None = None) -> None:
    result = run_dbt([*BUILD, *args], lake, database, extra)
    assert result.returncode == 0, result.stdout[-4000:]


def snapshot(database: Path, path: Path) -> Path:
    shutil.copy(database, path)
    return path


def record_of(database: Path, profile: str) -> tuple[str, str]:
    """(source_system, source_record_id) of a record of a unified profile."""
    rows = query(
        database,
        "select source_system, source_record_id from marts.fct_identity_graph"
        f" where unified_profile_id = '{profile}' order by profile_record_id limit 1",
    )
    return rows[0]


def decision(left: tuple[str, str], right: tuple[str, str], verdict: str) -> str:
    return f"{left[0]},{left[1]},{right[0]},{right[1]},{verdict},tester,2026-01-20T10:00:00,\n"


def raw_click(lake: Path, event_id: str) -> tuple[dict[str, object], pa.Schema]:
    """A click of the raw lake, as a row, and the schema of its file."""
    for file in sorted((lake / CLICKSTREAM).glob("*/*.parquet")):
        table = pq.read_table(file, partitioning=None)
        for row in table.to_pylist():
            if row["event_id"] == event_id:
                return row, table.schema
    raise AssertionError(f"no raw file holds event {event_id}")


def plant_ambiguous_login(lake: Path, database: Path) -> str:
    """A new login, on a cookie with a resolved login, by an email exactly two unified profiles
    hold; return the email."""
    ((email, event_id),) = query(
        database,
        """
        select
            (select min(email) from (
                select email from intermediate.int_web_email_holders
                group by email having count(distinct unified_profile_id) = 2
            )),
            (select max(event_id) from intermediate.int_web_cookie_identifications
             where resolution = 'resolved')
        """,
    )
    row, schema = raw_click(lake, event_id)
    login = {**row, "event_id": AMBIGUOUS_EVENT_ID, "email": email.upper()}
    target = lake / AMBIGUOUS_LOGIN
    target.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist([login], schema=schema), target)
    return email


def plant_decisions(lake: Path, database: Path, email: str) -> tuple[str, tuple[str, str]]:
    """Merge the two profiles holding the email, and two profiles with resolved logins; return
    the email and the second two profiles."""
    ((first, second),) = query(
        database,
        "select min(unified_profile_id), max(unified_profile_id)"
        f" from intermediate.int_web_email_holders where email = '{email}'",
    )
    resolved = [
        row[0]
        for row in query(
            database,
            "select distinct unified_profile_id from intermediate.int_web_cookie_identifications"
            " where resolution = 'resolved'"
            f" and unified_profile_id not in ('{first}', '{second}')"
            " order by unified_profile_id limit 2",
        )
    ]
    folder = lake / "review" / "match_decisions"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2026-01-20.csv").write_text(
        DECISIONS_HEADER
        + decision(record_of(database, first), record_of(database, second), "match")
        + decision(record_of(database, resolved[0]), record_of(database, resolved[1]), "match")
    )
    return email, (resolved[0], resolved[1])


def plant_moved_event(lake: Path, database: Path) -> tuple[str, str, str]:
    """A late click file holding a copy of a resolved login under another, anonymous cookie;
    return (event id, its cookie, the other cookie)."""
    ((event_id, cookie, other),) = query(
        database,
        """
        select
            identifications.event_id,
            identifications.cookie_id,
            (select min(cookie_id) from marts.dim_web_cookies
             where identification_status = 'anonymous')
        from intermediate.int_web_cookie_identifications as identifications
        where identifications.resolution = 'resolved'
        order by identifications.event_id
        limit 1
        """,
    )
    row, schema = raw_click(lake, event_id)
    copy = {**row, "cookie_id": other}
    pq.write_table(pa.Table.from_pylist([copy], schema=schema), lake / LATE_CLICKS)
    return event_id, cookie, other


def withdraw_last_crm_partition(lake: Path) -> None:
    shutil.rmtree(sorted((lake / "raw" / "crm" / "contacts").glob("load_date=*"))[-1])


def plant_erasure(lake: Path, database: Path, avoid: set[str]) -> str:
    """An erasure request by the email of a profile with resolved logins; return the email."""
    placeholders = ", ".join(f"'{profile}'" for profile in avoid)
    ((email,),) = query(
        database,
        "select min(email) from intermediate.int_web_cookie_identifications"
        f" where resolution = 'resolved' and unified_profile_id not in ({placeholders})",
    )
    folder = lake / "privacy" / "erasure_requests"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "web.csv").write_text(f"{REQUEST_HEADER}R-WEB,2026-01-21T09:30:00Z,{email},,,,\n")
    return email


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    root = tmp_path_factory.mktemp("incremental_web")
    lake = generate(root / "lake", *LAKE_ARGS)
    database = root / "customer_360.duckdb"
    build(lake, database, extra={"load_date_until": UNTIL})
    email = plant_ambiguous_login(lake, database)
    build(lake, database)
    whole = snapshot(database, root / "whole.duckdb")

    ambiguous_email, merged = plant_decisions(lake, whole, email)
    moved_event, moved_from, moved_to = plant_moved_event(lake, whole)
    build(lake, database)
    decided = snapshot(database, root / "decided.duckdb")

    withdraw_last_crm_partition(lake)
    build(lake, database)
    withdrawn = snapshot(database, root / "withdrawn.duckdb")

    erased_email = plant_erasure(lake, withdrawn, set(merged))
    build(lake, database)
    erased = snapshot(database, root / "erased.duckdb")

    refreshed = snapshot(erased, root / "refreshed.duckdb")
    build(lake, refreshed, "--full-refresh")
    planted = Planted(ambiguous_email, merged, moved_event, moved_from, moved_to, erased_email)
    return Builds(lake, planted, whole, decided, withdrawn, erased, refreshed)


def model_sql(model: str, db: str) -> str:
    """The model's rows without its run stamps and watermarks."""
    return f"select * exclude ({STAMPS[model]}) from {db}.{SCHEMAS[model]}.{model}"


@pytest.mark.parametrize("model", WEB_MODELS)
def test_the_incremental_runs_end_where_a_full_refresh_ends(builds: Builds, model: str) -> None:
    with duckdb.connect() as con:
        con.execute(f"attach '{builds.erased}' as incremental (read_only)")
        con.execute(f"attach '{builds.refreshed}' as full_refresh (read_only)")
        a, b = model_sql(model, "incremental"), model_sql(model, "full_refresh")
        (count,) = con.sql(f"select count(*) from ({a})").fetchone()
        (only_incremental,) = con.sql(f"select count(*) from ({a} except all {b})").fetchone()
        (only_full,) = con.sql(f"select count(*) from ({b} except all {a})").fetchone()
    assert count > 100
    assert (only_incremental, only_full) == (0, 0)


@pytest.mark.parametrize("model", WEB_MODELS)
def test_a_small_change_rebuilds_a_few_rows(builds: Builds, model: str) -> None:
    """The run with two merges and a moved event rewrites only the rows of the cookies (records)
    it touches: some, and few, all stamped alike, later than every row before."""
    table = f"{SCHEMAS[model]}.{model}"
    ((previous,),) = query(builds.whole, f"select max(built_at) from {table}")
    ((rebuilt, rows, kept),) = query(
        builds.decided,
        f"select count(*) filter (where built_at = (select max(built_at) from {table})),"
        f" count(*), count(*) filter (where built_at <= '{previous}') from {table}",
    )
    assert rebuilt + kept == rows
    assert 0 < rebuilt < 0.1 * rows, (rebuilt, rows)


def test_a_merge_resolves_an_ambiguous_email(builds: Builds) -> None:
    sql = (
        "select distinct resolution from intermediate.int_web_cookie_identifications"
        f" where email = '{builds.planted.ambiguous_email}'"
    )
    assert query(builds.whole, sql) == [("ambiguous_email",)]
    assert query(builds.decided, sql) == [("resolved",)]


def test_cookies_of_a_merged_away_profile_move_to_the_survivor(builds: Builds) -> None:
    kept = query(
        builds.decided,
        "select distinct unified_profile_id from marts.fct_identity_graph"
        f" where unified_profile_id in {builds.planted.merged}",
    )
    (profile,) = set(builds.planted.merged) - {row[0] for row in kept}
    for table in ("marts.dim_web_cookies", "marts.fct_web_events"):
        ((before,),) = query(
            builds.whole, f"select count(*) from {table} where unified_profile_id = '{profile}'"
        )
        ((after,),) = query(
            builds.decided, f"select count(*) from {table} where unified_profile_id = '{profile}'"
        )
        assert (before > 0, after) == (True, 0), table


def test_a_re_staged_event_moves_to_its_new_cookie(builds: Builds) -> None:
    planted = builds.planted
    sql = f"select cookie_id from marts.fct_web_events where event_id = '{planted.moved_event}'"
    assert query(builds.whole, sql) == [(planted.moved_from,)]
    assert query(builds.decided, sql) == [(planted.moved_to,)]
    ((status,),) = query(
        builds.decided,
        "select identification_status from marts.dim_web_cookies"
        f" where cookie_id = '{planted.moved_to}'",
    )
    assert status != "anonymous"


def test_an_erased_email_identifies_no_cookie(builds: Builds) -> None:
    sql = (
        "select count(*) from intermediate.int_web_cookie_identifications"
        f" where email = '{builds.planted.erased_email}'"
    )
    assert query(builds.withdrawn, sql)[0][0] > 0
    assert query(builds.erased, sql) == [(0,)]
    holders = "select count(*) from intermediate.int_web_email_holders where email = '{}'"
    assert query(builds.erased, holders.format(builds.planted.erased_email)) == [(0,)]


def test_the_web_models_pass_their_data_tests_after_the_incremental_runs(builds: Builds) -> None:
    work = builds.erased.parent / "tested"
    work.mkdir(exist_ok=True)
    database = snapshot(builds.erased, work / "customer_360.duckdb")
    result = run_dbt(
        ["test", "--select", *WEB_MODELS, "--indirect-selection", "cautious"],
        builds.lake,
        database,
    )
    assert result.returncode == 0, result.stdout[-4000:]
