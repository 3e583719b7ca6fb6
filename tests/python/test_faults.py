"""Faults (issue 6): a build killed midway and rerun gives the outputs of a clean build, a rerun
with no change gives the same outputs, and readers of `<lake_root>/curated/<name>` never see a
half-written Parquet output (the atomic publish of macros/lake/export_to_lake.sql and
customer_360_plugins/lake_publish.py).

One generated lake is built four times, in this order, keeping its curated folder throughout:
a clean build; the same build again (nothing changed); a build into a new DuckDB file killed with
SIGKILL once its log shows int_match_parameters built (trained parameters, incremental state
with full_refresh off, already committed; the identity ids not yet); the same build rerun. The
killed build had published some curated outputs and not others. The second build finds every
output but the run log unchanged: it writes no file of them, each file of its versions is a hard
link to the clean build's. The other tests drive the plugin
alone: an export killed in the middle of its COPY, a crash between writing a version and
switching to it, a lake written before versions existed, and the plugin's errors.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from conftest import generate
from dbt_runner import DBT, REPO, query, run_dbt

if str(REPO) not in sys.path:
    sys.path.append(str(REPO))
lake_publish = importlib.import_module("customer_360_plugins.lake_publish")

LAKE_ARGS = ["--customers", "300", "--seed", "11", "--days", "10"]
# the kill point: the line dbt logs once this model is built ...
KILLED_AFTER = "OK created sql incremental model intermediate.int_match_parameters"
# ... which comes well before this one (clusters and their tests run in between)
NOT_YET_BUILT = "OK created sql incremental model intermediate.int_unified_profile_ids"
# Columns that differ between two builds of the same lake by design (they name or time the
# build), left out when the killed-and-rerun build is compared with the clean one:
RUN_COLUMNS = {
    "run_id": "the build's dbt invocation id (fct_identity_resolution_runs, id history)",
    "run_started_at": "the build's start (fct_identity_resolution_runs)",
    "id_event_id": "a hash of run_id and the event (fct_unified_profile_id_history)",
    "changed_at": "the start of the build that changed the id (id history)",
    "recorded_at": "the start of the build that recorded the event (id history)",
    "clustered_at": "the start of the build that formed the cluster (golden records, graph)",
    "unified_profile_id_minted_at": "the start of the build that minted the id (golden records)",
    "trained_at": "the start of the build that trained them (curated/match_parameters)",
    "built_at": "the start of the build that wrote the row (the incremental web and contact"
    " models)",
    "graph_clustered_at": "the identity marts' clustered_at a build had read (customer_360)",
    "queued_at": "the start of the build that queued the pair (review queue)",
}
# DuckDB adds doubles in parallel in no fixed order: sums differ in the last bits from build
# to build (seen: 1e-14 on match weights, 1e-11 on seconds summed over a day), so doubles are
# compared rounded to this many decimals.
DECIMALS = 6


@dataclass(frozen=True)
class Builds:
    """The lake and what each build left."""

    lake: Path
    clean: Path  # the warehouse of the clean build (a copy, taken before the second build)
    clean_curated: Path  # the curated outputs it published (copied)
    clean_invocation: str  # its dbt invocation id, which names its versions
    again: Path  # the warehouse after the second build
    again_curated: Path
    again_invocation: str
    versions_after_again: dict[str, set[str]]  # curated output -> its version folders
    written_by_again: dict[str, set[str]]  # curated output -> files its version did not link
    killed_log: str  # the killed build's log
    killed_returncode: int
    killed_run_results: bool  # whether the killed build wrote target/run_results.json
    after_kill: dict[str, str]  # curated output -> the version published right after the kill
    after_kill_curated: Path  # the curated outputs as the kill left them (copied)
    rerun: Path  # the warehouse of the killed build, rerun
    rerun_curated: Path
    rerun_invocation: str
    versions_after_rerun: dict[str, set[str]]


def build(lake: Path, database: Path) -> str:
    """dbt build; its invocation id (which names the curated versions it publishes)."""
    result = run_dbt(["build"], lake, database)
    assert result.returncode == 0, result.stdout[-4000:]
    results = json.loads((database.parent / "target" / "run_results.json").read_text())
    return results["metadata"]["invocation_id"]


def published(lake: Path) -> dict[str, str]:
    """Curated output name -> the version folder its link points to."""
    curated = lake / "curated"
    outputs = {}
    for entry in curated.iterdir():
        if entry.name == lake_publish.VERSIONS:
            continue
        assert entry.is_symlink(), f"{entry} is not a published link"
        outputs[entry.name] = lake_publish.published_version(str(lake), entry.name)
    return outputs


def version_folders(lake: Path) -> dict[str, set[str]]:
    """Curated output name -> the version folders (and stray links) under curated/_versions/;
    each version folder's fingerprint manifest is checked to be there and left out."""
    versions = lake / "curated" / lake_publish.VERSIONS
    found = {}
    for folder in versions.iterdir():
        entries = {entry.name for entry in folder.iterdir()}
        manifests = {name for name in entries if name.startswith(lake_publish.MANIFEST_PREFIX)}
        found[folder.name] = entries - manifests
        expected = {
            f"{lake_publish.MANIFEST_PREFIX}{name}.json"
            for name in found[folder.name]
            if (folder / name).is_dir()
        }
        # a version of a plugin-only test has none; a build writes one per version
        assert not manifests or manifests == expected, folder
    return found


