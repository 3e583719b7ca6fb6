"""Run the dbt project against a given lake and DuckDB file, as `make` does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]
DBT = Path(sys.executable).parent / "dbt"


def run_dbt(
    args: list[str], lake_root: Path, database: Path, extra_vars: dict[str, object] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run one dbt command on the project with its own target folder and DuckDB file."""
    work = database.parent
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(REPO),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "CUSTOMER_360_DUCKDB": str(database),
        "CUSTOMER_360_MEMORY_LIMIT": "4GB",
    }
    variables = {"lake_root": str(lake_root), **(extra_vars or {})}
    command = [
        str(DBT),
        *args,
        "--vars",
        json.dumps(variables),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)


def query(database: Path, sql: str) -> list[tuple]:
    """Rows of a query on a built warehouse (read-only)."""
    with duckdb.connect(str(database), read_only=True) as con:
        return con.sql(sql).fetchall()


def show_inline(work: Path, sql: str) -> tuple[subprocess.CompletedProcess[str], list[dict]]:
    """`dbt show --inline` of sql (every row) on an empty DuckDB file under work: the run, and
    its rows when it succeeded (else [])."""
    result = run_dbt(
        ["show", "--inline", sql, "--output", "json", "--limit", "-1"],
        work / "lake",
        work / "customer_360.duckdb",
    )
    if result.returncode != 0:
        return result, []
    return result, json.loads(result.stdout[result.stdout.index("{") :])["show"]
