"""report_run prints the feeds' reconciliation, the identity counts and where outputs are."""

from __future__ import annotations

from pathlib import Path

from report_run import RunSummary, format_summary


def test_report_lists_counts_and_every_output_folder() -> None:
    summary = RunSummary(
        feeds=[("crm__contacts", 10, 7, 2, 1)],
        profile_records=9,
        unified_profiles=3,
        largest_cluster=4,
    )
    text = format_summary(summary, Path("w/c.duckdb"), "/data/lake")
    lines = text.splitlines()
    assert lines[1].split() == ["crm__contacts", "10", "7", "2", "1"]
    assert "unified profiles out:   3 (3.00 records per profile; largest cluster 4)" in text
    for folder in ("unified_profiles", "identity_graph", "contacts", "customer_360"):
        assert f"/data/lake/curated/{folder}/" in text
    assert "w/c.duckdb" in text
    assert "make dashboard" in text
