"""Time an incremental run against a full build on the same lake, and record it.

    .venv/bin/python scripts/benchmark_delta.py --lake /path/to/lake --until 2026-01-15 \
        --delta-share 0.01 --work-dir /tmp/delta

1. Writes `<work-dir>/lake`: the lake's partitions up to `--until` as they are (linked), and
   each feed's later partitions (profile feeds, clickstream, Connect contact records and agent
   events) sampled down so that they hold `--delta-share` of the feed's earlier rows.
2. Full build: `dbt build` of that lake into an empty DuckDB file.
3. Incremental, as a scheduler runs it: `<work-dir>/incremental_lake` links the lake's files up
   to `--until`; `dbt build` of it into another empty file (the base); then the later files are
   linked in and the same `dbt build` (same vars, same target folder, so dbt parses only what
   changed) runs again on that file (the delta run).
4. The same `dbt build` once more with nothing new (the no-change run): the floor that dbt's
   per-node work sets under any delta.
5. Rewrites the delta section of docs/benchmarks.md: machine, command, rows, wall times,
   peak memory (the dbt process's max RSS), node seconds by resource type and the ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from evaluate import (
    BENCHMARKS,
    dbt_env,
    dbt_executable,
    git_commit,
    machine_description,
    remove_database,
)
from evaluation_sets import REPO

MARKER_START = "<!-- delta:start -->"
MARKER_END = "<!-- delta:end -->"
PROFILE_FEEDS = (
    "crm/contacts",
    "billing/accounts",
    "shipping/recipients",
    "ticketing/requesters",
    "connect/customer_profiles",
)
PARQUET_FEEDS = (*PROFILE_FEEDS, "web/clickstream")
JSON_LINES_FEEDS = ("connect/contact_records", "connect/agent_events")
# what /usr/bin/time writes to its -o file: peak RSS in KiB, user and system CPU seconds
TIME_FORMAT = "%M %U %S"
DATE_FOLDER = re.compile(r"/[a-z_]*date=(\d{4}-\d{2}-\d{2})$")
DAY_FOLDER = re.compile(r"/year=(\d{4})/month=(\d{2})/day=(\d{2})$")


@dataclass(frozen=True)
class Timing:
    """One dbt invocation: wall seconds, peak RSS in GiB, nodes run, the machine's one-minute
    load average when it started (other work on the box slows it down), node seconds by
    resource type, and the process's CPU seconds (user + system: the work done, which a
    slower machine does not change as it changes the wall)."""

    seconds: float
    peak_gib: float
    nodes: int
    load_before: float
    node_seconds: dict[str, float]
    cpu_seconds: float = 0.0

    def row(self, label: str) -> str:
        """This run's row of the recorded table."""
        return (
            f"| {label} | {self.seconds:.1f} | {self.peak_gib:.1f} | {self.nodes} "
            f"| {self.node_seconds.get('model', 0.0):.1f} "
            f"| {self.node_seconds.get('test', 0.0):.1f} | {self.load_before:.1f} |"
        )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lake", type=Path, required=True)
    parser.add_argument("--until", required=True, help="last load_date of the base, YYYY-MM-DD")
    parser.add_argument("--delta-share", type=float, default=0.01)
    parser.add_argument("--work-dir", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--record-benchmarks", action="store_true")
    return parser.parse_args(argv)


def partition_date(path: Path) -> dt.date | None:
    """The date of a `load_date=` / `event_date=` folder or a `year=/month=/day=` folder."""
    text = path.as_posix()
    if match := DATE_FOLDER.search(text):
        return dt.date.fromisoformat(match.group(1))
    if match := DAY_FOLDER.search(text):
        return dt.date(*(int(part) for part in match.groups()))
    return None


def feed_partitions(lake: Path, feed: str) -> list[tuple[Path, dt.date]]:
    """The dated folders of a feed, with their dates."""
    found = []
    for root, _, _ in os.walk(lake / "raw" / feed):
        date = partition_date(Path(root))
        if date is not None:
            found.append((Path(root), date))
    return sorted(found)


def later_partitions(
    lake: Path, until: dt.date, feeds: tuple[str, ...] = PROFILE_FEEDS
) -> list[Path]:
    """The feeds' partitions dated after `until`."""
    return [path for feed in feeds for path, date in feed_partitions(lake, feed) if date > until]


def make_delta_lake(source: Path, target: Path, until: dt.date, share: float, seed: int) -> int:
    """Mirror `source` into `target` with links to its files, except each feed's partitions
    after `until`: those are sampled so that they hold `share` of the feed's rows before them.
    Returns the delta's row count (profile records, events and contact records)."""
    con = duckdb.connect()
    fractions: dict[Path, tuple[float, bool]] = {}
    for feed in (*PARQUET_FEEDS, *JSON_LINES_FEEDS):
        is_json = feed in JSON_LINES_FEEDS
        partitions = feed_partitions(source, feed)
        earlier = sum(_partition_rows(con, p, is_json) for p, date in partitions if date <= until)
        later = [path for path, date in partitions if date > until]
        later_rows = sum(_partition_rows(con, path, is_json) for path in later)
        fraction = min(1.0, share * earlier / max(later_rows, 1))
        fractions.update({path: (fraction, is_json) for path in later})
    delta_rows = 0
    for root, _, files in os.walk(source):
        folder = Path(root)
        mirror = target / folder.relative_to(source)
        mirror.mkdir(parents=True, exist_ok=True)
        if folder in fractions:
            fraction, is_json = fractions[folder]
            if is_json:
                delta_rows += sum(
                    _sample_lines(folder / name, mirror / name, fraction, seed) for name in files
                )
            else:
                delta_rows += _sample(con, folder, mirror / "part-0.parquet", fraction, seed)
            continue
        if any(folder.is_relative_to(partition) for partition in fractions):
            continue
        for name in files:
            (mirror / name).symlink_to((folder / name).resolve())
    return delta_rows


def mirror_lake(source: Path, target: Path, until: dt.date | None) -> int:
    """Link into `target` the files of `source` not linked yet, leaving out those in a dated
    partition after `until` (all when `until` is None) and the build's own `curated` outputs.
    Returns the number of files linked."""
    linked = 0
    for root, folders, files in os.walk(source):
        folder = Path(root)
        if folder == source:
            folders[:] = [name for name in folders if name != "curated"]
        date = partition_date(folder)
        if until is not None and date is not None and date > until:
            continue
        mirror = target / folder.relative_to(source)
        mirror.mkdir(parents=True, exist_ok=True)
        for name in files:
            if not (mirror / name).is_symlink():
                (mirror / name).symlink_to((folder / name).resolve())
                linked += 1
    return linked


def _partition_rows(con: duckdb.DuckDBPyConnection, folder: Path, is_json: bool) -> int:
    """Rows of a partition folder: JSON lines or Parquet."""
    return _json_rows(folder) if is_json else _rows(con, folder)


def _rows(con: duckdb.DuckDBPyConnection, folder: Path) -> int:
    """Rows of the Parquet files directly in `folder` (which may be a glob)."""
    return con.sql(f"select count(*) from read_parquet('{folder}/*.parquet')").fetchone()[0]


def _json_rows(folder: Path) -> int:
    """Non-blank lines of the files directly in `folder`."""
    total = 0
    for path in folder.iterdir():
        if path.is_file():
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
    return total


def _sample_lines(source: Path, target: Path, fraction: float, seed: int) -> int:
    """Write a repeatable `fraction` sample of a JSON-lines file's lines; return their count."""
    chooser = random.Random(f"{seed}:{source.name}")
    kept = [line for line in source.open("rb") if line.strip() and chooser.random() < fraction]
    target.write_bytes(b"".join(kept))
    return len(kept)


def _sample(
    con: duckdb.DuckDBPyConnection, partition: Path, target: Path, fraction: float, seed: int
) -> int:
    """Write a repeatable `fraction` sample of the partition's rows to `target`."""
    con.execute(
        f"copy (select * from read_parquet('{partition}/*.parquet') "
        f"using sample bernoulli({fraction * 100:.6f} percent) repeatable ({seed})) "
        f"to '{target}' (format parquet)"
    )
    return con.sql(f"select count(*) from read_parquet('{target}')").fetchone()[0]


def under_time(command: Sequence[str], figures: Path) -> list[str]:
    """`command` under /usr/bin/time, which writes its peak RSS and CPU seconds to `figures`
    (read by `time_figures`), apart from whatever the command writes to stderr."""
    return ["/usr/bin/time", "-o", str(figures), "-f", TIME_FORMAT, *command]


def time_figures(figures: Path) -> tuple[float, float]:
    """Peak RSS in GiB and CPU seconds (user + system) from the file /usr/bin/time wrote with
    TIME_FORMAT (its last line: a command that did not exit 0 gets a line before it)."""
    peak_kib, user, system = figures.read_text().strip().splitlines()[-1].split()
    return int(peak_kib) / 1024**2, round(float(user) + float(system), 2)


def dbt_build(
    database: Path,
    lake: Path,
    work: Path,
    extra_args: Sequence[str] = (),
    variables: Mapping[str, Any] | None = None,
) -> Timing:
    """Run `dbt build` (with `extra_args`, and `variables` beside lake_root) under
    /usr/bin/time: wall seconds, peak RSS, nodes run, CPU seconds."""
    work.mkdir(parents=True, exist_ok=True)
    command = under_time(
        [
            str(dbt_executable()),
            "build",
            "--vars",
            json.dumps({**(variables or {}), "lake_root": str(lake)}),
            "--target-path",
            str(work / "target"),
            "--log-path",
            str(work / "logs"),
            *extra_args,
        ],
        work / "time.txt",
    )
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    done = subprocess.run(
        command, cwd=REPO, env=dbt_env(database), capture_output=True, text=True, check=False
    )
    seconds = time.monotonic() - started
    if done.returncode != 0:
        sys.exit(f"dbt build failed:\n{done.stdout[-4000:]}\n{done.stderr[-2000:]}")
    peak_gib, cpu_seconds = time_figures(work / "time.txt")
    results = json.loads((work / "target" / "run_results.json").read_text())
    return Timing(
        seconds,
        peak_gib,
        len(results["results"]),
        load_before,
        node_seconds(results),
        cpu_seconds,
    )


def node_seconds(results: dict) -> dict[str, float]:
    """The nodes' own execution seconds in `results` (run_results.json), by resource type
    (model, test, seed, ...); with two dbt threads they add up to more than the wall time."""
    by_type: dict[str, float] = {}
    for result in results["results"]:
        kind = result["unique_id"].split(".")[0]
        by_type[kind] = by_type.get(kind, 0.0) + result["execution_time"]
    return by_type


def section(lines: list[str]) -> str:
    """The benchmarks.md section between the delta markers."""
    return "\n".join([MARKER_START, *lines, MARKER_END])


def record(
    text: str, path: Path = BENCHMARKS, markers: tuple[str, str] = (MARKER_START, MARKER_END)
) -> None:
    """Replace (or append) the section between `markers` (the delta section's by default) of
    docs/benchmarks.md."""
    document = path.read_text() if path.exists() else "# Benchmarks\n"
    marker_start, marker_end = markers
    start, end = document.find(marker_start), document.find(marker_end)
    if start != -1 and end > start:
        document = document[:start] + text + document[end + len(marker_end) :]
    else:
        document = document.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(document)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    until = dt.date.fromisoformat(args.until)
    work = args.work_dir.resolve()
    lake = work / "lake"
    if not lake.exists():
        delta_rows = make_delta_lake(args.lake.resolve(), lake, until, args.delta_share, args.seed)
    else:
        con = duckdb.connect()
        delta_rows = sum(_rows(con, p) for p in later_partitions(lake, until, PARQUET_FEEDS))
        delta_rows += sum(_json_rows(p) for p in later_partitions(lake, until, JSON_LINES_FEEDS))
    full_db, incremental_db = work / "full.duckdb", work / "incremental.duckdb"
    for database in (full_db, incremental_db):
        remove_database(database)
    full = dbt_build(full_db, lake, work / "full")
    print(f"full build: {full.seconds:.1f} s, {full.peak_gib:.1f} GiB", flush=True)
    incremental_lake = work / "incremental_lake"
    shutil.rmtree(incremental_lake, ignore_errors=True)
    shutil.rmtree(work / "incremental", ignore_errors=True)
    mirror_lake(lake, incremental_lake, until)
    base = dbt_build(incremental_db, incremental_lake, work / "incremental")
    print(f"base build: {base.seconds:.1f} s, {base.peak_gib:.1f} GiB", flush=True)
    mirror_lake(lake, incremental_lake, None)
    delta = dbt_build(incremental_db, incremental_lake, work / "incremental")
    print(f"delta run: {delta.seconds:.1f} s, {delta.peak_gib:.1f} GiB", flush=True)
    unchanged = dbt_build(incremental_db, incremental_lake, work / "incremental")
    print(f"no-change run: {unchanged.seconds:.1f} s, {unchanged.peak_gib:.1f} GiB", flush=True)
    with duckdb.connect(str(full_db), read_only=True) as con:
        records = con.sql("select count(*) from marts.fct_identity_graph").fetchone()[0]
    ratio = delta.seconds / full.seconds
    floor = unchanged.seconds / full.seconds
    print(
        f"records {records:,}, delta rows {delta_rows:,}, delta / full = {ratio:.1%}, "
        f"no-change / full = {floor:.1%}"
    )
    if args.record_benchmarks:
        command = "python scripts/benchmark_delta.py " + shlex.join(argv or sys.argv[1:])
        record(
            section(
                [
                    "## Incremental run against a full build (`scripts/benchmark_delta.py`)",
                    "",
                    f"Measured {dt.date.today().isoformat()} on commit {git_commit()}, "
                    f"{machine_description()}, with `{command}`. Whole `dbt build` each time "
                    "(models, seeds and tests); peak is the dbt process's max RSS. The base "
                    "and the delta run share their vars and target folder, as a scheduled "
                    "job does, so the delta run parses only what changed; the no-change run "
                    "is the same build once more with nothing new. Node seconds: the nodes' "
                    "own times from run_results.json (two dbt threads, so they add up to more "
                    "than the wall time).",
                    "",
                    "| run | seconds | peak GiB | nodes | model node s | test node s "
                    "| load average at start |",
                    "|---|---|---|---|---|---|---|",
                    full.row(f"full build ({records:,} profile records)"),
                    base.row(f"base build (up to {args.until})"),
                    delta.row(f"delta run ({delta_rows:,} new or changed rows)"),
                    unchanged.row("no-change run"),
                    "",
                    f"Delta run / full build: {ratio:.1%}. No-change run / full build: "
                    f"{floor:.1%}.",
                ]
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
