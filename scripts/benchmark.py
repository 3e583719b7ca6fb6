"""Time the full build at one or more lake sizes, with Splink on the same records beside it.

    .venv/bin/python scripts/benchmark.py --customers 20000[,100000,...] [--lake PATH]
        [--work-dir target/benchmark] [--skip-splink] [--threads 2] [--dbt-vars YAML]
        [--splink-memory-limit 12GB] [--record-benchmarks] [--keep-other-sizes]
        [--docs docs/benchmarks.md] [--json docs/benchmarks.json] [--plot docs/benchmarks.png]

For each size:

1. the lake: `<work-dir>/<N>/lake`, generated with scripts/generate_lake.py (seed 42) unless
   it is there already, or the lake given with `--lake` (one size only);
2. a full `dbt build` (models, seeds, tests; `--dbt-vars` beside lake_root, such as an
   identity_resolution_overrides, to time another configuration) into an empty DuckDB file
   with a fresh target folder, under /usr/bin/time: wall seconds, peak RSS, CPU seconds
   (user + system), dbt's start-up and parse overhead
   (wall time minus run_results.json's elapsed time) and each node's seconds from
   run_results.json, the match + cluster models (models/intermediate/matching and
   clustering) summed apart from the other models and from the tests, and the critical path
   (the longest chain of nodes that wait for each other in dbt's build graph);
3. precision, recall and F1 of the identity graph against the lake's truth
   (scripts/cluster_metrics.py, as scripts/evaluate.py scores it);
4. Splink (scripts/splink_baseline.py, in .venv-splink: `make venv-splink`) on the records the
   build matched (int_profiles_normalized unloaded to Parquet), under /usr/bin/time (wall,
   peak RSS, CPU seconds), its clusters scored the same way; ratios of the two. Splink
   running out of memory is a result, recorded with the phase it stopped in.

Each size's figures go to stdout as they come; with `--record-benchmarks`, the benchmark
section of `--docs` is rewritten (table, command, machine, where the time goes), and the same
figures are written to `--json` with a plot of time and memory against size at `--plot`
(drawn by scripts/benchmark_plot.py in .venv-splink, which has matplotlib). With
`--keep-other-sizes` the runs already recorded in `--json` for other sizes stay (a large size
measured in a session of its own joins the curve); each run carries its date, commit and
command, and the docs say which runs came from which.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

import duckdb
import yaml
from benchmark_delta import dbt_build, record, time_figures, under_time
from cluster_metrics import ClusterScores, score_clusters
from evaluate import (
    GENERATOR_SEED,
    _register_truth,
    git_commit,
    machine_description,
    remove_database,
    run_logged,
    score_set,
)
from evaluation_sets import REPO, SETS

MARKER_START = "<!-- benchmark:start -->"
MARKER_END = "<!-- benchmark:end -->"
SPLINK_PYTHON = REPO / ".venv-splink" / "bin" / "python"
# scripts/splink_baseline.py's exit status when a phase ran out of memory (its OUT_OF_MEMORY_EXIT)
SPLINK_OUT_OF_MEMORY = 3
MATCH_CLUSTER_FOLDERS = ("models/intermediate/matching/", "models/intermediate/clustering/")
PROFILES_SQL = "select * from warehouse.intermediate.int_profiles_normalized"
LARGEST_MODELS = 8
GIB = 1024**3
PROVENANCE = ("date", "commit", "command")


def _sizes(text: str) -> list[int]:
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"expected N[,N2,...] customers, each at least 1: {text}")
    return sizes


def _variables(text: str) -> dict[str, Any]:
    """`--dbt-vars`: a YAML mapping of dbt vars, without lake_root (the lake's own)."""
    try:
        variables = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise argparse.ArgumentTypeError(f"not YAML: {text}: {error}") from error
    if not isinstance(variables, dict):
        raise argparse.ArgumentTypeError(f"expected a mapping of dbt vars: {text}")
    if "lake_root" in variables:
        raise argparse.ArgumentTypeError("lake_root is the lake's: give --lake instead")
    return variables


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=_sizes, help="N[,N2,...] customers per lake")
    parser.add_argument("--lake", type=Path, help="take this lake instead of generating one")
    parser.add_argument("--work-dir", type=Path, default=REPO / "target" / "benchmark")
    parser.add_argument("--skip-splink", action="store_true")
    parser.add_argument(
        "--threads", type=int, default=2,
        help="dbt threads and Splink's DuckDB threads (default 2; DuckDB's own threads "
        "inside dbt are profiles.yml's, 2)",
    )  # fmt: skip
    parser.add_argument(
        "--dbt-vars", type=_variables, default={},
        help="more dbt vars for the build, as dbt takes them (YAML), e.g. an "
        "identity_resolution_overrides to time another configuration; such runs are not "
        "recorded, since the recorded table is of the default configuration",
    )  # fmt: skip
    parser.add_argument("--record-benchmarks", action="store_true")
    parser.add_argument(
        "--keep-other-sizes", action="store_true",
        help="with --record-benchmarks: keep the runs already in --json whose sizes this "
        "invocation does not measure (each run keeps its own date, commit and command)",
    )  # fmt: skip
    parser.add_argument("--docs", type=Path, default=REPO / "docs" / "benchmarks.md")
    parser.add_argument("--json", type=Path, default=REPO / "docs" / "benchmarks.json")
    parser.add_argument("--plot", type=Path, default=REPO / "docs" / "benchmarks.png")
    parser.add_argument("--splink-python", type=Path, default=SPLINK_PYTHON)
    parser.add_argument(
        "--splink-memory-limit",
        help="DuckDB memory_limit for Splink (default DuckDB's own, 80%% of the RAM)",
    )
    args = parser.parse_args(argv)
    if args.lake is None and args.customers is None:
        parser.error("give --customers N[,N2,...] or --lake PATH")
    if args.lake is not None and args.customers is not None and len(args.customers) > 1:
        parser.error("--lake takes one lake: give at most one --customers size with it")
    if args.dbt_vars and args.record_benchmarks:
        parser.error("--dbt-vars runs another configuration: leave out --record-benchmarks")
    if args.keep_other_sizes and not args.record_benchmarks:
        parser.error("--keep-other-sizes merges into the recorded figures: add --record-benchmarks")
    if args.lake is not None and not (args.lake / "raw").is_dir():
        parser.error(f"--lake {args.lake}: no raw/ folder")
    needs_splink_venv = not args.skip_splink or args.record_benchmarks
    if needs_splink_venv and not args.splink_python.exists():
        parser.error(
            f"{args.splink_python} is missing: run `make venv-splink` (Splink and matplotlib "
            "live in their own virtualenv), or pass --skip-splink without --record-benchmarks"
        )
    return args


