"""Dagster definitions for customer_360 (optional; issue 8): the dbt models as assets.

`build_definitions()` parses the dbt project (`dbt parse`, no network) and returns:

- the asset `customer_360_dbt`: one `@dbt_assets` over every model, seed and snapshot of the
  manifest, run as `dbt build`, so each model is a Dagster asset keyed by its name;
- the quality gates as asset checks: every dbt data test attached to one model or seed
  (generic tests, and singular tests reading one model) is an asset check on that asset,
  blocking when its severity is error; tests on sources and singular tests reading several
  models stay plain test steps of the same `dbt build`;
- one job per selector of selectors.yml: `incremental`, `full_refresh` (the same assets with
  `--full-refresh`), `identity_resolution` and `marts_only` (the assets `dbt ls --selector`
  lists, tests chosen with `--indirect-selection buildable` as the selectors do), and
  `quality_gates` (`dbt test --selector quality_gates`: the check results without a build);
- the resources: `dbt` (the project folder) and `lake` (`CUSTOMER_360_LAKE_ROOT`, the dbt var
  `lake_root`; `CUSTOMER_360_DUCKDB`, the DuckDB file profiles.yml reads; optional
  `CUSTOMER_360_DBT_VARS`, a JSON object of more dbt vars).

The dbt project does not depend on this package; it needs requirements-dagster.txt.
"""

# No `from __future__ import annotations`: Dagster reads the op's `config` annotation at runtime.
import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dagster import (
    AssetExecutionContext,
    AssetsDefinition,
    AssetSelection,
    Config,
    ConfigurableResource,
    Definitions,
    EnvVar,
    JobDefinition,
    OpExecutionContext,
    RunConfig,
    define_asset_job,
    job,
    op,
)
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    build_dbt_asset_selection,
    dbt_assets,
)

if TYPE_CHECKING:
    from dagster._core.definitions.unresolved_asset_job_definition import (
        UnresolvedAssetJobDefinition,
    )

PROJECT_DIR = Path(__file__).resolve().parents[1]
ASSETS_NAME = "customer_360_dbt"
# selectors.yml's jobs that build assets: how each selects its models and seeds, and how it
# calls dbt. incremental and full_refresh go through the selector itself; the two partial ones
# restate theirs as select strings, because dagster-dbt's in-process selection fails on a
# selector with `indirect_selection: buildable` (TypeError in dbt's expand_selection). Their
# tests are still chosen as the selectors choose them, with --indirect-selection buildable;
# tests/python/test_dagster.py checks each job's assets against `dbt ls --selector <job>`.
BUILD_JOBS: dict[str, tuple[dict[str, str], dict[str, Any]]] = {
    "incremental": ({"dbt_selector": "incremental"}, {}),
    "full_refresh": ({"dbt_selector": "full_refresh"}, {"full_refresh": True}),
    "identity_resolution": (
        {
            "dbt_select": "+dim_unified_profiles +fct_identity_graph"
            " +fct_unified_profile_id_history +fct_match_review_queue"
            " +fct_identity_resolution_runs"
        },
        {"indirect_selection": "buildable"},
    ),
    "marts_only": (
        {"dbt_select": "path:models/marts path:models/analyst"},
        {"indirect_selection": "buildable"},
    ),
}
QUALITY_GATES = "quality_gates"
TRANSLATOR = DagsterDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


class Customer360Lake(ConfigurableResource):  # type: ignore[type-arg]
    """The lake a run reads and the DuckDB file it builds, with any more dbt vars."""

    lake_root: str
    database: str
    extra_vars: str = "{}"

    def dbt_vars(self) -> list[str]:
        """`--vars` for a dbt command: `extra_vars` with this `lake_root`.

        dbt opens the DuckDB file its profile names, CUSTOMER_360_DUCKDB of this process's
        environment; a resource configured with another file would build the wrong one.
        """
        current = os.environ.get("CUSTOMER_360_DUCKDB")
        if Path(self.database).resolve() != Path(current or "").resolve():
            raise ValueError(
                f"lake.database is {self.database} but dbt's profile reads CUSTOMER_360_DUCKDB"
                f"={current}: set the environment variable to the file to build"
            )
        extra = json.loads(self.extra_vars)
        if not isinstance(extra, dict):
            raise ValueError(f"lake.extra_vars must be a JSON object, got {self.extra_vars}")
        return ["--vars", json.dumps({**extra, "lake_root": self.lake_root})]


