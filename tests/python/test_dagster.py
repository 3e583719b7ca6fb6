"""The optional Dagster module (issue 8): the dbt models as assets, the data tests as checks.

customer_360_dagster needs dagster and dagster-dbt, which live in their own virtualenv
(requirements-dagster.txt; `make test` runs this file there). Everything runs in-process on a
generated lake of 400 customers: the `incremental` job materializes every asset into a real
DuckDB file whose golden records equal those of a plain `dbt build` of the same lake, every
asset check passes, the `quality_gates` and `marts_only` jobs run on that warehouse what their
selectors select, and a real failing data test (phones normalized with a country code of 0) is
a failed asset check.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from conftest import generate
from dbt_runner import REPO, query, run_dbt

pytest.importorskip("dagster_dbt", reason="the Dagster module needs requirements-dagster.txt")

from dagster import (
    AssetCheckKey,
    AssetKey,
    AssetsDefinition,
    DagsterInstance,
    Definitions,
    ExecuteInProcessResult,
    materialize,
)

if str(REPO) not in sys.path:
    sys.path.append(str(REPO))
from customer_360_dagster.definitions import (
    Customer360Lake,
    build_definitions,
    dbt_selection,
)

LAKE_ARGS = ["--customers", "400", "--seed", "5", "--days", "10"]
ASSET_TYPES = ("model", "seed", "snapshot")
PARTIAL_JOBS = ("incremental", "full_refresh", "identity_resolution", "marts_only")
# columns of the golden records that name or time the build that wrote them
BUILD_COLUMNS = ("clustered_at", "unified_profile_id_minted_at")
BROKEN_CHECK = AssetCheckKey(
    AssetKey(["intermediate", "int_profiles_normalized"]),
    "valid_e164_int_profiles_normalized_phone",
)


@dataclass
class Setup:
    lake: Path
    work: Path
    database: Path
    defs: Definitions
    assets: AssetsDefinition
    manifest: dict
    listing: dict[str, list[dict[str, str]]]


@pytest.fixture(scope="module")
def dg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    """A lake, the Definitions loaded from the environment, and `dbt ls` of each selector."""
    work = tmp_path_factory.mktemp("dagster")
    lake = generate(work / "lake", *LAKE_ARGS)
    database = work / "dagster" / "customer_360.duckdb"
    database.parent.mkdir()
    listed_in = work / "ls" / "customer_360.duckdb"
    listed_in.parent.mkdir()
    listing = {}
    for selector in (None, *PARTIAL_JOBS):
        args = ["ls", "--quiet", "--output", "json", "--output-keys", "unique_id", "resource_type"]
        result = run_dbt([*args, *(["--selector", selector] if selector else [])], lake, listed_in)
        assert result.returncode == 0, result.stdout[-3000:]
        rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        listing[selector or "all"] = rows
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CUSTOMER_360_LAKE_ROOT", str(lake))
        env.setenv("CUSTOMER_360_DUCKDB", str(database))
        env.setenv("CUSTOMER_360_MEMORY_LIMIT", "4GB")
        env.setenv("DBT_TARGET_PATH", str(database.parent / "target"))
        env.setenv("DBT_PROFILES_DIR", str(REPO))
        env.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
        env.delenv("CUSTOMER_360_DBT_VARS", raising=False)
        defs = build_definitions()
        [assets] = [a for a in defs.assets or [] if isinstance(a, AssetsDefinition)]
        manifest = json.loads((database.parent / "target" / "manifest.json").read_text())
        yield Setup(lake, work, database, defs, assets, manifest, listing)


def run_job(dg: Setup, name: str) -> ExecuteInProcessResult:
    job = dg.defs.resolve_job_def(name)
    return job.execute_in_process(instance=DagsterInstance.ephemeral(), raise_on_error=False)


def unique_ids(dg: Setup, keys: object) -> set[str]:
    """The dbt nodes behind asset keys."""
    specs = {spec.key: spec for spec in dg.assets.specs}
    return {specs[key].metadata["dagster_dbt/unique_id"] for key in keys}  # type: ignore[attr-defined]


def listed(dg: Setup, selector: str, kinds: tuple[str, ...] = ASSET_TYPES) -> set[str]:
    return {r["unique_id"] for r in dg.listing[selector] if r["resource_type"] in kinds}


def check_results(result: ExecuteInProcessResult) -> dict[AssetCheckKey, bool]:
    """Each asset check a run evaluated, and whether it passed."""
    evaluations = [
        event.event_specific_data
        for event in result.all_events
        if event.event_type_value == "ASSET_CHECK_EVALUATION"
    ]
    return {e.asset_check_key: e.passed for e in evaluations}  # type: ignore[union-attr]


def dbt_tests_run(dg: Setup, result: ExecuteInProcessResult, step: str) -> set[str]:
    """The data tests dbt ran in a run's step (its run_results.json)."""
    target = dg.database.parent / "target"
    [run_results] = target.glob(f"{step}-{result.run_id[:7]}-*/run_results.json")
    results = json.loads(run_results.read_text())["results"]
    return {r["unique_id"] for r in results if r["unique_id"].startswith("test.")}