def node_seconds(
    run_results: dict[str, Any], manifest: dict[str, Any], wall_seconds: float
) -> dict[str, Any]:
    """Seconds by kind of node from run_results.json: each model's, the match + cluster
    models' sum, the other models', the tests', and dbt's start-up (wall minus execution)."""
    nodes = manifest["nodes"]
    models: dict[str, float] = {}
    match_cluster: list[str] = []
    tests = other = 0.0
    for result in run_results["results"]:
        unique_id, seconds = result["unique_id"], float(result["execution_time"])
        kind = unique_id.split(".", 1)[0]
        if kind == "model":
            name = nodes[unique_id]["name"]
            models[name] = seconds
            if nodes[unique_id]["original_file_path"].startswith(MATCH_CLUSTER_FOLDERS):
                match_cluster.append(name)
        elif kind in ("test", "unit_test"):
            tests += seconds
        else:
            other += seconds
    execution = float(run_results["elapsed_time"])
    largest = sorted(models.items(), key=lambda item: item[1], reverse=True)
    return {
        "execution_seconds": round(execution, 3),
        "startup_seconds": round(max(wall_seconds - execution, 0.0), 3),
        "nodes": len(run_results["results"]),
        "model_seconds": round(sum(models.values()), 3),
        "match_cluster_seconds": round(sum(models[name] for name in match_cluster), 3),
        "other_model_seconds": round(
            sum(s for name, s in models.items() if name not in match_cluster), 3
        ),
        "test_seconds": round(tests, 3),
        "other_node_seconds": round(other, 3),
        "match_cluster_models": sorted(match_cluster),
        "largest_models": [[name, round(s, 3)] for name, s in largest[:LARGEST_MODELS]],
        "models": {name: round(s, 3) for name, s in sorted(models.items())},
    }