def written_files(lake: Path) -> dict[str, set[str]]:
    """Curated output name -> the Parquet files of its published version that the build that
    published it wrote itself, not hard-linked from the version before (one link)."""
    written = {}
    for name in published(lake):
        folder = (lake / "curated" / name).resolve()
        written[name] = {
            path.relative_to(folder).as_posix()
            for path in folder.rglob("*.parquet")
            if path.stat().st_nlink == 1
        }
    return written


def copy_curated(lake: Path, target: Path) -> Path:
    """Copy each published output (through its link) to target/<name>."""
    for name in published(lake):
        shutil.copytree(lake / "curated" / name, target / name)
    return target


def copy_warehouse(database: Path, target: Path) -> Path:
    """Copy a closed DuckDB file (and its WAL, if any)."""
    shutil.copy(database, target)
    wal = database.with_name(database.name + ".wal")
    if wal.exists():
        shutil.copy(wal, target.with_name(target.name + ".wal"))
    return target


def kill_midway(lake: Path, database: Path) -> subprocess.CompletedProcess[str]:
    """Start dbt build (as run_dbt does) and SIGKILL it once its log shows KILLED_AFTER."""
    work = database.parent
    log = work / "logs" / "dbt.log"
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(REPO),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "CUSTOMER_360_DUCKDB": str(database),
        "CUSTOMER_360_MEMORY_LIMIT": "4GB",
    }
    command = [str(DBT), "build", "--vars", json.dumps({"lake_root": str(lake)})]
    command += ["--target-path", str(work / "target"), "--log-path", str(work / "logs")]
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 600
    while process.poll() is None and time.monotonic() < deadline:
        if log.exists() and KILLED_AFTER in log.read_text(errors="replace"):
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    process.wait()
    return subprocess.CompletedProcess(command, process.returncode, log.read_text(), "")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    root = tmp_path_factory.mktemp("faults")
    lake = generate(root / "lake", *LAKE_ARGS)
    warehouse = root / "clean" / "warehouse.duckdb"
    warehouse.parent.mkdir()
    clean_invocation = build(lake, warehouse)
    clean = copy_warehouse(warehouse, root / "clean.duckdb")
    clean_curated = copy_curated(lake, root / "clean_curated")
    again_invocation = build(lake, warehouse)
    again_curated = copy_curated(lake, root / "again_curated")
    versions_after_again = version_folders(lake)
    written_by_again = written_files(lake)
    killed = root / "killed" / "warehouse.duckdb"
    killed.parent.mkdir()
    stopped = kill_midway(lake, killed)
    after_kill = published(lake)
    after_kill_curated = copy_curated(lake, root / "after_kill_curated")
    run_results = (killed.parent / "target" / "run_results.json").exists()
    rerun_invocation = build(lake, killed)
    return Builds(
        lake=lake,
        clean=clean,
        clean_curated=clean_curated,
        clean_invocation=clean_invocation,
        again=warehouse,
        again_curated=again_curated,
        again_invocation=again_invocation,
        versions_after_again=versions_after_again,
        written_by_again=written_by_again,
        killed_log=stopped.stdout,
        killed_returncode=stopped.returncode,
        killed_run_results=run_results,
        after_kill=after_kill,
        after_kill_curated=after_kill_curated,
        rerun=killed,
        rerun_curated=copy_curated(lake, root / "rerun_curated"),
        rerun_invocation=rerun_invocation,
        versions_after_rerun=version_folders(lake),
    )


