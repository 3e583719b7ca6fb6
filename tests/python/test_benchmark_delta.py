"""The delta lake of scripts/benchmark_delta.py: earlier partitions linked, later ones sampled."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import benchmark_delta as bench
import duckdb

UNTIL = dt.date(2026, 1, 15)


def test_partition_dates_come_from_every_folder_layout() -> None:
    assert bench.partition_date(Path("/l/raw/crm/contacts/load_date=2026-01-08")) == dt.date(
        2026, 1, 8
    )
    assert bench.partition_date(Path("/l/raw/web/clickstream/event_date=2026-01-20")) == dt.date(
        2026, 1, 20
    )
    day = Path("/l/raw/connect/agent_events/year=2026/month=01/day=05")
    assert bench.partition_date(day) == dt.date(2026, 1, 5)
    assert bench.partition_date(Path("/l/raw/connect/agent_events/year=2026")) is None


def test_node_seconds_add_up_by_resource_type_into_the_recorded_row() -> None:
    results = {
        "results": [
            {"unique_id": "model.customer_360.a", "execution_time": 1.25},
            {"unique_id": "model.customer_360.b", "execution_time": 0.5},
            {"unique_id": "test.customer_360.a_not_null.1", "execution_time": 0.25},
            {"unique_id": "seed.customer_360.s", "execution_time": 0.125},
        ]
    }
    by_type = bench.node_seconds(results)
    assert by_type == {"model": 1.75, "test": 0.25, "seed": 0.125}
    timing = bench.Timing(12.0, 1.5, 4, 0.2, by_type)
    assert timing.row("no-change run") == "| no-change run | 12.0 | 1.5 | 4 | 1.8 | 0.2 | 0.2 |"


def test_peak_and_cpu_seconds_come_from_the_file_time_writes(tmp_path: Path) -> None:
    # a real /usr/bin/time run: a child that burns CPU, holds a 64 MiB buffer and leaves its
    # stderr without a final newline (where /usr/bin/time would append its own line)
    script = (
        "import sys; sys.stderr.write('progress 50%'); "
        "b = bytearray(64 * 1024 * 1024); sum(range(20_000_000))"
    )
    figures = tmp_path / "time.txt"
    done = subprocess.run(
        bench.under_time([sys.executable, "-c", script], figures),
        capture_output=True,
        text=True,
        check=True,
    )
    peak_gib, cpu_seconds = bench.time_figures(figures)
    assert done.stderr == "progress 50%"
    assert 64 / 1024 < peak_gib < 1
    assert 0 < cpu_seconds < 30
    # a command that fails gets /usr/bin/time's status line before the figures
    failed = subprocess.run(
        bench.under_time([sys.executable, "-c", "raise SystemExit(3)"], figures), check=False
    )
    assert failed.returncode == 3
    assert figures.read_text().startswith("Command exited with non-zero status 3")
    assert bench.time_figures(figures)[1] >= 0
    figures.write_text("Command exited with non-zero status 3\n2048 1.25 0.5\n")
    assert bench.time_figures(figures) == (2048 / 1024**2, 1.75)


def test_each_feed_gains_its_share_after_the_cutoff(lake: Path, tmp_path: Path) -> None:
    delta = tmp_path / "lake"
    share = 0.05
    delta_rows = bench.make_delta_lake(lake, delta, UNTIL, share, seed=3)
    con = duckdb.connect()
    counted = 0
    for feed in (*bench.PARQUET_FEEDS, *bench.JSON_LINES_FEEDS):
        is_json = feed in bench.JSON_LINES_FEEDS
        before = after = 0
        for path, date in bench.feed_partitions(delta, feed):
            rows = bench._partition_rows(con, path, is_json)
            if date <= UNTIL:
                before += rows
                source = lake / path.relative_to(delta)
                assert all(f.is_symlink() for f in path.iterdir()), path
                assert bench._partition_rows(con, source, is_json) == rows
            else:
                after += rows
        counted += after
        assert before > 200, feed
        assert 0.4 * share * before < after < 1.8 * share * before, (feed, before, after)
    assert delta_rows == counted


def test_sampled_lines_are_lines_of_the_source(lake: Path, tmp_path: Path) -> None:
    feed = "connect/contact_records"
    later = bench.later_partitions(lake, UNTIL, (feed,))
    files = [path for folder in later for path in folder.iterdir() if path.is_file()]
    source = max(files, key=lambda path: path.stat().st_size)
    target = tmp_path / source.name
    kept = bench._sample_lines(source, target, 0.5, seed=1)
    lines = set(source.read_bytes().splitlines(keepends=True))
    sampled = target.read_bytes().splitlines(keepends=True)
    assert len(sampled) == kept
    assert 0 < kept < len(lines)
    assert set(sampled) <= lines
    # repeatable: the same seed keeps the same lines
    assert bench._sample_lines(source, tmp_path / "again", 0.5, seed=1) == kept
    assert (tmp_path / "again").read_bytes() == target.read_bytes()


def test_the_incremental_lake_gains_the_later_files_on_the_second_mirror(
    lake: Path, tmp_path: Path
) -> None:
    source = tmp_path / "lake"
    bench.make_delta_lake(lake, source, UNTIL, 0.05, seed=3)
    (source / "curated" / "contacts").mkdir(parents=True)
    (source / "curated" / "contacts" / "contacts.parquet").write_bytes(b"output")
    mirror = tmp_path / "incremental_lake"
    files = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    later = {
        p.relative_to(source)
        for feed in (*bench.PARQUET_FEEDS, *bench.JSON_LINES_FEEDS)
        for folder in bench.later_partitions(source, UNTIL, (feed,))
        for p in folder.iterdir()
    }
    outputs = {p for p in files if p.parts[0] == "curated"}
    assert later and outputs
    first = bench.mirror_lake(source, mirror, UNTIL)
    linked = {p.relative_to(mirror) for p in mirror.rglob("*") if p.is_symlink()}
    assert linked == files - later - outputs
    assert first == len(linked)
    second = bench.mirror_lake(source, mirror, None)
    linked = {p.relative_to(mirror) for p in mirror.rglob("*") if p.is_symlink()}
    assert linked == files - outputs
    assert second == len(later)