@pytest.fixture(scope="module")
def incremental(dg: Setup) -> ExecuteInProcessResult:
    """The `incremental` job run in-process on the fixture lake."""
    return run_job(dg, "incremental")


def test_the_assets_are_every_model_and_seed_and_the_checks_their_tests(dg: Setup) -> None:
    assert unique_ids(dg, dg.assets.keys) == listed(dg, "all")
    assert len(listed(dg, "all", ("model",))) > 50
    # a test is a check on the one model or seed it is attached to, or reads alone; tests on
    # sources and singular tests reading several models stay plain test steps
    nodes = dg.manifest["nodes"]
    expected = set()
    for test in listed(dg, "all", ("test",)):
        parents = nodes[test]["depends_on"]["nodes"]
        parent = nodes[test].get("attached_node") or (parents[0] if len(parents) == 1 else None)
        if parent and parent.split(".")[0] in ASSET_TYPES:
            expected.add(test)
    checks = {spec.metadata["dagster_dbt/unique_id"]: spec for spec in dg.assets.check_specs}
    assert set(checks) == expected
    assert len(expected) > 250  # 296 since not-null checks are one test per model
    assert len(listed(dg, "all", ("test",))) > len(expected)  # some stay plain steps
    # error-severity tests block their asset's downstream, warn-severity ones do not
    blocking = {test: nodes[test]["config"]["severity"].lower() == "error" for test in checks}
    assert {test: spec.blocking for test, spec in checks.items()} == blocking
    assert not all(blocking.values())


def test_each_job_builds_what_its_selector_selects(dg: Setup) -> None:
    for name in PARTIAL_JOBS:
        job = dg.defs.resolve_job_def(name)
        assert unique_ids(dg, job.asset_layer.selected_asset_keys) == listed(dg, name), name
    quality_gates = dg.defs.resolve_job_def("quality_gates")
    assert not quality_gates.asset_layer.selected_asset_keys  # it builds nothing


def test_the_incremental_job_materializes_every_asset_and_passes_every_check(
    dg: Setup, incremental: ExecuteInProcessResult
) -> None:
    assert incremental.success
    materialized = {e.asset_key for e in incremental.get_asset_materialization_events()}
    assert materialized == set(dg.assets.keys)
    checks = check_results(incremental)
    assert set(checks) == set(dg.assets.check_keys)
    assert all(checks.values()), [key for key, passed in checks.items() if not passed]
    assert dbt_tests_run(dg, incremental, "customer_360_dbt") == listed(dg, "all", ("test",))


