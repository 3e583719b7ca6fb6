"""Unload Spark query results to Parquet, run by the Spark target's own Python (.venv-spark).

test_spark.py runs `python spark_unload.py <folder> <name>=<sql> ...` with .venv-spark's
interpreter after dbt built on Spark: a Spark session configured as profiles.yml's spark output
(its server_side_parameters, env_var() defaults and all, so the same metastore) runs each query
and writes its rows to <folder>/<name>/ as Parquet, for DuckDB to compare with its own build.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import yaml
from pyspark.sql import SparkSession

PROFILES = Path(__file__).resolve().parents[2] / "profiles.yml"
ENV_VAR = re.compile(r"\{\{\s*env_var\('(\w+)',\s*'([^']*)'\)\s*\}\}")


def parameters(profiles: Path = PROFILES) -> dict[str, str]:
    """The spark output's server_side_parameters with their env_var() calls resolved."""
    output = yaml.safe_load(profiles.read_text())["customer_360"]["outputs"]["spark"]
    resolved = {
        str(key): ENV_VAR.sub(lambda call: os.environ.get(call[1], call[2]), str(value))
        for key, value in output["server_side_parameters"].items()
    }
    # dbt-spark sets this on every connection (connections.py)
    return {**resolved, "spark.sql.ansi.enabled": "false"}


def main(argv: list[str]) -> int:
    """Write each `name=sql` query's rows under folder/name; return 0."""
    folder, *queries = argv
    builder = SparkSession.builder.enableHiveSupport()
    for key, value in parameters().items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    for query in queries:
        name, sql = query.split("=", 1)
        spark.sql(sql).write.mode("overwrite").parquet(f"{folder}/{name}")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
