"""Score the matching pipeline on labelled sets: FEBRL 3, FEBRL 4, the Connect sample, a lake.

    .venv/bin/python scripts/evaluate.py [--sets febrl3,febrl4,connect_sample,generated]
        [--customers 100000] [--work-dir target/evaluate] [--datasets PATH]
        [--min-f1 febrl3=0.999,...] [--no-targets] [--record-benchmarks] [--quiet]

Each set gets its own lake (`<work-dir>/<set>/lake`: the labelled files dropped unchanged in
`raw/<source>/`, or a generated lake) and DuckDB file; `dbt build` runs the identity graph and
the review queue on it with `config/evaluation/<set>.yml` as the `identity_resolution_overrides`
var, and the graph is scored against the truth with scripts/cluster_metrics.py. One line per
set goes to stdout; dbt's log goes to stderr (and `<work-dir>/<set>/build.log`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
from cluster_metrics import ClusterScores, score_clusters
from evaluation_sets import REPO, SETS, EvaluationSet, load_overrides, prepare_lake, read_truth

DEFAULT_TARGETS = {"febrl3": 0.999, "febrl4": 0.99, "generated": 0.98}
DBT_SELECT = ["+fct_identity_graph", "+fct_match_review_queue"]
GENERATOR_SEED = 42
TAIL_LINES = 40
BENCHMARKS = REPO / "docs" / "benchmarks.md"
MARKER_START = "<!-- evaluate:start -->"
MARKER_END = "<!-- evaluate:end -->"
JANE_RECORD_ID = "ce5b876f-4da3-447f-a732-aaaca15ee007"
JOHN_DOE_ACCOUNT = "111222333"
PREDICTED_SQL = (
    "select source_system || ':' || source_record_id as record_id, "
    "cast(unified_profile_id as varchar) as label from warehouse.marts.fct_identity_graph"
)


class EvaluationError(Exception):
    """A set could not be built or scored."""


@dataclass(frozen=True)
class Options:
    """What every set's run needs from the command line."""

    work_dir: Path
    datasets: Path
    customers: int
    quiet: bool


@dataclass
class SetResult:
    """The scores of one set, its wall time and any notes printed under its line."""

    name: str
    scores: ClusterScores
    seconds: float = 0.0
    details: list[str] = field(default_factory=list)
    coverage: list[str] = field(default_factory=list)
    passed: bool = True

    @property
    def line(self) -> str:
        """`<set>: records=N precision=P recall=R f1=F b3_f1=B seconds=S`."""
        s = self.scores
        return (
            f"{self.name}: records={s.records} precision={s.precision:.4f} "
            f"recall={s.recall:.4f} f1={s.f1:.4f} b3_f1={s.b3_f1:.4f} seconds={self.seconds:.1f}"
        )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=_set_names, default=list(SETS), help="default: all four")
    parser.add_argument(
        "--customers", type=_positive_int, default=100_000,
        help="customers in the generated lake (default: 100000)",
    )  # fmt: skip
    parser.add_argument("--work-dir", type=Path, default=REPO / "target" / "evaluate")
    parser.add_argument("--datasets", type=Path, default=REPO.parent / "shared" / "datasets")
    parser.add_argument(
        "--min-f1", type=_targets, default={},
        help="set=value,... pairwise F1 targets on top of the defaults "
        + ", ".join(f"{k}={v}" for k, v in DEFAULT_TARGETS.items()),
    )  # fmt: skip
    parser.add_argument("--no-targets", action="store_true", help="never fail on an F1 target")
    parser.add_argument(
        "--record-benchmarks", action="store_true",
        help="rewrite the evaluate section of docs/benchmarks.md",
    )  # fmt: skip
    parser.add_argument("--quiet", action="store_true", help="do not echo dbt's log to stderr")
    return parser.parse_args(argv)


