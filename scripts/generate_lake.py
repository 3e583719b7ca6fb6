"""Generate a deterministic, realistic raw lake for customer_360 (see docs/lake_format.md).

    python scripts/generate_lake.py --lake-root lake --customers 20000 --seed 42

Writes `<lake_root>/raw/...` (five profile feeds, web clickstream, Connect contact records
and agent events) and the evaluation truth in `<lake_root>/_truth/`, ending with
`_truth/manifest.json`. The same arguments always produce the same data. Refuses to touch an
existing `<lake_root>/raw` unless `--force` is given, which replaces `raw/` and `_truth/`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from lakegen.population import build_population, customers_truth
from lakegen.profiles import write_profiles
from lakegen.records import Calendar

Writer = Callable[[pa.Table, Path, np.random.Generator, dt.date, int], dict[str, int]]

# (module under lakegen, function, child-generator key); written by the contact-centre team
OPTIONAL_WRITERS: tuple[tuple[str, str, int], ...] = (
    ("web", "write_clickstream", 10),
    ("contact_center", "write_contact_center", 11),
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lake-root", type=Path, default=Path("lake"), help="default: lake")
    parser.add_argument("--customers", type=_positive_int, default=20_000, help="default: 20000")
    parser.add_argument("--seed", type=int, default=42, help="default: 42")
    parser.add_argument(
        "--start-date", type=dt.date.fromisoformat, default=dt.date(2026, 1, 1),
        help="first load date, YYYY-MM-DD (default: 2026-01-01)",
    )  # fmt: skip
    parser.add_argument(
        "--days", type=_positive_int, default=28,
        help="days covered; profile deltas land weekly (default: 28)",
    )  # fmt: skip
    parser.add_argument(
        "--bad-row-rate", type=_rate, default=0.001,
        help="share of profile rows that break the contract on purpose (default: 0.001)",
    )  # fmt: skip
    parser.add_argument(
        "--force", action="store_true", help="replace an existing raw/ and _truth/ tree"
    )
    return parser.parse_args(argv)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _rate(text: str) -> float:
    value = float(text)
    if not 0.0 <= value < 0.5:
        raise argparse.ArgumentTypeError(f"must be in [0, 0.5), got {value}")
    return value


def prepare_lake(lake_root: Path, force: bool) -> None:
    """Refuse to overwrite an existing lake unless forced; then clear raw/ and _truth/."""
    raw, truth = lake_root / "raw", lake_root / "_truth"
    existing = [p for p in (raw, truth) if p.exists()]
    if existing and not force:
        raise SystemExit(
            f"error: {existing[0]} already exists; pass --force to replace it "
            f"(this deletes {raw} and {truth})"
        )
    for sub in existing:
        shutil.rmtree(sub)
    truth.mkdir(parents=True)


def load_writer(module: str, function: str) -> Writer | None:
    """`lakegen.<module>.<function>`, or None while that module does not exist yet."""
    try:
        mod = importlib.import_module(f"lakegen.{module}")
    except ModuleNotFoundError as err:
        if err.name != f"lakegen.{module}":
            raise
        return None
    return getattr(mod, function)


def generate(args: argparse.Namespace, log: Callable[[str], None] = print) -> dict[str, object]:
    """Write the whole lake; return the manifest."""
    prepare_lake(args.lake_root, args.force)
    calendar = Calendar(args.start_date, args.days)
    started = time.perf_counter()
    pop = build_population(args.customers, np.random.default_rng([args.seed, 0]), args.start_date)
    pq.write_table(
        customers_truth(pop), args.lake_root / "_truth" / "customers.parquet", compression="zstd"
    )
    log(f"population: {pop.size:,} customers  {time.perf_counter() - started:5.1f} s")
    log("profile feeds:")
    profiles = write_profiles(pop, args.lake_root, args.seed, calendar, args.bad_row_rate, log)
    rows = dict(profiles.rows)
    rows.update(write_other_feeds(args, profiles.customers, log))
    manifest: dict[str, object] = {
        "seed": args.seed,
        "customers": args.customers,
        "start_date": args.start_date.isoformat(),
        "days": args.days,
        "bad_row_rate": args.bad_row_rate,
        "load_dates": [d.isoformat() for d in calendar.load_dates],
        "rows": rows,
    }
    manifest_path = args.lake_root / "_truth" / "manifest.json"
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def write_other_feeds(
    args: argparse.Namespace, customers: pa.Table, log: Callable[[str], None]
) -> dict[str, int]:
    """Run the web and contact-centre writers that exist; each gets its own generator."""
    rows: dict[str, int] = {}
    for module, function, key in OPTIONAL_WRITERS:
        writer = load_writer(module, function)
        if writer is None:
            log(f"  skipped lakegen.{module} (module not present yet)")
            continue
        started = time.perf_counter()
        rng = np.random.default_rng([args.seed, key])
        counts = writer(customers, args.lake_root, rng, args.start_date, args.days)
        rows.update(counts)
        for feed, n in counts.items():
            log(f"  {feed:<28} {n:>10,} rows  {time.perf_counter() - started:5.1f} s")
    return rows


def main(argv: list[str] | None = None) -> int:
    """Entry point: generate the lake and print a summary."""
    args = parse_args(argv)
    started = time.perf_counter()
    manifest = generate(args)
    rows = manifest["rows"]
    assert isinstance(rows, dict)
    dates = manifest["load_dates"]
    assert isinstance(dates, list)
    print(f"summary: seed {args.seed}, {args.customers:,} customers, load dates {', '.join(dates)}")
    for feed, n in rows.items():
        print(f"  {feed:<28} {n:>10,}")
    print(f"  {'total':<28} {sum(rows.values()):>10,} rows in "
          f"{time.perf_counter() - started:.1f} s under {args.lake_root}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
