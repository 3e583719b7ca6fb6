"""Deduplicate the pipeline's normalized person records with Splink, for scripts/benchmark.py.

    .venv-splink/bin/python scripts/splink_baseline.py --input profiles.parquet \
        --clusters splink_clusters.parquet --report splink.json [--threads 2] \
        [--memory-limit 12GB]

Runs in its own virtualenv (`make venv-splink`, requirements-splink.txt): Splink is a
benchmark-only dependency, never a runtime one. `--input` holds the rows of
int_profiles_normalized that the dbt build matched (unloaded by scripts/benchmark.py), so
both tools see the same records. The model, on Splink's DuckDB backend:

- comparisons on the attributes the pipeline compares: first and last name (exact with
  term frequencies, then Jaro-Winkler), date of birth, emails and phones (any shared value:
  a record holds lists), address (street with postal code or city, down to either alone);
- blocking rules as the pipeline's main ones (each email, each phone, both names, a name
  with birth date, last name with postal code, birth date with postal code, street with
  postal code);
- the prior from deterministic rules at an assumed recall, u by random sampling (10 million
  pairs), m by EM on two blocking rules (both names; birth date) so that every comparison is
  trained, each on at most 10 million blocked pairs (Splink samples records above that);
- predict (pairs at or above `--predict-threshold`), then connected components of the pairs
  at or above `--threshold` (0.8: the pipeline's scoring.match_probability).

Writes `--clusters` (record_id, label) and `--report` (JSON: seconds per phase, peak RSS of
this process, record, pair and cluster counts, the settings used). When a phase runs out of
memory (DuckDB's memory_limit: `--memory-limit`, or DuckDB's default of 80% of the RAM) it
writes no clusters, reports `failed` (the phase and DuckDB's error) with the phases so far,
and exits 3 (OUT_OF_MEMORY_EXIT; argparse's usage errors are 2): a result of the benchmark,
not an error in it.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import splink
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

COLUMNS = (
    "unique_id",
    "first_name",
    "last_name",
    "birth_date",
    "emails",
    "phones",
    "street",
    "postal_code",
    "city",
)
PREDICTION_RULES = (
    ("emails",),
    ("phones",),
    ("first_name", "last_name"),
    ("first_name", "birth_date"),
    ("last_name", "birth_date"),
    ("last_name", "postal_code"),
    ("birth_date", "postal_code"),
    ("street", "postal_code"),
)
ARRAY_COLUMNS = ("emails", "phones")
DETERMINISTIC_RULES = (
    ("first_name", "last_name", "birth_date"),
    ("first_name", "last_name", "street", "postal_code"),
)
DETERMINISTIC_RECALL = 0.7
TRAINING_RULES = (("first_name", "last_name"), ("birth_date",))
# the exit status of a run that ran out of memory (argparse's usage errors exit 2)
OUT_OF_MEMORY_EXIT = 3
T = TypeVar("T")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, required=True, help="normalized profiles (Parquet)")
    parser.add_argument("--clusters", type=Path, required=True, help="output (Parquet)")
    parser.add_argument("--report", type=Path, required=True, help="output (JSON)")
    parser.add_argument("--threads", type=int, default=2, help="DuckDB threads (default 2)")
    parser.add_argument(
        "--memory-limit",
        help="DuckDB's memory_limit, e.g. 12GB (default DuckDB's own: 80%% of the RAM)",
    )
    parser.add_argument("--threshold", type=float, default=0.8, help="clustering threshold")
    parser.add_argument("--predict-threshold", type=float, default=0.5)
    parser.add_argument("--u-max-pairs", type=float, default=1e7)
    parser.add_argument(
        "--em-max-pairs", type=float, default=1e7,
        help="blocked pairs EM trains on, at most (Splink samples records above it)",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, default=42)
    return parser.parse_args(argv)


def address_comparison() -> cl.CustomComparison:
    """One comparison for the address, as the pipeline's: parts of one household's address
    agree together, so they are weighed once."""
    postal_or_city = cll.Or(cll.ExactMatchLevel("postal_code"), cll.ExactMatchLevel("city"))
    return cl.CustomComparison(
        comparison_levels=[
            cll.And(cll.NullLevel("street"), cll.NullLevel("postal_code")),
            cll.And(cll.ExactMatchLevel("street"), postal_or_city),
            cll.And(cll.JaroWinklerLevel("street", 0.88), postal_or_city),
            cll.And(cll.ExactMatchLevel("postal_code"), cll.ExactMatchLevel("city")),
            postal_or_city,
            cll.ElseLevel(),
        ],
        output_column_name="address",
    )


def settings() -> SettingsCreator:
    """The Splink model: comparisons and prediction blocking rules."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            cl.NameComparison("first_name"),
            cl.NameComparison("last_name"),
            cl.DateOfBirthComparison("birth_date", input_is_string=False),
            cl.ArrayIntersectAtSizes("emails", [1]),
            cl.ArrayIntersectAtSizes("phones", [1]),
            address_comparison(),
        ],
        blocking_rules_to_generate_predictions=[
            block_on(*rule, arrays_to_explode=[c for c in rule if c in ARRAY_COLUMNS] or None)
            for rule in PREDICTION_RULES
        ],
        retain_matching_columns=False,
    )