def compared_columns(con: duckdb.DuckDBPyConnection, relation: str, excluded: set[str]) -> str:
    """The relation's columns but the excluded ones, doubles rounded to DECIMALS."""
    columns = []
    for name, kind, *_ in con.sql(f"describe select * from {relation}").fetchall():
        if name in excluded:
            continue
        columns.append(
            f'round("{name}", {DECIMALS}) as "{name}"'
            if kind in {"DOUBLE", "FLOAT"}
            else f'"{name}"'
        )
    return ", ".join(columns)


def differences(
    con: duckdb.DuckDBPyConnection, expected: str, actual: str, excluded: set[str]
) -> int:
    """Rows of one relation the other lacks, both ways, counting duplicates."""
    columns = compared_columns(con, expected, excluded)
    assert columns == compared_columns(con, actual, excluded), f"{expected} vs {actual}"
    (count,) = con.sql(
        f"select (select count(*) from (select {columns} from {expected}"
        f" except all select {columns} from {actual}))"
        f" + (select count(*) from (select {columns} from {actual}"
        f" except all select {columns} from {expected}))"
    ).fetchone()
    return count


def mart_differences(
    expected: Path, actual: Path, excluded: set[str], skipped: frozenset[str] = frozenset()
) -> dict[str, int]:
    """Mart table -> rows that differ between two warehouses (the same marts in both)."""
    with duckdb.connect() as con:
        tables = {}
        for alias, database in (("expected", expected), ("actual", actual)):
            con.execute(f"attach '{database}' as {alias} (read_only)")
            tables[alias] = {
                name
                for (name,) in con.sql(
                    "select table_name from duckdb_tables()"
                    f" where database_name = '{alias}' and schema_name = 'marts'"
                ).fetchall()
            }
        assert tables["expected"] == tables["actual"]
        assert len(tables["expected"]) > 10
        found = {}
        for table in sorted(tables["expected"] - skipped):
            count = differences(con, f"expected.marts.{table}", f"actual.marts.{table}", excluded)
            if count:
                found[table] = count
        return found


def curated_differences(
    expected: Path, actual: Path, excluded: set[str], skipped: frozenset[str] = frozenset()
) -> dict[str, int]:
    """Parquet file (path under the curated copy) -> rows that differ; -1 for a file that one
    side lacks. The same outputs, partitions and file names on both sides give {}."""
    files, other = (
        {
            path.relative_to(root)
            for path in root.rglob("*.parquet")
            if path.relative_to(root).parts[0] not in skipped
        }
        for root in (expected, actual)
    )
    assert len(files) > 20
    found = {str(path): -1 for path in files ^ other}
    with duckdb.connect() as con:
        for path in sorted(files & other):
            count = differences(
                con,
                f"read_parquet('{expected / path}')",
                f"read_parquet('{actual / path}')",
                excluded,
            )
            if count:
                found[str(path)] = count
    return found


def test_a_build_killed_midway_and_rerun_gives_the_outputs_of_a_clean_build(
    builds: Builds,
) -> None:
    assert builds.killed_returncode == -signal.SIGKILL
    assert KILLED_AFTER in builds.killed_log
    assert NOT_YET_BUILT not in builds.killed_log, "killed too late: the ids were built"
    assert not builds.killed_run_results
    assert mart_differences(builds.clean, builds.rerun, set(RUN_COLUMNS)) == {}
    assert curated_differences(builds.clean_curated, builds.rerun_curated, set(RUN_COLUMNS)) == {}
    # the rerun published every output anew, kept the version each replaced and deleted the
    # older ones (the clean build's)
    killed = {invocation_of(version) for version in builds.after_kill.values()}
    killed -= {builds.again_invocation}
    assert len(killed) == 1
    assert set(builds.versions_after_rerun) == set(builds.versions_after_again)
    for name, version in published(builds.lake).items():
        assert invocation_of(version) == builds.rerun_invocation
        previous = invocation_of(builds.after_kill[name])
        entries = builds.versions_after_rerun[name]
        assert sorted(map(invocation_of, entries)) == sorted([builds.rerun_invocation, previous])


def test_a_killed_build_leaves_each_curated_output_complete(builds: Builds) -> None:
    """Right after the kill, each output is the version the second build published or one the
    killed build finished: complete, and holding the rows of the clean build."""
    killed = {
        name
        for name, version in builds.after_kill.items()
        if not version.endswith(builds.again_invocation)
    }
    # built before the kill point, republished by the killed build ...
    assert {"match_parameters", "agents"} <= killed
    # ... and built after it, still the second build's
    assert not {"identity_graph", "unified_profiles", "customer_360"} & killed
    assert set(builds.after_kill) == set(builds.versions_after_again)
    differing = curated_differences(
        builds.again_curated, builds.after_kill_curated, set(RUN_COLUMNS)
    )
    assert differing == {}


