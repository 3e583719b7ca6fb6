"""Print what a build made: records in, unified profiles out, and where the outputs are."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

DEFAULT_DATABASE = "warehouse/customer_360.duckdb"


@dataclass(frozen=True)
class RunSummary:
    """Counts read back from a built warehouse."""

    feeds: list[tuple[str, int, int, int, int]]
    profile_records: int
    unified_profiles: int
    largest_cluster: int


def read_summary(database: Path) -> RunSummary:
    """Read the reconciliation and identity outputs of a built warehouse."""
    with duckdb.connect(str(database), read_only=True) as con:
        feeds = con.sql(
            "select feed, raw_rows, staged_rows, quarantined_rows, deduplicated_rows "
            "from audit.audit_feed_reconciliation order by feed"
        ).fetchall()
        profile_records, largest = con.sql(
            "select count(*), max(cluster_size) from marts.fct_identity_graph"
        ).fetchone()
        (unified,) = con.sql("select count(*) from marts.dim_unified_profiles").fetchone()
    return RunSummary(
        feeds=[(str(f), int(r), int(s), int(q), int(d)) for f, r, s, q, d in feeds],
        profile_records=int(profile_records),
        unified_profiles=int(unified),
        largest_cluster=int(largest or 0),
    )


def format_summary(summary: RunSummary, database: Path, lake_root: str) -> str:
    """The report as text."""
    lines = [f"{'feed':<28} {'raw':>10} {'staged':>10} {'quarantined':>12} {'deduplicated':>13}"]
    for feed, raw, staged, quarantined, deduplicated in summary.feeds:
        lines.append(f"{feed:<28} {raw:>10,} {staged:>10,} {quarantined:>12,} {deduplicated:>13,}")
    ratio = summary.profile_records / summary.unified_profiles if summary.unified_profiles else 0.0
    lines += [
        "",
        f"profile records in:     {summary.profile_records:,}",
        f"unified profiles out:   {summary.unified_profiles:,} "
        f"({ratio:.2f} records per profile; largest cluster {summary.largest_cluster})",
        "",
        "outputs:",
        f"  DuckDB file:          {database}  (schemas staging, audit, marts)",
        f"  golden records:       marts.dim_unified_profiles, "
        f"{lake_root}/curated/unified_profiles/",
        f"  identity graph:       marts.fct_identity_graph, {lake_root}/curated/identity_graph/",
        f"  contacts:             marts.fct_contacts, {lake_root}/curated/contacts/",
        f"  customer 360:         marts.customer_360, {lake_root}/curated/customer_360/",
        f"  agent activity:       marts.fct_agent_daily_activity, "
        f"{lake_root}/curated/agent_daily_activity/",
        f"  every mart:           {lake_root}/curated/<name>/ (Parquet)",
        "  quarantine:           audit.audit_quarantined_rows",
        "  reconciliation:       audit.audit_feed_reconciliation",
        "  dashboard:            make dashboard (http://localhost:8501)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lake-root", default="lake")
    parser.add_argument(
        "--database",
        type=Path,
        default=Path(os.environ.get("CUSTOMER_360_DUCKDB", DEFAULT_DATABASE)),
    )
    args = parser.parse_args(argv)
    print(format_summary(read_summary(args.database), args.database, args.lake_root))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