class OutOfMemory(Exception):
    """A phase ran out of memory: a result of the benchmark (Splink could not match these
    records on this machine), reported instead of raised past main."""

    def __init__(self, phase: str, error: BaseException, phases: dict[str, float]) -> None:
        super().__init__(f"{phase}: {error}")
        self.phase, self.phases = phase, phases
        self.error = str(error).splitlines()[0]


def out_of_memory_cause(error: BaseException) -> BaseException | None:
    """DuckDB's out-of-memory error in `error` or in the chain of errors behind it (Splink
    raises its own exception from DuckDB's), else None."""
    seen: set[int] = set()
    link: BaseException | None = error
    while link is not None and id(link) not in seen:
        if isinstance(link, duckdb.OutOfMemoryException):
            return link
        seen.add(id(link))
        link = link.__cause__ or link.__context__
    return None


def timed(phases: dict[str, float], name: str, step: Callable[[], T]) -> T:
    """Run `step`, adding its wall seconds to `phases[name]`; print the phase's line. A
    DuckDB out-of-memory error (raised as such or as the cause of Splink's exception) becomes
    OutOfMemory, with the phases run so far."""
    started = time.perf_counter()
    try:
        result = step()
    except Exception as error:
        cause = out_of_memory_cause(error)
        if cause is None:
            raise
        phases[name] = phases.get(name, 0.0) + time.perf_counter() - started
        raise OutOfMemory(name, cause, phases) from error
    phases[name] = phases.get(name, 0.0) + time.perf_counter() - started
    print(f"splink {name}: {phases[name]:.1f} s", file=sys.stderr, flush=True)
    return result


