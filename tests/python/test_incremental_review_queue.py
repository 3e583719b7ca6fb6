"""The review queue (fct_match_review_queue) is incremental: a run builds again only the pairs
holding a record new, changed, gone or clustered again since, or named by a reviewer decision,
and ranks the whole queue again; after any run it holds what a full refresh of the same lake
holds, apart from the columns that stamp the run (queued_at) or the watermarks it consumed
(normalized_sequence, clustered_at).

One generated lake: built as of 2026-01-12; then, with reviewer decisions on two queued pairs
(a match and a non_match) dropped in the lake, the whole lake incrementally; then the last CRM
and billing partitions are withdrawn (records gone, or back to an earlier version) and it is
built again. After each incremental run a copy of the warehouse is rebuilt with --full-refresh
and the queues compared both ways.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from conftest import generate
from dbt_runner import query, run_dbt

LAKE_ARGS = ["--customers", "400", "--seed", "13", "--days", "20", "--start-date", "2026-01-01"]
UNTIL = "2026-01-12"
BUILD = ["build", "--select", "+fct_match_review_queue", "--indirect-selection", "cautious"]
QUEUE = "marts.fct_match_review_queue"
# run stamp and watermarks: they name the run that wrote a row, not what the row says
RUN_COLUMNS = ("queued_at", "normalized_sequence", "clustered_at")
DECIMALS = 6
DECISIONS_HEADER = (
    "source_system_l,source_record_id_l,source_system_r,source_record_id_r,"
    "decision,decided_by,decided_at,note\n"
)


@dataclass(frozen=True)
class Step:
    """One incremental run: its warehouse, a full refresh of a copy, what it wrote."""

    incremental: Path
    refreshed: Path
    rows: int  # the queue's rows after the run
    written: int  # rows stamped by the run


@dataclass(frozen=True)
class Builds:
    delta: Step  # the whole lake after the build as of UNTIL, with two decisions
    withdrawn: Step  # then with the last CRM and billing partitions gone
    decided: list[tuple[str, str, str]]  # (record l, record r, decision)


def build(lake: Path, database: Path, *flags: str, until: str | None = None) -> None:
    extra = {"load_date_until": until} if until else None
    result = run_dbt([*BUILD, *flags], lake, database, extra)
    assert result.returncode == 0, result.stdout[-4000:]


def step(lake: Path, database: Path, root: Path, name: str) -> Step:
    """An incremental build of the whole lake, then a full refresh of a copy."""
    build(lake, database)
    incremental = root / f"{name}_incremental" / "warehouse.duckdb"
    incremental.parent.mkdir()
    shutil.copy(database, incremental)
    refreshed = root / f"{name}_refreshed" / "warehouse.duckdb"
    refreshed.parent.mkdir()
    shutil.copy(database, refreshed)
    build(lake, refreshed, "--full-refresh")
    ((rows, written),) = query(
        incremental,
        f"select count(*), count(*) filter (where queued_at = (select max(queued_at)"
        f" from {QUEUE})) from {QUEUE}",
    )
    return Step(incremental=incremental, refreshed=refreshed, rows=rows, written=written)


def decide(lake: Path, database: Path) -> list[tuple[str, str, str]]:
    """Reviewer decisions on the two most consequential uncertain pairs, in the lake."""
    pairs = query(
        database,
        "select source_system_l, source_record_id_l, source_system_r, source_record_id_r,"
        " profile_record_id_l, profile_record_id_r"
        f" from {QUEUE} where review_reason = 'uncertain' order by review_rank limit 2",
    )
    assert len(pairs) == 2
    folder = lake / "review" / "match_decisions"
    folder.mkdir(parents=True)
    lines = DECISIONS_HEADER
    decided = []
    for (system_l, id_l, system_r, id_r, record_l, record_r), verdict in zip(
        pairs, ["match", "non_match"], strict=True
    ):
        lines += f"{system_l},{id_l},{system_r},{id_r},{verdict},tester,2026-02-01T00:00:00Z,\n"
        decided.append((record_l, record_r, verdict))
    (folder / "decisions-2026-02-01.csv").write_text(lines)
    return decided


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    root = tmp_path_factory.mktemp("review_queue")
    lake = generate(root / "lake", *LAKE_ARGS)
    database = root / "warehouse" / "warehouse.duckdb"
    database.parent.mkdir()
    build(lake, database, until=UNTIL)
    decided = decide(lake, database)
    delta = step(lake, database, root, "delta")
    for feed in ("crm/contacts", "billing/accounts"):
        shutil.rmtree(sorted((lake / "raw" / feed).glob("load_date=*"))[-1])
    withdrawn = step(lake, database, root, "withdrawn")
    return Builds(delta=delta, withdrawn=withdrawn, decided=decided)


def differences(incremental: Path, refreshed: Path) -> tuple[int, int]:
    """Queue rows of each warehouse that the other lacks (run columns left out, doubles
    rounded)."""
    with duckdb.connect() as con:
        con.execute(f"attach '{incremental}' as incremental (read_only)")
        con.execute(f"attach '{refreshed}' as refreshed (read_only)")
        columns = []
        for name, kind, *_ in con.sql(f"describe refreshed.{QUEUE}").fetchall():
            if name in RUN_COLUMNS:
                continue
            columns.append(f"round({name}, {DECIMALS})" if kind == "DOUBLE" else name)
        listed = ", ".join(columns)
        counts = []
        for left, right in (("incremental", "refreshed"), ("refreshed", "incremental")):
            (count,) = con.sql(
                f"select count(*) from (select {listed} from {left}.{QUEUE}"
                f" except all select {listed} from {right}.{QUEUE})"
            ).fetchone()
            counts.append(count)
    return counts[0], counts[1]


@pytest.mark.parametrize("name", ["delta", "withdrawn"])
def test_an_incremental_run_ends_where_a_full_refresh_ends(builds: Builds, name: str) -> None:
    run: Step = getattr(builds, name)
    assert run.rows > 50
    assert differences(run.incremental, run.refreshed) == (0, 0)


@pytest.mark.parametrize("name", ["delta", "withdrawn"])
def test_an_incremental_run_writes_only_part_of_the_queue(builds: Builds, name: str) -> None:
    run: Step = getattr(builds, name)
    print(f"{name}: the run wrote {run.written} of the queue's {run.rows} rows")
    assert 0 < run.written < run.rows


def test_decided_pairs_leave_the_queue_and_ranks_stay_a_sequence(builds: Builds) -> None:
    for record_l, record_r, _ in builds.decided:
        assert not query(
            builds.delta.incremental,
            f"select 1 from {QUEUE} where profile_record_id_l = '{record_l}'"
            f" and profile_record_id_r = '{record_r}'",
        )
    for run in (builds.delta, builds.withdrawn):
        ((ranks, lowest, highest, distinct),) = query(
            run.incremental,
            f"select count(review_rank), min(review_rank), max(review_rank),"
            f" count(distinct review_rank) from {QUEUE}",
        )
        assert (ranks, lowest, highest, distinct) == (run.rows, 1, run.rows, run.rows)