def test_the_golden_records_equal_those_of_a_plain_dbt_build(
    dg: Setup, incremental: ExecuteInProcessResult
) -> None:
    assert incremental.success
    plain = dg.work / "plain" / "customer_360.duckdb"
    plain.parent.mkdir()
    result = run_dbt(["build"], dg.lake, plain)
    assert result.returncode == 0, result.stdout[-4000:]
    exclude = ", ".join(BUILD_COLUMNS)
    with duckdb.connect() as con:
        con.execute(f"attach '{plain}' as plain (read_only)")
        con.execute(f"attach '{dg.database}' as dagster (read_only)")
        count = "select count(*) from {}.marts.dim_unified_profiles"
        rows = con.sql(count.format("dagster")).fetchone()
        assert rows == con.sql(count.format("plain")).fetchone()
        assert rows is not None and rows[0] > 300
        for left, right in (("plain", "dagster"), ("dagster", "plain")):
            differ = con.sql(
                f"select count(*) from (select * exclude ({exclude})"
                f" from {left}.marts.dim_unified_profiles except all select * exclude ({exclude})"
                f" from {right}.marts.dim_unified_profiles)"
            ).fetchone()
            assert differ == (0,), (left, right)


def test_the_quality_gates_job_evaluates_every_check_on_the_built_warehouse(
    dg: Setup, incremental: ExecuteInProcessResult
) -> None:
    assert incremental.success
    result = run_job(dg, "quality_gates")
    assert result.success
    assert not result.get_asset_materialization_events()
    checks = check_results(result)
    assert set(checks) == set(dg.assets.check_keys)
    assert all(checks.values())
    assert dbt_tests_run(dg, result, "dbt_test_quality_gates") == listed(dg, "all", ("test",))


def test_the_marts_job_rebuilds_the_marts_with_the_tests_its_selector_takes(
    dg: Setup, incremental: ExecuteInProcessResult
) -> None:
    assert incremental.success
    result = run_job(dg, "marts_only")
    assert result.success
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    assert unique_ids(dg, materialized) == listed(dg, "marts_only")
    assert dbt_tests_run(dg, result, "customer_360_dbt") == listed(dg, "marts_only", ("test",))
    checks = check_results(result)
    assert checks and all(checks.values())
    assert {key.asset_key for key in checks} <= materialized


def test_a_failing_data_test_is_a_failed_asset_check(
    dg: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Country code 0 makes ten-digit phones +0...: valid_e164 (severity error) fails."""
    database = dg.work / "broken" / "customer_360.duckdb"
    database.parent.mkdir()
    monkeypatch.setenv("CUSTOMER_360_DUCKDB", str(database))
    lake = Customer360Lake(
        lake_root=str(dg.lake),
        database=str(database),
        extra_vars=json.dumps({"default_phone_country_code": "0"}),
    )
    result = materialize(
        [dg.assets],
        selection=dbt_selection(dg.assets, dbt_select="+int_profiles_normalized"),
        resources={"dbt": dg.defs.resources["dbt"], "lake": lake},
        instance=DagsterInstance.ephemeral(),
        raise_on_error=False,
    )
    assert not result.success
    checks = check_results(result)
    assert len(checks) > 30  # 48 up to int_profiles_normalized
    assert [key for key, passed in checks.items() if not passed] == [BROKEN_CHECK]
    bad = query(
        database,
        "select count(*) from intermediate.int_profiles_normalized where phone like '+0%'",
    )
    assert bad[0][0] > 0


def test_the_lake_resource_refuses_a_database_dbt_would_not_build(
    dg: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CUSTOMER_360_DUCKDB", str(dg.database))
    other = dg.work / "other.duckdb"
    lake = Customer360Lake(lake_root=str(dg.lake), database=str(other))
    with pytest.raises(ValueError, match=r"lake\.database is .*other\.duckdb.*CUSTOMER_360_DUCKDB"):
        lake.dbt_vars()
    same = Customer360Lake(lake_root=str(dg.lake), database=str(dg.database))
    assert same.dbt_vars() == ["--vars", json.dumps({"lake_root": str(dg.lake)})]
