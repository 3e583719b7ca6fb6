"""Curated exports rewrite only what changed (macros/lake/export_to_lake.sql with the plugin
customer_360_plugins/lake_publish.py, docs/lake_format.md "Curated outputs and atomic publish").

A scratch dbt project in a temporary folder holds the real export_to_lake macro and the real
plugin, and two models whose SQL comes from a variable: `events`, exported partitioned by
event_date, and `people`, exported as one file. Each build changes the models' rows or columns;
the tests look at which files of the published version were written by the build (one link)
and which were hard-linked from the version before (two links, the same inode), and read the
published output back to compare it with the table.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from dbt_runner import DBT, REPO

PROJECT = """
name: customer_360
version: "1.0"
config-version: 2
profile: customer_360
model-paths: [models]
macro-paths: [macros]
"""
PROFILE = """
customer_360:
  target: duckdb
  outputs:
    duckdb:
      type: duckdb
      path: "{database}"
      threads: 1
      module_paths: ["{repo}"]
      plugins:
        - module: customer_360_plugins.lake_publish
"""
EVENTS = """{{ config(materialized='table',
    post_hook="{{ export_to_lake('events', 'event_date') }}") }}
{{ var('events') }}
"""
PEOPLE = """{{ config(materialized='table', post_hook="{{ export_to_lake('people') }}") }}
{{ var('people') }}
"""
# 400 events over four days (and 10 with no date), 50 people
DAYS = 4
EVENTS_SQL = """
select
    range as event_id,
    case when range < 400 then date '2026-01-01' + cast(range % {days} as integer) end
        as event_date,
    'page-' || range as page{extra}
