"""Plot scripts/benchmark.py's figures: time and peak memory against records.

    .venv-splink/bin/python scripts/benchmark_plot.py docs/benchmarks.json docs/benchmarks.png

Runs in .venv-splink (matplotlib is a benchmark-only dependency, in requirements-splink.txt).
Left: seconds of the whole dbt build, of its match + cluster models and of Splink (training,
prediction and clustering) against profile records; right: peak RSS of dbt and of Splink,
and a cross where a Splink run ran out of memory (its peak when it stopped).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter


def series(runs: list[dict[str, Any]], tool: str, field: str) -> tuple[list[int], list[float]]:
    """(records, values) of the runs that have `tool`'s figures, by records (not a run that
    failed: out of memory, it has no time, and its peak is where it stopped)."""
    points = sorted(
        (run["records"], run[tool][field])
        for run in runs
        if run.get(tool) and "failed" not in run[tool]
    )
    return [p[0] for p in points], [p[1] for p in points]


def records_label(records: int) -> str:
    """A size as the axis shows it: 263k, 1.05M."""
    return f"{records / 1e6:.3g}M" if records >= 1_000_000 else f"{records / 1e3:.3g}k"


def plot(report: dict[str, Any], target: Path) -> None:
    runs = report["runs"]
    figure = Figure(figsize=(10, 4), layout="constrained")
    seconds, memory = figure.subplots(1, 2)
    for tool, field, label in (
        ("dbt", "wall_seconds", "dbt build (all models and tests)"),
        ("dbt", "match_cluster_seconds", "match + cluster models"),
        ("splink", "match_seconds", "Splink train + predict + cluster"),
    ):
        records, values = series(runs, tool, field)
        if records:
            seconds.plot(records, values, marker="o", label=label)
    for tool, label in (("dbt", "dbt build"), ("splink", "Splink")):
        records, values = series(runs, tool, "peak_gib")
        if records:
            memory.plot(records, values, marker="o", label=label)
    failed = sorted(
        (run["records"], run["splink"]["peak_gib"])
        for run in runs
        if run.get("splink") and "failed" in run["splink"]
    )
    if failed:
        memory.plot(
            [p[0] for p in failed],
            [p[1] for p in failed],
            linestyle="none",
            marker="x",
            markersize=10,
            color="tab:red",
            label="Splink ran out of memory",
        )
    sizes = [run["records"] for run in runs]
    for axes, ylabel in ((seconds, "seconds"), (memory, "peak RSS (GiB)")):
        if max(sizes) > 10 * min(sizes):
            axes.set_xscale("log")
            axes.set_yscale("log")
            # the sizes measured, labelled; the minor ticks' own labels run into each other
            axes.xaxis.set_minor_formatter(NullFormatter())
            axes.set_xticks(sorted(set(sizes)), [records_label(n) for n in sorted(set(sizes))])
        else:
            axes.set_ylim(bottom=0)
        axes.set_xlabel("profile records")
        axes.set_ylabel(ylabel)
        axes.grid(True, alpha=0.3)
        axes.legend(loc="upper left", fontsize="small")
    seconds.set_title("Time against size")
    memory.set_title("Peak memory against size")
    figure.suptitle(f"{report['machine']}, commit {report['commit']}, {report['date']}")
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target, dpi=100)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("figures", type=Path, help="scripts/benchmark.py's JSON")
    parser.add_argument("target", type=Path, help="PNG to write")
    args = parser.parse_args(argv)
    plot(json.loads(args.figures.read_text()), args.target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