def test_a_rerun_with_no_change_gives_the_same_outputs(builds: Builds) -> None:
    # the run log gains a row; every other mart is as it was, in every column
    runs = "fct_identity_resolution_runs"
    assert mart_differences(builds.clean, builds.again, set(), frozenset({runs})) == {}
    columns = f"* exclude (run_id, run_started_at) from marts.{runs} order by run_started_at"
    (first,) = query(builds.clean, f"select {columns}")
    before, after = query(builds.again, f"select {columns}")
    assert before == first
    names = duckdb_columns(builds.again, f"select {columns}")
    unchanged = dict(zip(names, first, strict=True))
    assert unchanged["records_new"] > 0
    no_change = {"records_new", "records_changed_id", "profiles_created"}
    no_change |= {"profiles_merged", "profiles_split"}
    assert dict(zip(names, after, strict=True)) == {
        name: 0 if name in no_change else value for name, value in unchanged.items()
    }
    output = "identity_resolution_runs"
    differing = curated_differences(
        builds.clean_curated, builds.again_curated, set(), frozenset({output})
    )
    assert differing == {}
    written = builds.again_curated / output / f"{output}.parquet"
    with duckdb.connect() as con:
        con.execute(f"attach '{builds.again}' as again (read_only)")
        assert differences(con, f"read_parquet('{written}')", f"again.marts.{runs}", set()) == 0
    # only the run log was written again; every other output's files are the clean build's,
    # hard-linked into the second build's version
    assert {name: files for name, files in builds.written_by_again.items() if files} == {
        output: {f"{output}.parquet"}
    }
    # no leftover: each output holds its published version and the one it replaced
    for name, entries in builds.versions_after_again.items():
        assert sorted(map(invocation_of, entries)) == sorted(
            [builds.clean_invocation, builds.again_invocation]
        ), name


def duckdb_columns(database: Path, sql: str) -> list[str]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.sql(sql).columns


def invocation_of(version: str) -> str:
    """The dbt invocation id in a version folder's name (<run start>-<invocation id>)."""
    return version.split("-", 1)[1]


# The plugin alone: the statements export_to_lake renders, on a connection the plugin configured.
PLUGIN = "customer_360_plugins.lake_publish"
SLOW_EXPORT = """
import sys
import time

import duckdb

sys.path.append(sys.argv[1])
from dbt.adapters.duckdb.plugins import BasePlugin

lake, version, rows = sys.argv[2], sys.argv[3], int(sys.argv[4])


def slowly(value: int) -> int:
    time.sleep(0.001)
    return value


con = duckdb.connect()
BasePlugin.create("customer_360_plugins.lake_publish").configure_connection(con)
con.create_function("slowly", slowly, side_effects=True)
con.execute("set threads = 1")
con.execute(f"select customer_360_prepare_version('{lake}', 'slow', '{version}')")
con.execute(
    f"copy (select slowly(i) as i, repeat(md5(cast(i as varchar)), 30) as padding"
    f" from range({rows}) as t (i)) to '{lake}/curated/_versions/slow/{version}/slow.parquet'"
    " (format parquet, row_group_size 100, compression uncompressed)"
)
con.execute(f"select customer_360_publish_version('{lake}', 'slow', '{version}')")
"""


def plugged() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with the plugin's functions, as dbt configures its own."""
    con = duckdb.connect()
    lake_publish.Plugin.create(PLUGIN).configure_connection(con)
    return con


def export(
    con: duckdb.DuckDBPyConnection, lake: Path, name: str, version: str, rows: int, publish: bool
) -> None:
    """What export_to_lake runs for a table of `rows` rows; with publish false, a build that
    dies between writing the version and switching the link."""
    con.execute(f"select customer_360_prepare_version('{lake}', '{name}', '{version}')")
    con.execute(
        f"copy (select range as i from range({rows})) to"
        f" '{lake}/curated/_versions/{name}/{version}/{name}.parquet' (format parquet)"
    )
    if publish:
        con.execute(f"select customer_360_publish_version('{lake}', '{name}', '{version}')")


def rows_read(lake: Path, name: str) -> list[int]:
    """What a reader of curated/<name> gets."""
    with duckdb.connect() as con:
        sql = f"select i from '{lake}/curated/{name}/*.parquet' order by i"
        return [i for (i,) in con.sql(sql).fetchall()]