class DbtBuildConfig(Config):
    """How a run calls `dbt build`: `--full-refresh`, and `--indirect-selection` if set."""

    full_refresh: bool = False
    indirect_selection: str = ""


def prepare_project(lake_root: str | None = None) -> DbtProject:
    """The dbt project with a fresh manifest: `dbt parse` into DBT_TARGET_PATH (or target/)."""
    lake = lake_root or os.environ.get("CUSTOMER_360_LAKE_ROOT", "lake")
    project = DbtProject(
        project_dir=PROJECT_DIR,
        profiles_dir=PROJECT_DIR,
        target_path=os.environ.get("DBT_TARGET_PATH", "target"),
    )
    parse = ["parse", "--quiet", "--vars", json.dumps({"lake_root": lake})]
    dbt_cli(project).cli(parse, target_path=project.target_path).wait()
    return project


def dbt_cli(project: DbtProject) -> DbtCliResource:
    """The dbt resource: dbt from PATH, else the one installed beside this Python."""
    executable = shutil.which("dbt") or str(Path(sys.executable).parent / "dbt")
    return DbtCliResource(
        project_dir=project, profiles_dir=str(PROJECT_DIR), dbt_executable=executable
    )


def build_assets(project: DbtProject) -> AssetsDefinition:
    """Every model, seed and snapshot as one `@dbt_assets` definition, its tests as checks."""

    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        name=ASSETS_NAME,
        dagster_dbt_translator=TRANSLATOR,
    )
    def customer_360_dbt(
        context: AssetExecutionContext,
        dbt: DbtCliResource,
        lake: Customer360Lake,
        config: DbtBuildConfig,
    ) -> Iterator[Any]:
        args = ["build", *lake.dbt_vars()]
        if config.full_refresh:
            args.append("--full-refresh")
        if config.indirect_selection:
            args += ["--indirect-selection", config.indirect_selection]
        yield from dbt.cli(args, context=context).stream()

    return customer_360_dbt


def build_quality_gates_job(project: DbtProject) -> JobDefinition:
    """`dbt test --selector quality_gates` on a built warehouse, its results as check events."""

    @op(name="dbt_test_quality_gates", out={})
    def dbt_test_quality_gates(
        context: OpExecutionContext, dbt: DbtCliResource, lake: Customer360Lake
    ) -> Iterator[Any]:
        args = ["test", "--selector", QUALITY_GATES, *lake.dbt_vars()]
        invocation = dbt.cli(
            args, manifest=project.manifest_path, dagster_dbt_translator=TRANSLATOR, context=context
        )
        yield from invocation.stream()

    @job(name=QUALITY_GATES, description="Every dbt data test on the built warehouse.")
    def quality_gates() -> None:
        dbt_test_quality_gates()

    return quality_gates


def dbt_selection(assets: AssetsDefinition, **selection_args: str) -> AssetSelection:
    """The models and seeds a dbt selection names, with the checks on them and no others.

    dagster-dbt's own selection adds the checks of every test dbt's eager indirect selection
    takes, among them tests on models the job does not build (a relationships test from an
    intermediate model to a mart); the selectors take tests as `buildable` does instead.
    """
    keys = build_dbt_asset_selection([assets], **selection_args).resolve([assets])
    return AssetSelection.assets(*keys)


def build_jobs(assets: AssetsDefinition) -> list["UnresolvedAssetJobDefinition"]:
    """One asset job per building selector of selectors.yml, selecting what dbt selects."""
    jobs = []
    for name, (selection_args, settings) in BUILD_JOBS.items():
        selection = dbt_selection(assets, **selection_args)
        config = RunConfig(ops={ASSETS_NAME: DbtBuildConfig(**settings)})
        jobs.append(define_asset_job(name, selection=selection, config=config))
    return jobs


def build_definitions(project: DbtProject | None = None) -> Definitions:
    """The Definitions object: assets, checks, the five jobs and resources from the environment."""
    project = project or prepare_project()
    assets = build_assets(project)
    return Definitions(
        assets=[assets],
        jobs=[*build_jobs(assets), build_quality_gates_job(project)],
        resources={
            "dbt": dbt_cli(project),
            "lake": Customer360Lake(
                lake_root=EnvVar("CUSTOMER_360_LAKE_ROOT"),
                database=EnvVar("CUSTOMER_360_DUCKDB"),
                extra_vars=os.environ.get("CUSTOMER_360_DBT_VARS", "{}"),
            ),
        },
    )
