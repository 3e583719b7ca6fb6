"""`scripts/benchmark.py` end to end on a 300-customer lake, with Splink beside the build.

The real thing throughout: the generator, a full `dbt build`, Splink 5 from .venv-splink
(`make venv-splink`; `make test` makes it) and the plot. The figures recorded must agree with
dbt's run_results.json and with the pipeline's scorer run here on the same clusters; the docs
section must be replaced between its markers only, and the plot must be a PNG.
"""

from __future__ import annotations

import itertools
import json
import os
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import benchmark
import duckdb
import pytest
import yaml
from benchmark import MARKER_END, MARKER_START, SPLINK_PYTHON
from cluster_metrics import score_clusters
from dbt_runner import REPO

CUSTOMERS = 300
BEFORE = "# Benchmarks\n\nText above the section.\n\n"
AFTER = "\n\n## Another section\n\nText below the section.\n"
OLD_SECTION = f"{MARKER_START}\nold figures\n{MARKER_END}"
MATCH_CLUSTER_MODELS = {
    path.stem
    for folder in ("matching", "clustering")
    for path in (REPO / "models" / "intermediate" / folder).glob("*.sql")
}
TRUTH_SQL = (
    "select source_system || ':' || source_record_id as record_id, "
    "cast(customer_id as varchar) as label from read_parquet('{}')"
)
GRAPH_SQL = (
    "select source_system || ':' || source_record_id as record_id, "
    "cast(unified_profile_id as varchar) as label from warehouse.marts.fct_identity_graph"
)


@dataclass(frozen=True)
class Benchmarked:
    done: subprocess.CompletedProcess[str]
    docs: Path
    figures: Path
    plot: Path

    @property
    def report(self) -> dict[str, Any]:
        return json.loads(self.figures.read_text())

    @property
    def run(self) -> dict[str, Any]:
        return self.report["runs"][0]


@pytest.fixture(scope="module")
def benchmarked(tmp_path_factory: pytest.TempPathFactory) -> Benchmarked:
    assert SPLINK_PYTHON.exists(), f"{SPLINK_PYTHON} is missing: run `make venv-splink`"
    work = tmp_path_factory.mktemp("benchmark")
    docs, figures, plot = work / "docs" / "b.md", work / "docs" / "b.json", work / "img" / "b.png"
    docs.parent.mkdir()
    docs.write_text(BEFORE + OLD_SECTION + AFTER)
    done = run_benchmark(
        *("--customers", str(CUSTOMERS), "--work-dir", str(work / "run")),
        *("--record-benchmarks", "--docs", str(docs), "--json", str(figures)),
        *("--plot", str(plot)),
    )
    return Benchmarked(done, docs, figures, plot)


def run_benchmark(*args: str) -> subprocess.CompletedProcess[str]:
    """scripts/benchmark.py with `args`, as a user runs it (DuckDB held to 4GB)."""
    command = [sys.executable, str(REPO / "scripts" / "benchmark.py"), *args]
    env = {**os.environ, "CUSTOMER_360_MEMORY_LIMIT": "4GB"}
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)


def run_plot(figures: Path, target: Path) -> subprocess.CompletedProcess[str]:
    """scripts/benchmark_plot.py in .venv-splink, as benchmark.py runs it."""
    command = [str(SPLINK_PYTHON), str(REPO / "scripts" / "benchmark_plot.py"), str(figures)]
    return subprocess.run([*command, str(target)], capture_output=True, text=True, check=False)


