"""Shared fixtures: one small generated lake per test session, queried through DuckDB."""

from __future__ import annotations

from pathlib import Path

import duckdb
import generate_lake
import pytest

LAKE_ARGS = ["--customers", "1500", "--seed", "7", "--bad-row-rate", "0.02", "--days", "28"]

PROFILE_FEEDS = {
    "crm__contacts": ("crm", "crm/contacts", "contact_id"),
    "billing__accounts": ("billing", "billing/accounts", "AccountNo"),
    "shipping__recipients": ("shipping", "shipping/recipients", "recipient_id"),
    "ticketing__requesters": ("ticketing", "ticketing/requesters", "requester_id"),
    "connect__customer_profiles": ("connect", "connect/customer_profiles", "ProfileId"),
}


def generate(root: Path, *args: str) -> Path:
    """Run the CLI in-process into `root`; return `root`."""
    assert generate_lake.main(["--lake-root", str(root), *args]) == 0
    return root


@pytest.fixture(scope="session")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A lake of 1,500 customers with 2% bad rows."""
    return generate(tmp_path_factory.mktemp("lake"), *LAKE_ARGS)


@pytest.fixture(scope="session")
def db(lake: Path) -> duckdb.DuckDBPyConnection:
    """DuckDB with one view per profile feed (`crm__contacts`...) and the truth tables."""
    con = duckdb.connect()
    for feed, (_, path, _) in PROFILE_FEEDS.items():
        con.execute(
            f"create view {feed} as select * from read_parquet("
            f"'{lake}/raw/{path}/*/*.parquet', hive_partitioning = true)"
        )
    for name in ("source_records", "customers", "bad_rows"):
        con.execute(f"create view truth_{name} as select * from '{lake}/_truth/{name}.parquet'")
    return con


@pytest.fixture(scope="session")
def spark_project(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The whole project built once on DuckDB and on Spark from one lake, Spark's models unloaded
    (spark_project.py); shared by the Spark test modules that compare the engines."""
    # imported only when a Spark test asks for the build
    import spark_project

    return spark_project.build(tmp_path_factory.mktemp("spark_project"))
