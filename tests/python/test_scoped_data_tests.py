"""Data tests of incremental runs read only the latest run's rows; the blocking audits are
incremental and equal a full refresh (docs/data_quality.md).

One generated lake of 400 customers, with blocking.max_block_size lowered to 10 so that the
audits have skipped keys to keep. The matching models and the blocking audits are built as of
2026-01-15, then with the whole lake (new and changed records, incrementally), then after the last
CRM and billing partitions are withdrawn (records gone, others back to an earlier version).
After each incremental step the audits equal those of a full refresh of a copy. Bad rows are
injected with DuckDB into copies of the incremental warehouse, between the build and a test run:
an old bad row passes the scoped test, a new one fails it, a full-refresh test run fails on both,
and a whole-table test fails on an old row.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from conftest import generate
from dbt_runner import query, run_dbt

LAKE_ARGS = ["--customers", "400", "--seed", "13", "--days", "28", "--bad-row-rate", "0.01"]
UNTIL = "2026-01-15"
MAX_BLOCK_SIZE = 10
VARS: dict[str, object] = {
    "identity_resolution_overrides": {"blocking": {"max_block_size": MAX_BLOCK_SIZE}}
}
SELECTION = ["--select", "+audit_blocking_rules", "+int_profile_clusters"]
# an analyst view over an incremental mart: its tests take the mart's stamp
SELECTION += ["+analyst_dim_unified_profiles"]
SELECTION += ["--indirect-selection", "cautious"]
# a model's tests, and those also reading its ancestors (relationships, coverage)
INDIRECT = ["--indirect-selection", "buildable"]
KEYS = "audit.audit_blocking_skipped_keys__block_keys"
AUDITS = (
    "select * from {db}.audit.audit_blocking_rules",
    "select * exclude (audited_at) from {db}.audit.audit_blocking_skipped_keys",
    # the key table the audits are counted from (its normalized_sequence is the sequence of the
    # run that wrote the key, which a full refresh stamps alike)
    "select * exclude (normalized_sequence) from {db}." + KEYS,
)


@dataclass(frozen=True)
class Builds:
    lake: Path
    delta: Path  # the whole lake, built incrementally on the build as of UNTIL
    delta_full: Path  # a full refresh of a copy of it
    departed: Path  # then with the last CRM and billing partitions withdrawn
    departed_full: Path  # a full refresh of a copy of that


def build(lake: Path, database: Path, *args: str, extra: dict[str, object] | None = None) -> None:
    result = run_dbt(["build", *SELECTION, *args], lake, database, {**VARS, **(extra or {})})
    assert result.returncode == 0, result.stdout[-4000:]


def copy_to(database: Path, folder: Path) -> Path:
    """A copy of the warehouse in a folder of its own (dbt writes its target folder beside it)."""
    folder.mkdir()
    return Path(shutil.copy(database, folder / database.name))


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    root = tmp_path_factory.mktemp("scoped_tests")
    lake = generate(root / "lake", *LAKE_ARGS)
    database = root / "work" / "customer_360.duckdb"
    database.parent.mkdir()
    build(lake, database, extra={"load_date_until": UNTIL})
    build(lake, database)
    delta = copy_to(database, root / "delta")
    delta_full = copy_to(database, root / "delta_full")
    build(lake, delta_full, "--full-refresh")
    for feed in ("crm/contacts", "billing/accounts"):
        shutil.rmtree(sorted((lake / "raw" / feed).glob("load_date=*"))[-1])
    build(lake, database)
    departed = copy_to(database, root / "departed")
    departed_full = copy_to(database, root / "departed_full")
    build(lake, departed_full, "--full-refresh")
    return Builds(lake, delta, delta_full, departed, departed_full)


def assert_same(left: Path, right: Path, queries: tuple[str, ...]) -> None:
    with duckdb.connect() as con:
        con.execute(f"attach '{left}' as a (read_only)")
        con.execute(f"attach '{right}' as b (read_only)")
        for sql in queries:
            a, b = sql.format(db="a"), sql.format(db="b")
            (count,) = con.sql(f"select count(*) from ({a})").fetchone()
            (differ,) = con.sql(
                f"select count(*) from (({a}) except all ({b}) union all (({b}) except all ({a})))"
            ).fetchone()
            assert count > 0, sql
            assert differ == 0, sql


def audit_rewritten(database: Path) -> tuple[int, int]:
    """Skipped-key rows the last run wrote, and all of them."""
    ((rewritten, rows),) = query(
        database,
        "select count(*) filter (where audited_at = (select max(audited_at)"
        " from audit.audit_blocking_skipped_keys)), count(*)"
        " from audit.audit_blocking_skipped_keys",
    )
    return rewritten, rows


def test_the_blocking_audits_after_a_delta_equal_a_full_refresh(builds: Builds) -> None:
    assert_same(builds.delta, builds.delta_full, AUDITS)
    rewritten, rows = audit_rewritten(builds.delta)
    # the delta counted some skipped blocks again, not all of them
    assert 0 < rewritten < rows
    ((skipped, first_pairs, pairs),) = query(
        builds.delta,
        "select sum(skipped_keys), sum(first_candidate_pairs),"
        " (select count(*) from intermediate.int_profile_pairs_blocked)"
        " from audit.audit_blocking_rules",
    )
    assert skipped == rows
    assert first_pairs == pairs


# the audits counted directly from the blocking keys, as a plain group by
COUNTED = (
    "with blocks as (select blocking_rule, block_key, count(*) as block_size"
    " from {db}.intermediate.int_profile_blocking_keys group by all)"
    f" select * from blocks where block_size > {MAX_BLOCK_SIZE}",
    "with blocks as (select blocking_rule, block_key, count(*) as block_size"
    " from {db}.intermediate.int_profile_blocking_keys group by all)"
    " select blocking_rule, sum(block_size), sum(block_size * (block_size - 1) / 2),"
    f" count(*) filter (where block_size > {MAX_BLOCK_SIZE})"
    " from blocks group by all",
)
AUDITED = (
    "select blocking_rule, block_key, block_size from {db}.audit.audit_blocking_skipped_keys",
    "select blocking_rule, records_with_key, pairs_before_cap, skipped_keys"
    " from {db}.audit.audit_blocking_rules where records_with_key > 0",
)


def test_the_incremental_audits_count_what_the_blocking_keys_hold(builds: Builds) -> None:
    with duckdb.connect() as con:
        for database in (builds.delta, builds.departed):
            con.execute(f"attach '{database}' as db (read_only)")
            for counted, audited in zip(COUNTED, AUDITED, strict=True):
                a, b = counted.format(db="db"), audited.format(db="db")
                (differ,) = con.sql(
                    f"select count(*) from (({a}) except all ({b}) union all (({b}) except all"
                    f" ({a})))"
                ).fetchone()
                assert differ == 0, audited
            con.execute("detach db")


def test_the_blocking_audits_after_records_leave_equal_a_full_refresh(builds: Builds) -> None:
    ((before,),) = query(builds.delta, f"select count(distinct profile_record_id) from {KEYS}")
    ((after,),) = query(builds.departed, f"select count(distinct profile_record_id) from {KEYS}")
    assert after < before  # records did leave
    assert_same(builds.departed, builds.departed_full, AUDITS)


# --- scoped data tests ------------------------------------------------------------------------

BLOCKING_KEYS = "intermediate.int_profile_blocking_keys"
CLUSTERS = "intermediate.int_profile_clusters"
# the one test of the columns each model declares not null (dbt names a model-level test
# without arguments with a trailing underscore)
NOT_NULL_BLOCK_KEY = "columns_not_null_int_profile_blocking_keys_"
NOT_NULL_CLUSTER_ID = "columns_not_null_int_profile_clusters_"
UNIQUE_CLUSTERED_RECORD = "unique_int_profile_clusters_profile_record_id"


def inject(database: Path, sql: str) -> None:
    with duckdb.connect(str(database)) as con:
        con.execute(sql)


def failed_tests(
    lake: Path, database: Path, model: str, *args: str, build_model: bool = False, **extra: object
) -> set[str]:
    """Run the data tests of one model on a built warehouse (after running the model itself with
    build_model); the names of those that failed."""
    only_tests = [] if build_model else ["--resource-type", "test"]
    result = run_dbt(
        ["build", "--select", model, *only_tests, *INDIRECT, *args],
        lake,
        database,
        {**VARS, **extra},
    )
    results = json.loads((database.parent / "target" / "run_results.json").read_text())
    ran = {
        row["unique_id"].split(".")[2]: row["status"]
        for row in results["results"]
        if row["unique_id"].startswith("test.")
    }
    assert ran, result.stdout[-4000:]
    failed = {name for name, status in ran.items() if status in ("fail", "error")}
    assert (result.returncode != 0) == bool(failed), result.stdout[-4000:]
    return failed


def null_columns(database: Path, test: str) -> list[str]:
    """The null columns each failing row of a columns_not_null test of the last run names."""
    results = json.loads((database.parent / "target" / "run_results.json").read_text())
    (code,) = [
        row["compiled_code"] for row in results["results"] if row["unique_id"].split(".")[2] == test
    ]
    return [row[0] for row in query(database, f"select null_columns from ({code})")]


def old_bad_key(stamp: str) -> str:
    """Copies of the blocking keys of the given stamp ('<' the latest or '=' it) with no key (the
    caller adds conditions and a limit)."""
    return (
        f"insert into {BLOCKING_KEYS} "
        "select profile_record_id, source_system, blocking_rule, blocking_rule_number,"
        " null as block_key, normalized_sequence"
        f" from {BLOCKING_KEYS} where normalized_sequence {stamp}"
        f" (select max(normalized_sequence) from {BLOCKING_KEYS})"
    )


def test_a_scoped_test_passes_an_old_bad_row_and_fails_a_new_one(
    builds: Builds, tmp_path: Path
) -> None:
    database = copy_to(builds.delta, tmp_path / "scoped")
    assert failed_tests(builds.lake, database, "int_profile_blocking_keys") == set()
    inject(database, old_bad_key("<") + " limit 1")
    # the latest run did not write the bad row: its scoped test does not read it
    assert failed_tests(builds.lake, database, "int_profile_blocking_keys") == set()
    # a full-refresh test run, or one with the scoping off, reads every row
    assert failed_tests(builds.lake, database, "int_profile_blocking_keys", "--full-refresh") == {
        NOT_NULL_BLOCK_KEY
    }
    assert failed_tests(
        builds.lake, database, "int_profile_blocking_keys", scope_incremental_tests=False
    ) == {NOT_NULL_BLOCK_KEY}
    inject(database, old_bad_key("=") + " limit 1")
    # a bad row carrying the latest run's stamp is read
    assert failed_tests(builds.lake, database, "int_profile_blocking_keys") == {NOT_NULL_BLOCK_KEY}
    # and so is an old row that lost its stamp
    inject(database, f"delete from {BLOCKING_KEYS} where block_key is null")
    inject(
        database,
        f"update {BLOCKING_KEYS} set normalized_sequence = null where rowid = (select min(rowid)"
        f" from {BLOCKING_KEYS} where normalized_sequence < (select max(normalized_sequence)"
        f" from {BLOCKING_KEYS}))",
    )
    assert failed_tests(builds.lake, database, "int_profile_blocking_keys") == {NOT_NULL_BLOCK_KEY}
    assert null_columns(database, NOT_NULL_BLOCK_KEY) == ["normalized_sequence"]


def test_unique_reads_the_rows_of_the_keys_the_latest_run_wrote(
    builds: Builds, tmp_path: Path
) -> None:
    database = copy_to(builds.delta, tmp_path / "whole")
    latest = f"(select max(clustered_at) from {CLUSTERS})"
    # an old cluster row again, without its cluster: a duplicate record among rows the latest
    # run did not write. Scoped, unique reads only the keys the latest run wrote, and
    # columns_not_null (and the model's expression test on cluster_id) only its rows: the run
    # passes
    inject(
        database,
        f"insert into {CLUSTERS} by name select * replace (null as cluster_id) from {CLUSTERS}"
        f" where clustered_at < {latest} limit 1",
    )
    assert failed_tests(builds.lake, database, "int_profile_clusters") == set()
    failed = failed_tests(builds.lake, database, "int_profile_clusters", "--full-refresh")
    assert {UNIQUE_CLUSTERED_RECORD, NOT_NULL_CLUSTER_ID} <= failed
    # a record the latest run clustered, again with an older stamp: its key is the latest
    # run's, so unique reads both of its rows
    inject(
        database,
        f"insert into {CLUSTERS} by name select * replace ((select min(clustered_at) from"
        f" {CLUSTERS}) as clustered_at) from {CLUSTERS} where clustered_at = {latest} limit 1",
    )
    assert failed_tests(builds.lake, database, "int_profile_clusters") == {UNIQUE_CLUSTERED_RECORD}


SCOPES = "main.customer_360__test_scopes"


def recorded_stamp(database: Path, model: str) -> str | None:
    """The stamp the last build recorded for a model before running it (record_test_scope)."""
    rows = query(
        database, f"select stamp_before from {SCOPES} where node_id = 'model.customer_360.{model}'"
    )
    assert len(rows) == 1, rows
    return rows[0][0]


def scope_of(database: Path, test: str) -> str:
    """The condition a test of the last run wrapped its model in (get_where_subquery)."""
    results = json.loads((database.parent / "target" / "run_results.json").read_text())
    (code,) = [
        row["compiled_code"] for row in results["results"] if row["unique_id"].split(".")[2] == test
    ]
    return code.split(" where (", 1)[1].rsplit(")) dbt_subquery", 1)[0]


def test_a_build_tests_the_rows_it_wrote_and_none_when_it_wrote_none(
    builds: Builds, tmp_path: Path
) -> None:
    # the departed warehouse's last build read the lake as it is now: nothing new for it
    unchanged = copy_to(builds.departed, tmp_path / "unchanged")
    inject(unchanged, old_bad_key("=") + " limit 1")
    # a test run reads the rows the last build wrote: the bad row among them
    assert failed_tests(builds.lake, unchanged, "int_profile_blocking_keys") == {NOT_NULL_BLOCK_KEY}
    ((latest,),) = query(unchanged, f"select max(normalized_sequence) from {BLOCKING_KEYS}")
    # a build of the model writes no key, and its tests read none
    assert failed_tests(builds.lake, unchanged, "int_profile_blocking_keys", build_model=True) == (
        set()
    )
    assert recorded_stamp(unchanged, "int_profile_blocking_keys") == str(latest)
    scope = scope_of(unchanged, NOT_NULL_BLOCK_KEY)
    assert query(unchanged, f"select count(*) from {BLOCKING_KEYS} where {scope}") == [(0,)]
    # the delta warehouse was built before records left: a build of it writes the keys of the
    # records that changed, and its tests read those, not the bad row the delta wrote
    delta = copy_to(builds.delta, tmp_path / "delta")
    # a bad copy of a key the delta wrote for a source whose files stay (the records of the
    # withdrawn CRM and billing files change, and their keys are deleted)
    inject(delta, old_bad_key("=") + " and source_system not in ('crm', 'billing') limit 1")
    ((before,),) = query(delta, f"select max(normalized_sequence) from {BLOCKING_KEYS}")
    assert failed_tests(builds.lake, delta, "+int_profile_blocking_keys", build_model=True) == set()
    assert recorded_stamp(delta, "int_profile_blocking_keys") == str(before)
    ((written, bad),) = query(
        delta,
        f"select count(*) filter (where normalized_sequence > {before}),"
        f" count(*) filter (where block_key is null) from {BLOCKING_KEYS}",
    )
    assert written > 0 and bad == 1
    scope = scope_of(delta, NOT_NULL_BLOCK_KEY)
    assert query(delta, f"select count(*) from {BLOCKING_KEYS} where {scope}") == [(written,)]
    # a test run after the build reads the rows the build wrote: the bad row is not among them
    assert failed_tests(builds.lake, delta, "int_profile_blocking_keys") == set()


# --- analyst views: a view projecting an incremental mart's rows takes the mart's stamp -------

MART = "marts.dim_unified_profiles"
VIEW = "analyst.dim_unified_profiles"
ANALYST = "analyst_dim_unified_profiles"
NOT_NULL_VIEW_ID = "columns_not_null_analyst_dim_unified_profiles_"


def unmask(database: Path, column: str, value: str, stamp: str) -> None:
    """Replace the analyst view by one showing `value` in `column` for the mart's rows of the
    given stamp ('<' the latest or '=' it); the other rows as the view masked them."""
    inject(
        database,
        f"alter view {VIEW} rename to masked;"
        f" create view {VIEW} as select masked.* replace (case when masked.clustered_at {stamp}"
        f" (select max(clustered_at) from {MART}) then {value} else masked.{column} end"
        f" as {column}) from analyst.masked inner join {MART} as mart using (unified_profile_id)",
    )


@pytest.mark.parametrize(
    ("column", "value", "failing"),
    [
        # a raw email: exposes_no_pii (its name is hashed by dbt: a prefix)
        ("email", "mart.email", "exposes_no_pii_analyst_dim_unified"),
        ("unified_profile_id", "null", NOT_NULL_VIEW_ID),
    ],
)
def test_an_analyst_view_tests_the_rows_its_mart_last_wrote(
    builds: Builds, tmp_path: Path, column: str, value: str, failing: str
) -> None:
    database = copy_to(builds.delta, tmp_path / "analyst")
    ((old, latest),) = query(
        database,
        f"select count(*) filter (where clustered_at < (select max(clustered_at) from {MART})),"
        f" count(*) filter (where clustered_at = (select max(clustered_at) from {MART}))"
        f" from {MART} where email is not null",
    )
    assert old > 0 and latest > 0  # the delta rewrote some profiles, not all

    def failed(*args: str, **extra: object) -> list[bool]:
        """Whether each failing test is the expected one, for a test run of the view."""
        return [
            name.startswith(failing)
            for name in failed_tests(builds.lake, database, ANALYST, *args, **extra)
        ]

    assert failed() == []
    unmask(database, column, value, "<")
    # an old row shows a raw email (or no id): the scoped tests read the latest rows only
    assert failed() == []
    # a full-refresh test run, or one with the scoping off, reads every row
    assert failed("--full-refresh") == [True]
    assert failed(scope_incremental_tests=False) == [True]
    inject(database, f"drop view {VIEW}; alter view analyst.masked rename to dim_unified_profiles")
    unmask(database, column, value, "=")
    # a row the latest run wrote is read
    assert failed() == [True]