from range(410)
"""
PEOPLE_SQL = "select range as person_id, 'name-' || range as person_name from range(50)"


class Scratch:
    """The scratch project, its lake and its warehouse."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.project = root / "project"
        self.lake = root / "lake"
        self.database = root / "warehouse.duckdb"
        (self.project / "models").mkdir(parents=True)
        (self.project / "macros").mkdir()
        self.lake.mkdir()
        (self.project / "dbt_project.yml").write_text(PROJECT)
        (self.project / "profiles.yml").write_text(
            PROFILE.format(database=self.database, repo=REPO)
        )
        (self.project / "models" / "events.sql").write_text(EVENTS)
        (self.project / "models" / "people.sql").write_text(PEOPLE)
        shutil.copy(REPO / "macros" / "lake" / "export_to_lake.sql", self.project / "macros")

    def build(self, events: str, people: str = PEOPLE_SQL, *flags: str) -> None:
        """dbt run of both models with the given SQL."""
        variables = {"lake_root": str(self.lake), "events": events, "people": people}
        command = [str(DBT), "run", "--vars", json.dumps(variables), *flags]
        command += ["--project-dir", str(self.project), "--profiles-dir", str(self.project)]
        env = {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
        result = subprocess.run(
            command, cwd=self.project, env=env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout[-4000:]

    def published(self, name: str) -> Path:
        """The version folder curated/<name> points to."""
        return (self.lake / "curated" / name).resolve()

    def files(self, name: str) -> dict[str, os.stat_result]:
        """Parquet file (path in the published version) -> its stat."""
        folder = self.published(name)
        return {
            path.relative_to(folder).as_posix(): path.stat()
            for path in sorted(folder.rglob("*.parquet"))
        }

    def written(self, name: str) -> set[str]:
        """The files of the published version the last build wrote (not links)."""
        return {path for path, stat in self.files(name).items() if stat.st_nlink == 1}

    def differences(self, name: str, table: str, partitioned: bool) -> int:
        """Rows of the published output and of the table that the other lacks."""
        glob = f"{self.lake}/curated/{name}/{'**/' if partitioned else ''}*.parquet"
        with duckdb.connect(str(self.database), read_only=True) as con:
            columns = ", ".join(con.sql(f"select * from main.{table}").columns)
            read = f"read_parquet('{glob}', hive_partitioning = {str(partitioned).lower()})"
            (count,) = con.sql(
                f"select (select count(*) from (select {columns} from main.{table}"
                f" except all select {columns} from {read}))"
                f" + (select count(*) from (select {columns} from {read}"
                f" except all select {columns} from main.{table}))"
            ).fetchone()
        return count

    def manifest(self, name: str) -> dict:
        folder = self.published(name)
        return json.loads((folder.parent / f".fingerprints-{folder.name}.json").read_text())


def events(extra: str = "", changed: str = "") -> str:
    """The events model's SQL; `changed` replaces the page of some rows."""
    sql = EVENTS_SQL.format(days=DAYS, extra=extra)
    if changed:
        sql = f"select * replace (case when {changed} then 'changed' else page end as page)"
        sql += f" from ({EVENTS_SQL.format(days=DAYS, extra=extra)})"
    return sql


@pytest.fixture
def scratch(tmp_path: Path) -> Scratch:
    project = Scratch(tmp_path)
    project.build(events())
    return project


PARTITIONS = {f"event_date=2026-01-0{day}/data_0.parquet" for day in range(1, DAYS + 1)}
PARTITIONS |= {"event_date=__HIVE_DEFAULT_PARTITION__/data_0.parquet"}


def test_the_first_export_writes_every_partition_and_records_its_fingerprints(
    scratch: Scratch,
) -> None:
    assert scratch.written("events") == PARTITIONS
    assert scratch.written("people") == {"people.parquet"}
    assert scratch.differences("events", "events", partitioned=True) == 0
    manifest = scratch.manifest("events")
    assert [(p["key"], p["rows"]) for p in manifest["partitions"]] == [
        ('{"event_date":"2026-01-01"}', 100),
        ('{"event_date":"2026-01-02"}', 100),
        ('{"event_date":"2026-01-03"}', 100),
        ('{"event_date":"2026-01-04"}', 100),
        ('{"event_date":null}', 10),
    ]
    assert "page VARCHAR" in manifest["signature"]


def test_a_delta_that_changes_one_partition_writes_only_that_partition(scratch: Scratch) -> None:
    before = scratch.files("events")
    # one row of 2026-01-03 changes: the same count, another hash
    scratch.build(events(changed="event_id = 2"))
    assert scratch.written("events") == {"event_date=2026-01-03/data_0.parquet"}
    after = scratch.files("events")
    assert set(after) == PARTITIONS
    for path in PARTITIONS - {"event_date=2026-01-03/data_0.parquet"}:
        assert after[path].st_ino == before[path].st_ino, path
    assert scratch.differences("events", "events", partitioned=True) == 0
    # the unpartitioned output did not change: linked, not written
    assert scratch.written("people") == set()
    assert scratch.differences("people", "people", partitioned=False) == 0


def test_an_unchanged_table_writes_no_file_and_a_changed_one_writes_its_file(
    scratch: Scratch,
) -> None:
    first = scratch.published("events")
    scratch.build(events())
    assert scratch.published("events") != first
    assert scratch.written("events") == set()
    assert scratch.written("people") == set()
    # rows in another order are the same content
    scratch.build(events(), PEOPLE_SQL + " order by person_id desc")
    assert scratch.written("people") == set()
    scratch.build(events(), PEOPLE_SQL.replace("range(50)", "range(51)"))
    assert scratch.written("people") == {"people.parquet"}
    assert scratch.written("events") == set()
    assert scratch.differences("people", "people", partitioned=False) == 0


def test_rows_moved_between_partitions_or_a_partition_gone_are_written(scratch: Scratch) -> None:
    # a fifth day appears, the dateless rows go
    scratch.build(events().replace("% 4", "% 5").replace("range(410)", "range(400)"))
    assert "event_date=__HIVE_DEFAULT_PARTITION__/data_0.parquet" not in scratch.files("events")
    assert scratch.differences("events", "events", partitioned=True) == 0
    assert len(scratch.written("events")) == 5


def test_a_changed_column_set_or_a_full_refresh_writes_everything(scratch: Scratch) -> None:
    scratch.build(events(extra=", 1 as weight"))
    assert scratch.written("events") == PARTITIONS
    assert scratch.differences("events", "events", partitioned=True) == 0
    scratch.build(events(extra=", 1 as weight"), PEOPLE_SQL, "--full-refresh")
    assert scratch.written("events") == PARTITIONS
    assert scratch.written("people") == {"people.parquet"}


def test_a_version_whose_files_are_not_its_manifests_is_not_reused(scratch: Scratch) -> None:
    """A published version with a file gone, or without a manifest, is not linked from."""
    (scratch.published("events") / "event_date=2026-01-01" / "data_0.parquet").unlink()
    scratch.build(events())
    assert scratch.written("events") == PARTITIONS
    folder = scratch.published("events")
    (folder.parent / f".fingerprints-{folder.name}.json").unlink()
    scratch.build(events())
    assert scratch.written("events") == PARTITIONS
    assert scratch.differences("events", "events", partitioned=True) == 0


def test_each_output_keeps_its_two_versions_and_their_manifests(scratch: Scratch) -> None:
    for _ in range(2):
        scratch.build(events())
    versions = scratch.lake / "curated" / "_versions" / "events"
    folders = sorted(entry.name for entry in versions.iterdir() if entry.is_dir())
    assert len(folders) == 2
    assert sorted(entry.name for entry in versions.iterdir() if not entry.is_dir()) == sorted(
        f".fingerprints-{folder}.json" for folder in folders
    )