def test_it_runs_and_records_every_figure(benchmarked: Benchmarked) -> None:
    done = benchmarked.done
    assert done.returncode == 0, done.stdout + done.stderr[-4000:]
    report = benchmarked.report
    assert {"date", "commit", "machine", "command", "threads", "versions", "runs"} <= set(report)
    assert report["versions"]["duckdb"] == duckdb.__version__
    run = benchmarked.run
    assert run["customers"] == CUSTOMERS
    assert {key: run[key] for key in benchmark.PROVENANCE} == {
        key: report[key] for key in benchmark.PROVENANCE
    }
    assert {
        "wall_seconds", "peak_gib", "cpu_seconds", "startup_seconds", "execution_seconds", "nodes",
        "model_seconds", "match_cluster_seconds", "other_model_seconds", "test_seconds",
        "largest_models", "models", "records_per_second", "bytes_per_record",
    } <= set(run["dbt"])  # fmt: skip
    assert {
        "wall_seconds", "match_seconds", "peak_gib", "cpu_seconds", "phases", "records", "clusters",
        "quality", "records_per_second", "bytes_per_record", "splink_version",
    } <= set(run["splink"])  # fmt: skip
    assert set(run["splink"]["phases"]) == {
        "load",
        "prior",
        "u",
        "em",
        "predict",
        "cluster",
        "write",
    }
    assert run["splink"]["splink_version"].startswith("5.")
    assert run["splink"]["records_per_second"] == pytest.approx(
        run["records"] / run["splink"]["wall_seconds"], rel=0.01
    )
    # CPU seconds are the process's and its children's: some, and no more than every core
    # busy for the whole wall
    for tool in (run["dbt"], run["splink"]):
        assert 0 < tool["cpu_seconds"] <= tool["wall_seconds"] * report["cores"]
    assert report["cores"] == os.cpu_count()
    assert set(run["ratios"]) == {
        "splink_match_over_match_cluster",
        "splink_wall_over_dbt_build",
        "splink_peak_over_dbt_peak",
        "f1_minus_splink_f1",
    }


def test_dbt_figures_agree_with_run_results(benchmarked: Benchmarked) -> None:
    run = benchmarked.run
    dbt = run["dbt"]
    results = json.loads(Path(run["run_results"]).read_text())
    executed = {r["unique_id"]: r["execution_time"] for r in results["results"]}
    models = {uid.split(".")[-1]: s for uid, s in executed.items() if uid.startswith("model.")}
    assert {r["status"] for r in results["results"]} <= {"success", "pass", "no-op"}
    assert dbt["nodes"] == len(executed)
    assert set(dbt["models"]) == set(models)
    assert set(dbt["match_cluster_models"]) == MATCH_CLUSTER_MODELS
    assert dbt["match_cluster_seconds"] == pytest.approx(
        sum(models[name] for name in MATCH_CLUSTER_MODELS), abs=0.01
    )
    assert dbt["model_seconds"] == pytest.approx(sum(models.values()), abs=0.01)
    tests = sum(s for uid, s in executed.items() if uid.startswith("test."))
    assert dbt["test_seconds"] == pytest.approx(tests, abs=0.01)
    assert dbt["execution_seconds"] == pytest.approx(results["elapsed_time"], abs=0.01)
    assert dbt["startup_seconds"] == pytest.approx(
        dbt["wall_seconds"] - results["elapsed_time"], abs=0.01
    )
    assert 0 < dbt["startup_seconds"] < dbt["wall_seconds"]
    largest = sorted(models.values(), reverse=True)[: len(dbt["largest_models"])]
    assert [s for _, s in dbt["largest_models"]] == pytest.approx(largest, abs=0.01)
    assert 0 < dbt["peak_gib"] < 24
    assert dbt["records_per_second"] == pytest.approx(
        run["records"] / dbt["wall_seconds"], rel=0.01
    )
    assert dbt["bytes_per_record"] == pytest.approx(
        dbt["peak_gib"] * 1024**3 / run["records"], rel=0.01
    )


def test_both_tools_saw_the_same_records(benchmarked: Benchmarked) -> None:
    run = benchmarked.run
    with duckdb.connect() as con:
        con.execute(f"attach '{run['database']}' as warehouse (read_only)")
        (normalized,) = con.sql(
            "select count(*) from warehouse.intermediate.int_profiles_normalized"
        ).fetchone()
        (graph,) = con.sql(f"select count(*) from ({GRAPH_SQL})").fetchone()
        (clustered,) = con.sql(
            f"select count(*) from read_parquet('{run['splink']['clusters_path']}')"
        ).fetchone()
        (outside,) = con.sql(
            f"select count(*) from read_parquet('{run['splink']['clusters_path']}') as s "
            "anti join warehouse.intermediate.int_profiles_normalized as n "
            "on s.record_id = n.profile_record_id"
        ).fetchone()
    assert run["records"] == normalized == graph == clustered == run["splink"]["records"]
    assert run["records"] > CUSTOMERS
    assert outside == 0