def test_a_kill_during_an_export_leaves_the_published_version_readable(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    lake.mkdir()
    with plugged() as con:
        export(con, lake, "slow", "v1", 1000, publish=True)
    partial = lake / "curated" / "_versions" / "slow" / "v2" / "slow.parquet"
    # 10,000 rows of 1 kB, a millisecond each: the COPY writes for about 10 seconds, a 2 MB
    # batch of row groups every 2 seconds or so
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_EXPORT, str(REPO), str(lake), "v2", "10000"]
    )
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if partial.exists() and partial.stat().st_size > 0:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    assert process.wait() == -signal.SIGKILL
    # the kill cut the file short: a reader of it would fail ...
    with pytest.raises(duckdb.Error, match=re.escape(str(partial))), duckdb.connect() as con:
        con.sql(f"select count(*) from '{partial}'").fetchall()
    # ... but readers of curated/slow still get the whole previous version
    assert lake_publish.published_version(str(lake), "slow") == "v1"
    assert rows_read(lake, "slow") == list(range(1000))
    # the rerun publishes its own version; the killed build's partial one is deleted
    with plugged() as con:
        export(con, lake, "slow", "v3", 3000, publish=True)
    assert rows_read(lake, "slow") == list(range(3000))
    assert version_folders(lake) == {"slow": {"v1", "v3"}}


def test_readers_see_the_old_version_until_the_switch(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    lake.mkdir()
    with plugged() as con:
        export(con, lake, "out", "v1", 10, publish=True)
        # written in full but never switched to (the build died in between)
        export(con, lake, "out", "v2", 20, publish=False)
        assert rows_read(lake, "out") == list(range(10))
        # a reader that resolved the link before the next switch ...
        resolved = (lake / "curated" / "out").resolve()
        con.execute(f"select customer_360_publish_version('{lake}', 'out', 'v2')")
        assert rows_read(lake, "out") == list(range(20))
        # ... still reads the version it resolved: the replaced version is kept
        assert resolved.name == "v1"
        assert pq_rows(resolved / "out.parquet") == 10
        export(con, lake, "out", "v3", 30, publish=True)
    assert rows_read(lake, "out") == list(range(30))
    assert version_folders(lake) == {"out": {"v2", "v3"}}
    assert sorted(entry.name for entry in (lake / "curated").iterdir()) == ["_versions", "out"]


def pq_rows(path: Path) -> int:
    with duckdb.connect() as con:
        (count,) = con.sql(f"select count(*) from '{path}'").fetchone()
    return count


def test_an_output_written_in_place_becomes_the_previous_version(tmp_path: Path) -> None:
    """A lake built before versions existed: curated/<name>/ is a folder of Parquet files."""
    lake = tmp_path / "lake"
    (lake / "curated" / "out").mkdir(parents=True)
    with duckdb.connect() as con:
        con.execute(f"copy (select 7 as i) to '{lake}/curated/out/out.parquet' (format parquet)")
    with plugged() as con:
        export(con, lake, "out", "v1", 5, publish=True)
        assert rows_read(lake, "out") == list(range(5))
        assert version_folders(lake) == {"out": {"v1", "unversioned-v1"}}
        assert pq_rows(lake / "curated" / "_versions" / "out" / "unversioned-v1" / "out.parquet")
        export(con, lake, "out", "v2", 6, publish=True)
    assert version_folders(lake) == {"out": {"v1", "v2"}}


def test_publish_errors_name_the_folder(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    lake.mkdir()
    versions = lake / "curated" / "_versions" / "out"
    with plugged() as con:
        with pytest.raises(duckdb.Error, match=re.escape(f"{versions / 'v1'} does not exist")):
            con.execute(f"select customer_360_publish_version('{lake}', 'out', 'v1')")
        con.execute(f"select customer_360_prepare_version('{lake}', 'out', 'v1')")
        with pytest.raises(duckdb.Error, match=re.escape(f"{versions / 'v1'} holds no file")):
            con.execute(f"select customer_360_publish_version('{lake}', 'out', 'v1')")
        with pytest.raises(duckdb.Error, match=re.escape(f"{versions / 'v1'} exists")):
            con.execute(f"select customer_360_prepare_version('{lake}', 'out', 'v1')")
        with pytest.raises(duckdb.Error, match=re.escape("name '../out'")):
            con.execute(f"select customer_360_prepare_version('{lake}', '../out', 'v2')")
        with pytest.raises(duckdb.Error, match=re.escape(f"lake root {tmp_path / 'nowhere'}")):
            con.execute(f"select customer_360_prepare_version('{tmp_path}/nowhere', 'out', 'v2')")
    assert not (lake / "curated" / "out").exists()