def _set_names(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in SETS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown set {unknown}; known: {', '.join(SETS)}")
    return names


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _targets(text: str) -> dict[str, float]:
    targets = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, value = item.partition("=")
        if not sep or name not in SETS:
            raise argparse.ArgumentTypeError(f"expected set=value with a known set, got {item!r}")
        targets[name] = float(value)
    return targets


def run_logged(command: list[str], env: dict[str, str], log: Path, echo: str | None) -> None:
    """Run a command from the repo root, saving its output to `log` and echoing it to stderr
    with prefix `echo` (unless None); raise EvaluationError if it fails, with the output's
    tail when it was not echoed."""
    tail: deque[str] = deque(maxlen=TAIL_LINES)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as saved, subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:  # fmt: skip
        assert process.stdout is not None
        for line in process.stdout:
            saved.write(line)
            if "[SKIP]" not in line:  # dbt's skipped nodes say nothing about a failure
                tail.append(line.rstrip("\n"))
            if echo is not None:
                print(f"{echo}{line}", end="", file=sys.stderr, flush=True)
    if process.returncode != 0:
        what = f"{Path(command[0]).name} {Path(command[1]).name}"
        message = f"{what} exited with {process.returncode} (output in {log})"
        raise EvaluationError(message if echo is not None else "\n".join([message, *tail]))


def dbt_executable() -> Path:
    """dbt beside the running interpreter (the venv's), else the repo's .venv."""
    beside = Path(sys.executable).parent / "dbt"
    return beside if beside.exists() else REPO / ".venv" / "bin" / "dbt"


def dbt_command(lake: Path, set_dir: Path, overrides: dict[str, object] | None) -> list[str]:
    """`dbt build` of the identity graph and review queue on one lake, in its own target dir."""
    variables: dict[str, object] = {"lake_root": str(lake)}
    if overrides is not None:
        variables["identity_resolution_overrides"] = overrides
    return [
        str(dbt_executable()),
        "build",
        "--select",
        *DBT_SELECT,
        # tests that also read a model outside the selection (relationships to
        # dim_unified_profiles) would fail on a fresh DuckDB file
        "--indirect-selection",
        "buildable",
        "--vars",
        json.dumps(variables),
        "--target-path",
        str(set_dir / "target"),
        "--log-path",
        str(set_dir / "logs"),
    ]


def dbt_env(database: Path) -> dict[str, str]:
    """The environment the Makefile gives dbt, pointed at one set's DuckDB file."""
    return {
        **os.environ,
        "DBT_PROFILES_DIR": str(REPO),
        "CUSTOMER_360_DUCKDB": str(database),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DO_NOT_TRACK": "1",
        "DBT_USE_COLORS": "false",
    }


def remove_database(database: Path) -> None:
    """Start each build from an empty DuckDB file: no state carried over from a previous run."""
    for path in (database, database.with_name(database.name + ".wal")):
        path.unlink(missing_ok=True)
    shutil.rmtree(database.with_name(database.name + ".tmp"), ignore_errors=True)


def make_lake(spec: EvaluationSet, lake: Path, options: Options) -> None:
    """Drop the set's files in a fresh lake, or generate one."""
    if not spec.generated:
        prepare_lake(spec, options.datasets, lake)
        return
    command = [
        sys.executable,
        str(REPO / "scripts" / "generate_lake.py"),
        *("--lake-root", str(lake), "--customers", str(options.customers)),
        *("--seed", str(GENERATOR_SEED), "--force"),
    ]
    run_logged(command, dict(os.environ), lake.parent / "generate.log", _echo(spec, options))


def _echo(spec: EvaluationSet, options: Options) -> str | None:
    return None if options.quiet else f"[{spec.name}] "


def evaluate_set(spec: EvaluationSet, options: Options) -> SetResult:
    """Make the lake, build, score: one set's result."""
    started = time.perf_counter()
    set_dir = options.work_dir / spec.name
    lake, database = set_dir / "lake", set_dir / "customer_360.duckdb"
    overrides = None if spec.generated else load_overrides(spec)
    make_lake(spec, lake, options)
    remove_database(database)
    command = dbt_command(lake, set_dir, overrides)
    run_logged(command, dbt_env(database), set_dir / "build.log", _echo(spec, options))
    result = score_set(spec, database, lake, options.datasets)
    result.seconds = time.perf_counter() - started
    return result


def score_set(spec: EvaluationSet, database: Path, lake: Path, datasets: Path) -> SetResult:
    """Score the built identity graph (read-only) against the set's truth."""
    with duckdb.connect() as con:
        con.execute(f"attach '{_sql_text(database)}' as warehouse (read_only)")
        truth = _register_truth(con, spec, lake, datasets)
        scores = score_clusters(con, PREDICTED_SQL, "select record_id, label from truth")
        result = SetResult(spec.name, scores, coverage=coverage_notes(con, spec.name))
        if spec.name == "connect_sample":
            result.details, result.passed = connect_details(con, truth)
    return result


def _sql_text(path: Path) -> str:
    return str(path).replace("'", "''")


def _register_truth(
    con: duckdb.DuckDBPyConnection, spec: EvaluationSet, lake: Path, datasets: Path
) -> list[tuple[str, str]]:
    """Make a `truth` (record_id, label) relation; return its rows for file-based sets."""
    if spec.generated:
        con.execute(
            "create view truth as select source_system || ':' || source_record_id as record_id, "
            "cast(customer_id as varchar) as label from read_parquet("
            f"'{_sql_text(lake / '_truth' / 'source_records.parquet')}')"
        )
        return []
    rows = read_truth(spec, datasets)
    table = pa.table({"record_id": [r for r, _ in rows], "label": [label for _, label in rows]})
    con.register("truth_rows", table)
    con.execute("create view truth as select * from truth_rows")
    return rows


def coverage_notes(con: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    """Warnings (stderr) when truth records are missing from the graph, the reverse, or the
    graph holds a record twice (which would skew the scores)."""
    (truth_only, graph_only, repeated) = con.sql(
        f"""
        select
            count(*) filter (where p.record_id is null),
            count(*) filter (where t.record_id is null),
            (select count(*) - count(distinct record_id) from ({PREDICTED_SQL}))
        from ({PREDICTED_SQL}) as p
        full outer join truth as t on p.record_id = t.record_id
        """
    ).fetchone() or (0, 0, 0)
    notes = []
    if repeated:
        notes.append(f"{name}: {repeated} identity-graph rows repeat a record id")
    if truth_only:
        notes.append(f"{name}: {truth_only} truth records are not in the identity graph")
    if graph_only:
        notes.append(f"{name}: {graph_only} identity-graph records have no truth")
    return notes


def connect_details(
    con: duckdb.DuckDBPyConnection, truth: list[tuple[str, str]]
) -> tuple[list[str], bool]:
    """Cluster sizes per Account, and where the "Jane" row went; False if nowhere."""
    predicted = dict(con.sql(PREDICTED_SQL).fetchall())
    lines = account_cluster_lines(truth, predicted)
    jane_line, found = jane_placement(truth, predicted, review_pairs(con, JANE_RECORD_ID))
    return [*lines, jane_line], found


def account_cluster_lines(truth: list[tuple[str, str]], predicted: dict[str, str]) -> list[str]:
    """`account A: n records in clusters of sizes [..]` per true Account."""
    lines = []
    for account in sorted({label for _, label in truth}):
        members = [record for record, label in truth if label == account]
        sizes = Counter(predicted.get(record, f"missing:{record}") for record in members)
        split = sorted(sizes.values(), reverse=True)
        lines.append(f"account {account}: {len(members)} records in clusters of sizes {split}")
    return lines


def review_pairs(con: duckdb.DuckDBPyConnection, record_id: str) -> list[tuple[str, str, float]]:
    """(record id l, record id r, match_probability) of the review-queue pairs of one record."""
    try:
        return con.execute(
            "select source_record_id_l, source_record_id_r, match_probability "
            "from warehouse.marts.fct_match_review_queue "
            "where source_record_id_l = $id or source_record_id_r = $id "
            "order by match_probability desc",
            {"id": record_id},
        ).fetchall()
    except duckdb.CatalogException:
        return []


def jane_placement(
    truth: list[tuple[str, str]],
    predicted: dict[str, str],
    queued: list[tuple[str, str, float]],
) -> tuple[str, bool]:
    """Whether Jane sits in John Doe's cluster (where most of his other records are) or in
    the review queue; the line to print and whether she is in either."""
    jane = f"connect_sample:{JANE_RECORD_ID}"
    johns = [r for r, label in truth if label == JOHN_DOE_ACCOUNT and r != jane]
    clusters = Counter(predicted[r] for r in johns if r in predicted).most_common(1)
    prefix = f'"Jane" ({JANE_RECORD_ID})'
    if clusters and predicted.get(jane) == clusters[0][0]:
        return f"{prefix}: in John Doe's cluster", True
    if queued:
        left, right, probability = queued[0]
        other = right if left == JANE_RECORD_ID else left
        return (
            f"{prefix}: in the review queue ({len(queued)} pairs; best with {other}, "
            f"match_probability {probability:.4f})",
            True,
        )
    return f"{prefix}: neither in John Doe's cluster nor in the review queue", False


def target_misses(results: list[SetResult], targets: dict[str, float]) -> list[str]:
    """One message per set whose pairwise F1 is below its target."""
    return [
        f"{r.name}: f1 {r.scores.f1:.4f} is below the target {targets[r.name]}"
        for r in results
        if r.name in targets and r.scores.f1 < targets[r.name]
    ]


def machine_description(
    cpuinfo: Path = Path("/proc/cpuinfo"), meminfo: Path = Path("/proc/meminfo")
) -> str:
    """`2 cores (AMD EPYC), 23.5 GiB RAM` from /proc, as far as it can be read."""
    model = "unknown CPU"
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        model = found.group(1).strip() if found else model
    memory = "unknown"
    if meminfo.exists():
        found = re.search(r"^MemTotal:\s*(\d+) kB", meminfo.read_text(), re.MULTILINE)
        memory = f"{int(found.group(1)) / 1024**2:.1f} GiB" if found else memory
    return f"{os.cpu_count()} cores ({model}), {memory} RAM"


def git_commit() -> str:
    """The short commit of the repo, or `unknown` outside git."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO, capture_output=True, text=True, check=True,
        )  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.strip()


def benchmarks_section(
    results: list[SetResult], date: dt.date, machine: str, commit: str, command: str
) -> str:
    """The docs/benchmarks.md section between the evaluate markers, markers included."""
    lines = [
        MARKER_START,
        "## Matching quality (`make evaluate`)",
        "",
        f"Measured {date.isoformat()} on commit {commit}, {machine}, with `{command}`. Pairwise",
        "and B-cubed scores from `scripts/cluster_metrics.py`; seconds are wall time of lake",
        "preparation or generation, `dbt build` and scoring.",
        "",
        "| set | records | precision | recall | f1 | b3_f1 | seconds |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        s = r.scores
        lines.append(
            f"| {r.name} | {s.records:,} | {s.precision:.4f} | {s.recall:.4f} | {s.f1:.4f} "
            f"| {s.b3_f1:.4f} | {r.seconds:.1f} |"
        )
    details = [f"- {r.name}: {d}" for r in results for d in r.details]
    return "\n".join([*lines, *(["", *details] if details else []), MARKER_END])


def replace_section(document: str, section: str) -> str:
    """`document` with the evaluate section replaced, or appended when it has no markers."""
    start, end = document.find(MARKER_START), document.find(MARKER_END)
    if start != -1 and end > start:
        return document[:start] + section + document[end + len(MARKER_END) :]
    return document.rstrip("\n") + "\n\n" + section + "\n"


def record_benchmarks(results: list[SetResult], command: str, path: Path | None = None) -> None:
    """Rewrite the evaluate section of `path` (docs/benchmarks.md) with these results."""
    path = path or BENCHMARKS
    section = benchmarks_section(
        results, dt.date.today(), machine_description(), git_commit(), command
    )
    document = path.read_text() if path.exists() else "# Benchmarks\n"
    path.write_text(replace_section(document, section))


def run_sets(names: list[str], options: Options) -> tuple[list[SetResult], list[str]]:
    """Evaluate each set in turn, printing its line; return the results and the failures."""
    results, failures = [], []
    for name in names:
        try:
            result = evaluate_set(SETS[name], options)
        except (EvaluationError, ValueError, OSError, duckdb.Error) as error:
            failures.append(f"{name}: evaluation failed: {error}")
            print(failures[-1], file=sys.stderr)
            continue
        print(result.line, flush=True)
        for detail in result.details:
            print(f"  {detail}", flush=True)
        for note in result.coverage:
            print(f"warning: {note}", file=sys.stderr)
        if not result.passed:
            failures.append(f"{name}: {result.details[-1]}")
        results.append(result)
    return results, failures


def main(argv: list[str] | None = None) -> int:
    """Entry point: evaluate the sets, check targets, maybe record benchmarks."""
    args = parse_args(argv)
    options = Options(args.work_dir.resolve(), args.datasets.resolve(), args.customers, args.quiet)
    results, failures = run_sets(args.sets, options)
    if not args.no_targets:
        failures += target_misses(results, {**DEFAULT_TARGETS, **args.min_f1})
    if args.record_benchmarks and len(results) == len(args.sets):
        command = shlex.join(["scripts/evaluate.py", *(sys.argv[1:] if argv is None else argv)])
        record_benchmarks(results, command)
    elif args.record_benchmarks:
        print("benchmarks not recorded: not every set was scored", file=sys.stderr)
    for failure in failures:
        print(f"FAILED {failure.splitlines()[0]}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