def test_f1_is_the_scorers_on_the_same_clusters(benchmarked: Benchmarked) -> None:
    run = benchmarked.run
    truth = TRUTH_SQL.format(Path(run["lake"]) / "_truth" / "source_records.parquet")
    with duckdb.connect() as con:
        con.execute(f"attach '{run['database']}' as warehouse (read_only)")
        ours = score_clusters(con, GRAPH_SQL, truth)
        splink = score_clusters(
            con,
            f"select record_id, label from read_parquet('{run['splink']['clusters_path']}')",
            truth,
        )
    for scores, recorded in ((ours, run["quality"]), (splink, run["splink"]["quality"])):
        assert recorded["records"] == run["records"]
        for name in ("precision", "recall", "f1", "b3_f1"):
            assert 0 <= recorded[name] <= 1, name
            assert recorded[name] == pytest.approx(getattr(scores, name), abs=1e-9), name
    assert run["ratios"]["f1_minus_splink_f1"] == pytest.approx(ours.f1 - splink.f1, abs=1e-6)
    # a sound Splink model scores about 0.92 here; clustering every predicted pair (threshold
    # 0.0001) scores 0.53
    assert splink.f1 > 0.8


def test_the_docs_section_is_replaced_between_its_markers_only(benchmarked: Benchmarked) -> None:
    document = benchmarked.docs.read_text()
    assert document.startswith(BEFORE + MARKER_START)
    assert document.endswith(MARKER_END + AFTER)
    assert document.count(MARKER_START) == document.count(MARKER_END) == 1
    assert "old figures" not in document
    section = document[len(BEFORE) : -len(AFTER)]
    run = benchmarked.run
    assert f"| {CUSTOMERS:,} | {run['records']:,} | {run['dbt']['wall_seconds']:.1f} |" in section
    assert f"| {CUSTOMERS:,} | {run['splink']['match_seconds']:.1f} |" in section
    assert benchmarked.report["command"] in section
    assert "](../img/b.png)" in section


def test_the_plot_is_a_png(benchmarked: Benchmarked) -> None:
    assert_png(benchmarked.plot.read_bytes())


def test_any_other_splink_failure_stops_the_benchmark_even_beside_an_old_report(
    benchmarked: Benchmarked, tmp_path: Path
) -> None:
    # a report of an earlier run that ran out of memory, then a run DuckDB refuses outright
    profiles = Path(benchmarked.run["database"]).parent / "profiles.parquet"
    old = {"failed": {"phase": "predict", "error": "Out of Memory Error"}, "peak_gib": 1.0}
    (tmp_path / "splink.json").write_text(json.dumps(old))
    args = benchmark.parse_args(
        ["--customers", "300", "--work-dir", str(tmp_path), "--splink-memory-limit", "lots"]
    )
    with pytest.raises(SystemExit, match="splink failed"):
        benchmark.run_splink(args, profiles, tmp_path)
    assert not (tmp_path / "splink.json").exists()
    assert "memory" in (tmp_path / "splink.log").read_text().lower()


def test_a_splink_run_out_of_memory_is_plotted_as_a_cross(
    benchmarked: Benchmarked, tmp_path: Path
) -> None:
    # the recorded run, and a larger one where Splink stopped: the plot takes both
    report = benchmarked.report
    run = report["runs"][0]
    # its peak inside the range the other points span, so the axes are the same either way
    peak = (run["dbt"]["peak_gib"] + run["splink"]["peak_gib"]) / 2
    failed = {"failed": {"phase": "predict", "error": "Out of Memory Error"}, "peak_gib": peak}
    larger = {**run, "records": run["records"] * 2, "splink": {**run["splink"], **failed}}
    figures, plot = tmp_path / "b.json", tmp_path / "b.png"
    figures.write_text(json.dumps({**report, "runs": [run, larger]}))
    done = run_plot(figures, plot)
    assert done.returncode == 0, done.stderr[-4000:]
    assert_png(plot.read_bytes())
    # the plot differs from one without the failed run's cross (same points, same axes)
    without = tmp_path / "without.png"
    figures.write_text(
        json.dumps({**report, "runs": [run, {**larger, "splink": None, "ratios": None}]})
    )
    done = run_plot(figures, without)
    assert done.returncode == 0, done.stderr[-4000:]
    assert plot.read_bytes() != without.read_bytes()