def critical_path(graph_summary: dict[str, Any], run_results: dict[str, Any]) -> dict[str, Any]:
    """The longest chain of dependent nodes in dbt's build graph (graph_summary.json's graph
    with the test edges `dbt build` adds: a model waits for its parents' tests), each node
    weighed at its run_results.json seconds: the wall the build cannot go under at those
    nodes' times with any number of dbt threads, dbt's start-up aside (more cores would make
    the nodes themselves faster). The chain is of unique ids, first to last."""
    graph = graph_summary.get("with_test_edges") or graph_summary["linked"]
    seconds = {r["unique_id"]: float(r["execution_time"]) for r in run_results["results"]}
    parents: dict[str, list[str]] = {node["name"]: [] for node in graph.values()}
    for node in graph.values():
        for child in node.get("succ", []):
            parents[graph[str(child)]["name"]].append(node["name"])
    longest: dict[str, tuple[float, str | None]] = {}

    def reach(unique_id: str) -> float:
        # iterative depth-first: the graph is deep enough to pass Python's recursion limit
        stack = [unique_id]
        while stack:
            node = stack[-1]
            pending = [p for p in parents[node] if p not in longest]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            before = max(((longest[p][0], p) for p in parents[node]), default=(0.0, None))
            longest[node] = (before[0] + seconds.get(node, 0.0), before[1])
        return longest[unique_id][0]

    end = max(parents, key=reach)
    chain: list[list[Any]] = []
    node: str | None = end
    while node is not None:
        if node in seconds:
            chain.append([node, round(seconds[node], 3)])
        node = longest[node][1]
    return {"critical_path_seconds": round(longest[end][0], 3), "critical_path": chain[::-1]}


def quality(scores: ClusterScores | None) -> dict[str, float] | None:
    """The scores that go to the JSON, or None without truth."""
    if scores is None:
        return None
    return {
        "records": scores.records,
        "precision": scores.precision,
        "recall": scores.recall,
        "f1": scores.f1,
        "b3_f1": scores.b3_f1,
    }


def truth_path(lake: Path) -> Path:
    return lake / "_truth" / "source_records.parquet"


def score_splink(clusters: Path, lake: Path) -> ClusterScores | None:
    """Splink's clusters against the lake's truth, with the pipeline's scorer."""
    if not truth_path(lake).exists():
        return None
    with duckdb.connect() as con:
        _register_truth(con, SETS["generated"], lake, Path())
        path = str(clusters).replace("'", "''")
        return score_clusters(
            con, f"select record_id, label from read_parquet('{path}')", "select * from truth"
        )


def make_lake(customers: int, lake: Path) -> float:
    """Generate the lake unless it is there; return the seconds spent (0 when reused)."""
    if (lake / "raw").is_dir() and truth_path(lake).exists():
        return 0.0
    started = time.perf_counter()
    command = [
        sys.executable,
        str(REPO / "scripts" / "generate_lake.py"),
        *("--lake-root", str(lake), "--customers", str(customers)),
        *("--seed", str(GENERATOR_SEED), "--force"),
    ]
    run_logged(command, dict(os.environ), lake.parent / "generate.log", "[generate] ")
    return time.perf_counter() - started


def unload_profiles(database: Path, target: Path) -> int:
    """Copy int_profiles_normalized to Parquet (Splink's input); return its row count."""
    with duckdb.connect() as con:
        con.execute(f"attach '{database}' as warehouse (read_only)")
        con.execute(f"copy ({PROFILES_SQL}) to '{target}' (format parquet)")
        return con.sql(f"select count(*) from read_parquet('{target}')").fetchone()[0]


