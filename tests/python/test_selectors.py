"""The orchestrator jobs of selectors.yml select what their descriptions say.

`dbt ls --selector <name>` lists each job's nodes from the real project; the manifest it writes
tells where each model lives and what each test reads.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dbt_runner import run_dbt

Node = dict[str, str]
Listing = tuple[Path, dict[str, list[Node]]]


@pytest.fixture(scope="module")
def listing(tmp_path_factory: pytest.TempPathFactory) -> Listing:
    work = tmp_path_factory.mktemp("selectors")
    database = work / "customer_360.duckdb"
    lake = work / "lake"
    nodes: dict[str, list[Node]] = {}
    for selector in (
        None,
        "incremental",
        "full_refresh",
        "identity_resolution",
        "marts_only",
        "quality_gates",
    ):
        args = [
            "ls",
            "--quiet",
            "--output",
            "json",
            "--output-keys",
            "unique_id",
            "resource_type",
            "original_file_path",
        ]
        if selector:
            args += ["--selector", selector]
        result = run_dbt(args, lake, database)
        assert result.returncode == 0, result.stdout[-3000:]
        rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        nodes[selector or "all"] = rows
    return work / "target" / "manifest.json", nodes


BUILT = ("model", "seed", "test", "snapshot")


def ids(rows: list[Node], resource_type: str | None = None) -> set[str]:
    """The nodes a build runs (sources, exposures and analyses aside), or one type of them."""
    kinds = (resource_type,) if resource_type else BUILT
    return {r["unique_id"] for r in rows if r["resource_type"] in kinds}


def test_the_incremental_and_full_refresh_jobs_build_every_node(listing: Listing) -> None:
    _, nodes = listing
    everything = ids(nodes["all"])
    assert len(ids(nodes["all"], "model")) > 50
    assert ids(nodes["incremental"]) == everything
    assert ids(nodes["full_refresh"]) == everything


def test_the_identity_job_stops_at_the_golden_records(listing: Listing) -> None:
    manifest_path, nodes = listing
    selected = ids(nodes["identity_resolution"])
    models = [r for r in nodes["identity_resolution"] if r["resource_type"] == "model"]
    paths = {r["original_file_path"] for r in models}
    for mart in (
        "dim_unified_profiles",
        "fct_identity_graph",
        "fct_unified_profile_id_history",
        "fct_match_review_queue",
        "fct_identity_resolution_runs",
        "int_profiles_normalized",
        "stg_crm__contacts",
    ):
        assert f"model.customer_360.{mart}" in selected, mart
    assert not [p for p in paths if "/web/" in p or "/contact_center/" in p or "analyst" in p]
    assert ids(nodes["identity_resolution"], "seed")  # the seeds staging reads
    # every selected test reads only nodes the job builds (or seeds and sources)
    manifest = json.loads(manifest_path.read_text())
    tests = ids(nodes["identity_resolution"], "test")
    assert len(tests) > 100
    for test in tests:
        parents = manifest["nodes"][test]["depends_on"]["nodes"]
        outside = [p for p in parents if p.startswith("model.") and p not in selected]
        assert not outside, (test, outside)


def test_the_marts_job_builds_the_marts_and_analyst_views_only(listing: Listing) -> None:
    _, nodes = listing
    models = [r for r in nodes["marts_only"] if r["resource_type"] == "model"]
    expected = {
        r["unique_id"]
        for r in nodes["all"]
        if r["resource_type"] == "model"
        and r["original_file_path"].startswith(("models/marts/", "models/analyst/"))
    }
    assert {r["unique_id"] for r in models} == expected
    assert len(expected) >= 20
    assert ids(nodes["marts_only"], "test")


def test_the_quality_gates_job_runs_every_test_and_nothing_else(listing: Listing) -> None:
    _, nodes = listing
    assert {r["resource_type"] for r in nodes["quality_gates"]} == {"test"}
    assert ids(nodes["quality_gates"]) == ids(nodes["all"], "test")