def assert_png(data: bytes) -> None:
    """`data` is a whole PNG (every chunk's CRC right) of at least 600 by 300 with an image."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind, body = data[offset + 4 : offset + 8], data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        chunks.append((kind, body))
        offset += 12 + length
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height = struct.unpack(">II", chunks[0][1][:8])
    assert width >= 600 and height >= 300
    assert sum(len(body) for kind, body in chunks if kind == b"IDAT") > 5_000


def test_a_missing_splink_venv_is_named_before_any_work(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "no-venv" / "python"
    args = ["--customers", "300", "--work-dir", str(tmp_path), "--splink-python", str(missing)]
    with pytest.raises(SystemExit):
        benchmark.parse_args(args)
    assert "make venv-splink" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())
    # without Splink and without recording, no virtualenv is needed
    assert benchmark.parse_args([*args, "--skip-splink"]).skip_splink


def test_a_taken_lake_is_one_size(tmp_path: Path, capsys) -> None:
    (tmp_path / "raw").mkdir()
    with pytest.raises(SystemExit):
        benchmark.parse_args(["--lake", str(tmp_path), "--customers", "300,600", "--skip-splink"])
    assert "one --customers size" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        benchmark.parse_args(["--lake", str(tmp_path / "nowhere"), "--skip-splink"])
    assert "no raw/ folder" in capsys.readouterr().err
    assert benchmark.parse_args(["--lake", str(tmp_path), "--skip-splink"]).customers is None


def test_other_sizes_recorded_earlier_are_kept_with_their_own_commit(
    benchmarked: Benchmarked,
) -> None:
    this = benchmarked.report
    earlier_run = {
        key: value for key, value in this["runs"][0].items() if key not in benchmark.PROVENANCE
    }
    earlier = {
        **this,
        "date": "2026-01-02",
        "commit": "0123abc",
        "command": "python scripts/benchmark.py --customers 300,900000",
        "runs": [
            earlier_run,
            {**earlier_run, "customers": 900_000, "records": earlier_run["records"] * 3000},
        ],
    }
    runs = benchmark.merged_runs(earlier, this["runs"])
    # the earlier 300-customer run is replaced by this one; the 900,000 one stays, stamped
    assert [(run["customers"], run["commit"]) for run in runs] == [
        (CUSTOMERS, this["commit"]),
        (900_000, "0123abc"),
    ]
    assert runs[1]["command"] == earlier["command"] and runs[1]["date"] == "2026-01-02"
    section = benchmark.benchmarks_section({**this, "runs": runs}, "b.png")
    assert f"{CUSTOMERS:,} customers measured {this['date']} on commit {this['commit']}" in section
    earlier_clause = (
        f"900,000 customers measured 2026-01-02 on commit 0123abc with `{earlier['command']}`"
    )
    assert earlier_clause in section
    assert section.index(f"| {CUSTOMERS:,} |") < section.index("| 900,000 |")
    # the largest run's time is explained, and every run's that has a critical path
    assert "Where the time goes at 900,000 customers" in section
    assert f"Where the time goes at {CUSTOMERS:,} customers" in section
    # a smaller run recorded before critical paths were is not
    older = {**runs[0], "dbt": {k: v for k, v in runs[0]["dbt"].items() if k != "critical_path"}}
    section = benchmark.benchmarks_section({**this, "runs": [older, runs[1]]}, "b.png")
    assert section.count("Where the time goes") == 1
    assert "Where the time goes at 900,000 customers" in section


def test_keeping_other_sizes_needs_recording(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit):
        benchmark.parse_args(["--customers", "10", "--skip-splink", "--keep-other-sizes"])
    assert "--keep-other-sizes merges into the recorded figures" in capsys.readouterr().err


def test_cpu_seconds_are_in_the_table_and_a_run_without_them_shows_a_dash(
    benchmarked: Benchmarked,
) -> None:
    report = benchmarked.report
    run = report["runs"][0]
    cpu = run["dbt"]["cpu_seconds"]
    section = benchmarked.docs.read_text()
    row = f"| {CUSTOMERS:,} | {run['records']:,} | {run['dbt']['wall_seconds']:.1f} | {cpu:,.1f} |"
    assert row in section
    assert f"The dbt process used {cpu:,.1f} CPU seconds" in section
    assert f"cannot take less than {cpu / report['cores']:,.1f} s of wall" in section
    earlier = {**run, "dbt": {k: v for k, v in run["dbt"].items() if k != "cpu_seconds"}}
    old = benchmark.benchmarks_section({**report, "runs": [earlier]}, "b.png")
    assert f"| {run['dbt']['wall_seconds']:.1f} | - |" in old
    assert "CPU seconds" not in old.split("Where the time goes")[1]


def test_dbt_vars_must_be_a_mapping_without_the_lake_and_are_not_recorded(
    tmp_path: Path, capsys
) -> None:
    base = ["--customers", "10", "--skip-splink", "--work-dir", str(tmp_path)]
    for text, message in (
        ("[1, 2]", "expected a mapping of dbt vars"),
        ("{a: [1", "not YAML"),
        ("{lake_root: /elsewhere}", "give --lake instead"),
    ):
        with pytest.raises(SystemExit):
            benchmark.parse_args([*base, "--dbt-vars", text])
        assert message in capsys.readouterr().err
    with pytest.raises(SystemExit):
        benchmark.parse_args([*base, "--dbt-vars", "{retrain: true}", "--record-benchmarks"])
    assert "leave out --record-benchmarks" in capsys.readouterr().err
    parsed = benchmark.parse_args([*base, "--dbt-vars", "{a: {b: [1, 2]}}"])
    assert parsed.dbt_vars == {"a": {"b": [1, 2]}}


def test_dbt_vars_reach_the_build(benchmarked: Benchmarked, tmp_path: Path) -> None:
    # the same lake again with every blocking rule but email disabled
    default_run = benchmarked.run
    overrides = {
        "identity_resolution_overrides": {
            "blocking": {
                "rules": [
                    {"name": rule, "enabled": False}
                    for rule in configured_blocking_rules()
                    if rule != "email"
                ]
            }
        }
    }
    done = run_benchmark(
        *("--lake", default_run["lake"], "--skip-splink", "--work-dir", str(tmp_path)),
        *("--dbt-vars", json.dumps(overrides)),
    )
    assert done.returncode == 0, done.stdout + done.stderr[-4000:]
    (run,) = json.loads((tmp_path / "benchmark.json").read_text())["runs"]
    assert run["dbt_vars"] == overrides
    assert len(blocking_rules(default_run["database"])) > 1
    assert blocking_rules(run["database"]) == ["email"]
    assert run["records"] == default_run["records"]


def blocking_rules(database: str) -> list[str]:
    """The first blocking rules of the candidate pairs in `database`, in order."""
    with duckdb.connect(database, read_only=True) as con:
        rows = con.sql(
            "select distinct first_blocking_rule "
            "from intermediate.int_profile_pairs_blocked order by 1"
        ).fetchall()
    return [rule for (rule,) in rows]


def configured_blocking_rules() -> list[str]:
    """The names of the blocking rules dbt_project.yml configures."""
    project = yaml.safe_load((REPO / "dbt_project.yml").read_text())
    rules = project["vars"]["identity_resolution"]["blocking"]["rules"]
    return [rule["name"] for rule in rules]


def test_the_critical_path_is_a_chain_of_the_build_graph_no_longer_than_the_run(
    benchmarked: Benchmarked,
) -> None:
    dbt = benchmarked.run["dbt"]
    target = Path(benchmarked.run["run_results"]).parent
    graph = json.loads((target / "graph_summary.json").read_text())["with_test_edges"]
    results = json.loads((target / "run_results.json").read_text())
    executed = {r["unique_id"]: r["execution_time"] for r in results["results"]}
    children: dict[str, set[str]] = {
        node["name"]: {graph[str(child)]["name"] for child in node.get("succ", [])}
        for node in graph.values()
    }

    def descendants(unique_id: str) -> set[str]:
        seen, todo = set(), [unique_id]
        while todo:
            for child in children[todo.pop()] - seen:
                seen.add(child)
                todo.append(child)
        return seen

    chain = dbt["critical_path"]
    assert len(chain) > 5
    for (earlier, _), (later, _) in itertools.pairwise(chain):
        assert later in descendants(earlier), (earlier, later)
    for unique_id, seconds in chain:
        assert seconds == pytest.approx(executed[unique_id], abs=0.001)
    assert dbt["critical_path_seconds"] == pytest.approx(sum(s for _, s in chain), abs=0.01)
    # the chain's nodes ran one after another, so the run took at least as long; and no node
    # alone is longer than the chain
    assert max(executed.values()) <= dbt["critical_path_seconds"] <= dbt["execution_seconds"]
    # a model waits for its parents' tests: the chain holds tests, and ends in a test or a model
    # no test follows
    assert any(unique_id.startswith("test.") for unique_id, _ in chain)
    section = benchmarked.docs.read_text()
    assert f"takes {dbt['critical_path_seconds']:.1f} s at these nodes' times" in section


def test_splink_out_of_memory_is_recorded_as_a_result(
    benchmarked: Benchmarked, tmp_path: Path
) -> None:
    # the benchmark's own records, with Splink's DuckDB held to 5MB: it stops in a phase
    run = benchmarked.run
    profiles = Path(run["database"]).parent / "profiles.parquet"
    args = benchmark.parse_args(
        ["--customers", "300", "--work-dir", str(tmp_path), "--splink-memory-limit", "5MB"]
    )
    splink = benchmark.run_splink(args, profiles, tmp_path)
    assert splink["failed"]["phase"] in {"load", "prior", "u", "em", "predict", "cluster"}
    assert splink["failed"]["error"].startswith("Out of Memory Error")
    assert splink["settings"]["memory_limit"] == "5MB"
    assert splink["clusters_path"] is None
    assert splink["peak_gib"] > 0
    assert splink["cpu_seconds"] > 0
    assert "Out of Memory" in (tmp_path / "splink.log").read_text()
    failed_run = {**run, "splink": splink, "ratios": None}
    section = benchmark.benchmarks_section({**benchmarked.report, "runs": [failed_run]}, "b.png")
    assert f"| {CUSTOMERS:,} | out of memory in {splink['failed']['phase']} |" in section
    assert f"Splink stopped in {splink['failed']['phase']}: `Out of Memory Error" in section


def test_the_critical_path_is_the_longest_chain_of_a_known_graph() -> None:
    # a diamond: source -> a (1 s) -> {b (5 s) -> its test t (1 s), c (2 s)} -> d (1 s);
    # the source is not in run_results; the longest chain is a, b, t, d (8 s), not a, c, d
    names = ["source.p.s", "model.p.a", "model.p.b", "test.p.t.1", "model.p.c", "model.p.d"]
    successors = {0: [1], 1: [2, 4], 2: [3], 3: [5], 4: [5], 5: []}
    graph = {str(index): {"name": names[index], "succ": successors[index]} for index in successors}
    seconds = {"model.p.a": 1.0, "model.p.b": 5.0, "test.p.t.1": 1.0, "model.p.c": 2.0}
    results = {
        "results": [
            {"unique_id": unique_id, "execution_time": s}
            for unique_id, s in {**seconds, "model.p.d": 1.0}.items()
        ]
    }
    expected = {
        "critical_path_seconds": 8.0,
        "critical_path": [["model.p.a", 1.0], ["model.p.b", 5.0], ["test.p.t.1", 1.0],
                          ["model.p.d", 1.0]],
    }  # fmt: skip
    assert benchmark.critical_path({"with_test_edges": graph}, results) == expected
    # without the test edges (a run before dbt wrote them) the linked graph is taken
    assert benchmark.critical_path({"linked": graph}, results) == expected
    # make c the slower branch and the chain goes through it
    results["results"][3]["execution_time"] = 9.0
    assert benchmark.critical_path({"linked": graph}, results)["critical_path"] == [
        ["model.p.a", 1.0],
        ["model.p.c", 9.0],
        ["model.p.d", 1.0],
    ]