def run_splink(args: argparse.Namespace, profiles: Path, folder: Path) -> dict[str, Any]:
    """scripts/splink_baseline.py in .venv-splink under /usr/bin/time; its report, with the
    process's wall seconds, peak RSS and CPU seconds. A run that ran out of memory (exit
    SPLINK_OUT_OF_MEMORY, with a report that says "failed": its phase and error) is a
    result; any other failure stops."""
    clusters, report = folder / "splink_clusters.parquet", folder / "splink.json"
    times = folder / "splink.time"
    for stale in (clusters, report, times):
        stale.unlink(missing_ok=True)
    command = under_time(
        [
            str(args.splink_python),
            str(REPO / "scripts" / "splink_baseline.py"),
            *("--input", str(profiles), "--clusters", str(clusters), "--report", str(report)),
            *("--threads", str(args.threads)),
            *(("--memory-limit", args.splink_memory_limit) if args.splink_memory_limit else ()),
        ],
        times,
    )
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    wall = time.monotonic() - started
    (folder / "splink.log").write_text(done.stdout + done.stderr)
    out_of_memory = done.returncode == SPLINK_OUT_OF_MEMORY and report.exists()
    ran = (done.returncode == 0 or out_of_memory) and report.exists()
    figures = json.loads(report.read_text()) if ran else {}
    if not ran or (done.returncode != 0 and "failed" not in figures):
        sys.exit(f"splink failed (log in {folder / 'splink.log'}):\n{done.stderr[-4000:]}")
    figures["wall_seconds"] = round(wall, 3)
    figures["load_before"] = load_before
    peak_gib, figures["cpu_seconds"] = time_figures(times)
    figures["peak_gib"] = round(peak_gib, 3)
    figures["clusters_path"] = None if out_of_memory else str(clusters)
    return figures


def per_record(records: int, seconds: float, peak_gib: float) -> dict[str, float]:
    return {
        "records_per_second": round(records / seconds, 1) if seconds else 0.0,
        "bytes_per_record": round(peak_gib * GIB / records, 1) if records else 0.0,
    }


