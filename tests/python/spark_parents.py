"""Register tables built on DuckDB in the Spark target's metastore, for the Spark tests whose
parents are not built on Spark in the same module (test_spark_marts.py,
test_spark_contact_center.py; docs/spark.md, "What does not run yet")."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from dbt_runner import REPO
from test_spark import SPARK_BIN

# Run by .venv-spark's Python: each (schema, name, folder of Parquet files) becomes a Parquet
# table of that name in the spark target's metastore.
REGISTER = """
import sys
sys.path.insert(0, {tests!r})
from pyspark.sql import SparkSession
from spark_unload import parameters
builder = SparkSession.builder.enableHiveSupport()
for key, value in parameters().items():
    builder = builder.config(key, value)
spark = builder.getOrCreate()
for schema, name, folder in {tables!r}:
    spark.sql(f"create database if not exists {{schema}}")
    spark.sql(f"drop table if exists {{schema}}.{{name}}")
    spark.sql(f"create table {{schema}}.{{name}} using parquet location '{{folder}}'")
spark.stop()
"""


def spark_python(script: str, work: Path) -> subprocess.CompletedProcess[str]:
    """Run Python from .venv-spark with the spark target's metastore under work."""
    return subprocess.run(
        [str(SPARK_BIN / "python"), "-c", script],
        cwd=REPO,
        env={**os.environ, "CUSTOMER_360_SPARK_WAREHOUSE": str(work / "spark")},
        capture_output=True,
        text=True,
        check=False,
    )