def peak_rss_gib() -> float:
    """This process's max resident set size so far, GiB (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Load, train, predict, cluster and write; return the report. Raises OutOfMemory when
    a phase runs out of memory."""
    phases: dict[str, float] = {}
    con = duckdb.connect()
    con.execute(f"set threads = {int(args.threads)}")
    if args.memory_limit:
        con.execute("set memory_limit = $limit", {"limit": args.memory_limit})
    missing = sorted(set(COLUMNS) - {"unique_id"} - set(_input_columns(con, args.input)))
    if missing:
        raise SystemExit(f"{args.input}: no column {', '.join(missing)}")

    def load() -> int:
        con.execute(
            "create table profiles as select profile_record_id as unique_id, "
            + ", ".join(COLUMNS[1:])
            + f" from read_parquet('{_quoted(args.input)}')"
        )
        return con.sql("select count(*) from profiles").fetchone()[0]

    records = timed(phases, "load", load)
    db_api = DuckDBAPI(connection=con)
    linker = Linker(db_api.register("profiles"), settings(), log_level=logging.WARNING)
    training = linker.training
    timed(
        phases,
        "prior",
        lambda: training.estimate_probability_two_random_records_match(
            [block_on(*rule) for rule in DETERMINISTIC_RULES], recall=DETERMINISTIC_RECALL
        ),
    )
    timed(
        phases,
        "u",
        lambda: training.estimate_u_using_random_sampling(
            max_pairs=args.u_max_pairs, seed=args.seed
        ),
    )
    for rule in TRAINING_RULES:
        timed(
            phases,
            "em",
            lambda rule=rule: training.estimate_parameters_using_expectation_maximisation(
                block_on(*rule), max_pairs=args.em_max_pairs
            ),
        )
    predictions = timed(
        phases,
        "predict",
        lambda: linker.inference.predict(
            threshold_match_probability=args.predict_threshold, warning_mode="never"
        ),
    )
    clusters = timed(
        phases,
        "cluster",
        lambda: linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=args.threshold
        ),
    )

    def write() -> None:
        args.clusters.parent.mkdir(parents=True, exist_ok=True)
        con.execute(
            "copy (select cast(unique_id as varchar) as record_id, "
            f"cast(cluster_id as varchar) as label from {clusters.physical_name}) "
            f"to '{_quoted(args.clusters)}' (format parquet)"
        )

    timed(phases, "write", write)
    pairs, matched = con.sql(
        "select count(*), count(*) filter (where match_probability >= $t) "
        f"from {predictions.physical_name}",
        params={"t": args.threshold},
    ).fetchone()
    cluster_count = con.sql(
        f"select count(distinct cluster_id) from {clusters.physical_name}"
    ).fetchone()[0]
    return {
        "splink_version": splink.__version__,
        "duckdb_version": duckdb.__version__,
        "records": records,
        "predicted_pairs": pairs,
        "matched_pairs": matched,
        "clusters": cluster_count,
        "phases": {name: round(seconds, 3) for name, seconds in phases.items()},
        "match_seconds": round(sum(v for k, v in phases.items() if k not in ("load", "write")), 3),
        "seconds": round(sum(phases.values()), 3),
        "peak_gib": round(peak_rss_gib(), 3),
        "settings": run_settings(args),
    }


def run_settings(args: argparse.Namespace) -> dict[str, Any]:
    """The settings a report records."""
    return {
        "threads": args.threads,
        "memory_limit": args.memory_limit,
        "threshold": args.threshold,
        "predict_threshold": args.predict_threshold,
        "u_max_pairs": args.u_max_pairs,
        "em_max_pairs": args.em_max_pairs,
        "seed": args.seed,
        "prediction_blocking_rules": [list(rule) for rule in PREDICTION_RULES],
        "deterministic_rules": [list(rule) for rule in DETERMINISTIC_RULES],
        "deterministic_recall": DETERMINISTIC_RECALL,
        "em_blocking_rules": [list(rule) for rule in TRAINING_RULES],
        "comparisons": [
            "first_name",
            "last_name",
            "birth_date",
            "emails",
            "phones",
            "address",
        ],
    }


def _input_columns(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    if not path.is_file():
        raise SystemExit(f"{path}: no such file")
    return [row[0] for row in con.sql(f"describe select * from '{_quoted(path)}'").fetchall()]


def main(argv: list[str] | None = None) -> int:
    """Run and write the report; exit OUT_OF_MEMORY_EXIT with a report of the failure when a
    phase runs out of memory."""
    args = parse_args(argv)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    try:
        report = run(args)
    except OutOfMemory as failure:
        report = {
            "splink_version": splink.__version__,
            "duckdb_version": duckdb.__version__,
            "failed": {"phase": failure.phase, "error": failure.error},
            "phases": {name: round(seconds, 3) for name, seconds in failure.phases.items()},
            "peak_gib": round(peak_rss_gib(), 3),
            "settings": run_settings(args),
        }
        args.report.write_text(json.dumps(report, indent=2) + "\n")
        print(f"splink: out of memory in {failure.phase}: {failure.error}", file=sys.stderr)
        return OUT_OF_MEMORY_EXIT
    args.report.write_text(json.dumps(report, indent=2) + "\n")
    print(
        f"splink: {report['records']:,} records, {report['predicted_pairs']:,} pairs, "
        f"{report['clusters']:,} clusters in {report['seconds']:.1f} s, "
        f"peak {report['peak_gib']:.2f} GiB",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