def benchmark_size(customers: int | None, args: argparse.Namespace) -> dict[str, Any]:
    """Build, score and compare one lake; return its figures."""
    work = args.work_dir.resolve()
    folder = work / (str(customers) if customers else "lake")
    folder.mkdir(parents=True, exist_ok=True)
    lake = args.lake.resolve() if args.lake else folder / "lake"
    generate_seconds = 0.0 if args.lake else make_lake(customers or 0, lake)
    database = folder / "customer_360.duckdb"
    remove_database(database)
    shutil.rmtree(folder / "target", ignore_errors=True)
    timing = dbt_build(database, lake, folder, ["--threads", str(args.threads)], args.dbt_vars)
    target = folder / "target"
    run_results = json.loads((target / "run_results.json").read_text())
    dbt_figures = {
        "wall_seconds": round(timing.seconds, 3),
        "peak_gib": round(timing.peak_gib, 3),
        "cpu_seconds": timing.cpu_seconds,
        "load_before": timing.load_before,
        **node_seconds(
            run_results, json.loads((target / "manifest.json").read_text()), timing.seconds
        ),
        **critical_path(json.loads((target / "graph_summary.json").read_text()), run_results),
    }
    profiles = folder / "profiles.parquet"
    records = unload_profiles(database, profiles)
    has_truth = truth_path(lake).exists()
    ours = None
    if has_truth:
        scored = score_set(SETS["generated"], database, lake, Path())
        ours = scored.scores
        for note in scored.coverage:
            print(f"warning: {note}", file=sys.stderr)
    figures: dict[str, Any] = {
        "customers": customers,
        "lake": str(lake),
        "generate_seconds": round(generate_seconds, 3),
        "dbt_vars": args.dbt_vars,
        "cores": os.cpu_count(),
        "records": records,
        "database": str(database),
        "run_results": str(target / "run_results.json"),
        "dbt": {**dbt_figures, **per_record(records, timing.seconds, timing.peak_gib)},
        "quality": quality(ours),
        "splink": None,
        "ratios": None,
    }
    print(
        f"{customers or lake}: {records:,} records, dbt build {timing.seconds:.1f} s "
        f"(match + cluster {dbt_figures['match_cluster_seconds']:.1f} s, start-up "
        f"{dbt_figures['startup_seconds']:.1f} s, CPU {timing.cpu_seconds:.1f} s), peak "
        f"{timing.peak_gib:.2f} GiB" + (f", f1 {ours.f1:.4f}" if ours else ""),
        flush=True,
    )
    if args.skip_splink:
        return figures
    splink = run_splink(args, profiles, folder)
    if "failed" in splink:
        figures["splink"] = splink
        print(
            f"{customers or lake}: splink ran out of memory in {splink['failed']['phase']} "
            f"after {splink['wall_seconds']:.1f} s, peak {splink['peak_gib']:.2f} GiB: "
            f"{splink['failed']['error']}",
            flush=True,
        )
        return figures
    splink_scores = score_splink(Path(splink["clusters_path"]), lake)
    splink["quality"] = quality(splink_scores)
    splink.update(per_record(records, splink["wall_seconds"], splink["peak_gib"]))
    figures["splink"] = splink
    figures["ratios"] = {
        "splink_match_over_match_cluster": _ratio(
            splink["match_seconds"], dbt_figures["match_cluster_seconds"]
        ),
        "splink_wall_over_dbt_build": _ratio(splink["wall_seconds"], timing.seconds),
        "splink_peak_over_dbt_peak": _ratio(splink["peak_gib"], timing.peak_gib),
        "f1_minus_splink_f1": (
            round(ours.f1 - splink_scores.f1, 6) if ours and splink_scores else None
        ),
    }
    print(
        f"{customers or lake}: splink {splink['match_seconds']:.1f} s to train, predict and "
        f"cluster ({splink['wall_seconds']:.1f} s wall, CPU {splink['cpu_seconds']:.1f} s), "
        f"peak {splink['peak_gib']:.2f} GiB"
        + (f", f1 {splink_scores.f1:.4f}" if splink_scores else "")
        + f"; splink / match + cluster = {figures['ratios']['splink_match_over_match_cluster']}",
        flush=True,
    )
    return figures


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def versions() -> dict[str, str]:
    found = {"python": platform.python_version(), "duckdb": duckdb.__version__}
    for package in ("dbt-core", "dbt-duckdb"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "unknown"
    return found


def _f(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def _f1(scores: dict[str, float] | None) -> str:
    return "-" if scores is None else f"{scores['f1']:.4f}"


def merged_runs(recorded: dict[str, Any], runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`runs` with the recorded report's runs of other sizes (same customers count or lake:
    replaced), each recorded run stamped with its report's date, commit and command where it
    has none of its own; ordered by records."""
    measured = {(run["customers"], run["lake"] if not run["customers"] else None) for run in runs}
    kept = []
    for run in recorded.get("runs", []):
        if (run["customers"], run["lake"] if not run["customers"] else None) in measured:
            continue
        kept.append({key: recorded.get(key) for key in PROVENANCE} | run)
    return sorted(kept + runs, key=lambda run: run["records"])


def measured_sentence(report: dict[str, Any]) -> str:
    """Which runs were measured when, on which commit, with which command: one clause per
    invocation (a merged report has several)."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for run in report["runs"]:
        key = tuple(run.get(field) or report[field] for field in PROVENANCE)
        groups.setdefault(key, []).append(_customers(run))  # type: ignore[arg-type]
    if len(groups) == 1:
        ((date, commit, command),) = groups
        return f"Measured {date} on commit {commit}, {report['machine']}, with `{command}`"
    clauses = [
        f"{' and '.join(sizes)} customers measured {date} on commit {commit} with `{command}`"
        for (date, commit, command), sizes in groups.items()
    ]
    return f"On {report['machine']}: " + "; ".join(clauses)


def benchmarks_section(report: dict[str, Any], image: str) -> str:
    """The docs section between the benchmark markers, markers included."""
    runs = report["runs"]
    splink = next((run["splink"] for run in runs if run["splink"]), None)
    lines = [
        MARKER_START,
        "## Full build against Splink (`scripts/benchmark.py`)",
        "",
        f"{measured_sentence(report)} "
        f"({', '.join(f'{k} {v}' for k, v in report['versions'].items())}"
        + (f", Splink {splink['splink_version']}" if splink else "")
        + f"). dbt: a full `dbt build` (models, seeds and tests) into an empty DuckDB file, "
        f"{report['threads']} dbt threads; start-up is dbt's own start-up and parse (wall time "
        "minus run_results.json's elapsed time); match + cluster is the node seconds of the "
        "models in models/intermediate/matching and clustering. Peak is the process's max RSS "
        "and CPU s its user + system seconds (/usr/bin/time): the work done, which a slower or "
        "busier machine changes less than the wall, and divided by the cores the least wall "
        "that work can take on this machine (runs recorded before CPU was measured show "
        "'-'). Records are the normalized profile records both tools matched; "
        "records/s and bytes/record are per wall second and per byte of peak RSS.",
        "",
        "| customers | records | dbt build s | CPU s | match + cluster s | start-up s | tests s "
        "| peak GiB | records/s | bytes/record | F1 | load average at start |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        d = run["dbt"]
        lines.append(
            f"| {_customers(run)} | {run['records']:,} | {d['wall_seconds']:.1f} "
            f"| {_f(d.get('cpu_seconds'))} | {d['match_cluster_seconds']:.1f} "
            f"| {d['startup_seconds']:.1f} | {d['test_seconds']:.1f} | {d['peak_gib']:.2f} "
            f"| {d['records_per_second']:,.0f} "
            f"| {d['bytes_per_record']:,.0f} | {_f1(run['quality'])} | {d['load_before']:.1f} |"
        )
    if splink:
        lines += [
            "",
            f"Splink on the same records (scripts/splink_baseline.py: DuckDB backend, "
            f"{splink['settings']['threads']} threads; prior from deterministic rules, u by "
            f"random sampling of {splink['settings']['u_max_pairs']:,.0f} pairs, m by EM on "
            f"{len(splink['settings']['em_blocking_rules'])} blocking rules, predict, connected "
            f"components at match probability {splink['settings']['threshold']}). Splink s is "
            "training, prediction and clustering (not loading or writing); the ratio divides it "
            "by the pipeline's match + cluster seconds. Splink wall s is the whole process "
            "(start-up, loading the Parquet file, writing the clusters). Both scored by "
            "scripts/cluster_metrics.py (pairwise) against the lake's truth. A run that ran "
            "out of memory (DuckDB's own memory_limit, 80% of the RAM, unless "
            "--splink-memory-limit) names its phase; its wall and peak are where it stopped.",
            "",
            "| customers | Splink s | Splink wall s | Splink CPU s | Splink peak GiB | records/s "
            "| bytes/record | Splink F1 | Splink s / match + cluster s | Splink wall / dbt build "
            "| Splink peak / dbt peak |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for run in runs:
            s, r = run["splink"], run["ratios"]
            if s is None:
                continue
            if "failed" in s:
                lines.append(
                    f"| {_customers(run)} | out of memory in {s['failed']['phase']} "
                    f"| {s['wall_seconds']:.1f} | {_f(s.get('cpu_seconds'))} "
                    f"| {s['peak_gib']:.2f} | - | - | - | - | - | - |"
                )
                continue
            lines.append(
                f"| {_customers(run)} | {s['match_seconds']:.1f} | {s['wall_seconds']:.1f} "
                f"| {_f(s.get('cpu_seconds'))} | {s['peak_gib']:.2f} "
                f"| {s['records_per_second']:,.0f} | {s['bytes_per_record']:,.0f} "
                f"| {_f1(s['quality'])} "
                f"| {_f(r['splink_match_over_match_cluster'], 2)} "
                f"| {_f(r['splink_wall_over_dbt_build'], 2)} "
                f"| {_f(r['splink_peak_over_dbt_peak'], 2)} |"
            )
        for run in runs:
            if run["splink"] and "failed" in run["splink"]:
                failed = run["splink"]["failed"]
                lines += [
                    "",
                    f"At {_customers(run)} customers Splink stopped in {failed['phase']}: "
                    f"`{failed['error']}`.",
                ]
    largest = max(runs, key=lambda run: run["records"])
    explained = [run for run in runs if run is largest or "critical_path" in run["dbt"]]
    lines += ["", f"![time and memory against size]({image})"]
    for run in explained:
        lines += ["", where_the_time_goes(run, report)]
    lines.append(MARKER_END)
    return "\n".join(lines)


def where_the_time_goes(run: dict[str, Any], report: dict[str, Any]) -> str:
    """One run's paragraph: start-up, node seconds by kind, the largest models, and (when
    recorded) the critical path and CPU seconds."""
    d = run["dbt"]
    return (
        f"Where the time goes at {_customers(run)} customers ({run['records']:,} "
        f"records): {d['wall_seconds']:.1f} s wall, of which {d['startup_seconds']:.1f} s dbt "
        f"start-up and parse; node seconds ({report['threads']} dbt threads, so they can add "
        f"up to more than the wall) {d['model_seconds']:.1f} in models "
        f"({d['match_cluster_seconds']:.1f} match + cluster, {d['other_model_seconds']:.1f} "
        f"the rest) and {d['test_seconds']:.1f} in tests. Largest models: "
        + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in d["largest_models"])
        + "."
        + critical_path_sentence(d)
        + cpu_sentence(d, run.get("cores") or report.get("cores"))
    )


def critical_path_sentence(dbt: dict[str, Any]) -> str:
    """The longest chain of dependent nodes: its seconds, its models named, its tests summed
    (empty for a run recorded without it)."""
    if "critical_path" not in dbt:
        return ""
    # unique ids are <type>.<project>.<name>[.<hash>]
    models = [
        f"{unique_id.split('.')[2]} {seconds:.1f}"
        for unique_id, seconds in dbt["critical_path"]
        if not unique_id.startswith("test.")
    ]
    tests = [
        seconds for unique_id, seconds in dbt["critical_path"] if unique_id.startswith("test.")
    ]
    return (
        f" The longest chain of nodes that wait for each other (dbt's build graph, a model "
        f"waiting for its parents' tests) takes {dbt['critical_path_seconds']:.1f} s at these "
        f"nodes' times, however many dbt threads run them: {', '.join(models)}, and "
        f"{len(tests)} tests between them, {sum(tests):.1f} s."
    )


def cpu_sentence(dbt: dict[str, Any], cores: int | None) -> str:
    """What the build's CPU seconds say about its wall: the least wall the same work can take
    on `cores` cores, and how busy the cores were (empty for a run without CPU seconds)."""
    cpu = dbt.get("cpu_seconds")
    if not cpu or not cores:
        return ""
    return (
        f" The dbt process used {cpu:,.1f} CPU seconds, {cpu / dbt['wall_seconds']:.2f} of "
        f"{cores} cores busy on average: the same work cannot take less than "
        f"{cpu / cores:,.1f} s of wall on {cores} cores."
    )


def _customers(run: dict[str, Any]) -> str:
    return f"{run['customers']:,}" if run["customers"] else Path(run["lake"]).name


def write_plot(args: argparse.Namespace) -> None:
    """Draw `--plot` from `--json` with scripts/benchmark_plot.py in .venv-splink."""
    command = [
        str(args.splink_python),
        str(REPO / "scripts" / "benchmark_plot.py"),
        *(str(args.json), str(args.plot)),
    ]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"plot failed:\n{done.stdout}\n{done.stderr[-4000:]}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes: list[int | None] = list(args.customers) if args.customers else [None]
    runs = [benchmark_size(customers, args) for customers in sizes]
    command = shlex.join(
        ["python", "scripts/benchmark.py", *(sys.argv[1:] if argv is None else argv)]
    )
    stamp = {"date": dt.date.today().isoformat(), "commit": git_commit(), "command": command}
    runs = [stamp | run for run in runs]
    if args.keep_other_sizes and args.json.exists():
        runs = merged_runs(json.loads(args.json.read_text()), runs)
    report = {
        **stamp,
        "machine": machine_description(),
        "threads": args.threads,
        "cores": os.cpu_count(),
        "versions": versions(),
        "runs": runs,
    }
    summary = args.work_dir.resolve() / "benchmark.json"
    summary.write_text(json.dumps(report, indent=2) + "\n")
    print(f"figures in {summary}")
    if args.record_benchmarks:
        for path in (args.docs, args.json, args.plot):
            path.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        write_plot(args)
        image = os.path.relpath(args.plot.resolve(), args.docs.resolve().parent)
        record(benchmarks_section(report, image), args.docs, (MARKER_START, MARKER_END))
        print(f"recorded in {args.docs}, {args.json} and {args.plot}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
