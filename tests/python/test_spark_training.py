"""Retraining and pinned parameters on Spark (docs/spark.md), on the shared end-to-end build.

`make test-spark` runs this module last: it runs the training models again on the Spark
warehouse of the shared build (conftest.py `spark_project`), after every other module's
comparisons read their unloaded tables. First a run with var `retrain` true: the three training
models are emptied (spark__clear_for_retraining: a Parquet table takes no `delete`) and trained
again, so int_match_parameters holds one set of parameters, newer than the build's and equal to
DuckDB's within PARAMETER_TOLERANCE. Then a run with `training.pinned_parameters` naming a
Parquet file in the lake (DuckDB's parameters with every m probability halved): the model holds
the file's parameters, marked pinned. Skipped as test_spark.py is.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import duckdb
from dbt_runner import REPO
from spark_project import VARS, Built
from test_spark import SPARK_BIN, pytestmark, run_spark  # noqa: F401 (pytestmark: the same skips)
from test_spark_identity import PARAMETER_TOLERANCE

TRAINING_MODELS = [
    "int_match_u_probabilities",
    "int_match_term_frequencies",
    "int_match_parameters",
]
PINNED = "review/pinned/match_parameters.parquet"


def unload_parameters(built: Built, folder: Path) -> str:
    """Spark's int_match_parameters now, unloaded under folder: a DuckDB reader over it."""
    work = built.lake.parent
    unloaded = subprocess.run(
        [
            str(SPARK_BIN / "python"),
            str(REPO / "tests/python/spark_unload.py"),
            str(folder),
            "int_match_parameters=select * from intermediate.int_match_parameters",
        ],
        cwd=REPO,
        env={**os.environ, "CUSTOMER_360_SPARK_WAREHOUSE": str(work / "spark")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert unloaded.returncode == 0, unloaded.stderr[-4000:]
    return f"read_parquet('{folder}/int_match_parameters/*.parquet')"


def against_duckdb(built: Built, spark: str, duckdb_sql: str) -> tuple:
    """One row comparing Spark's parameters (spark) with a DuckDB relation, per level."""
    with duckdb.connect() as con:
        con.execute(f"attach '{built.database}' as duck (read_only)")
        return con.sql(f"""
            select
                count(*),
                (select count(*) from {spark}),
                max(abs(spark.m_probability - duck.m_probability)),
                max(abs(spark.u_probability - duck.u_probability)),
                bool_and(spark.is_pinned),
                (select count(distinct trained_at) from {spark}),
                (select min(trained_at) from {spark})
            from {spark} as spark
            inner join ({duckdb_sql}) as duck using (comparison_name, level_number)
        """).fetchone()


def test_retraining_on_spark_trains_again_and_equals_duckdb(
    spark_project: Built, tmp_path: Path
) -> None:
    work = spark_project.lake.parent
    ran = run_spark(
        ["run", "--select", *TRAINING_MODELS], spark_project.lake, work, {**VARS, "retrain": True}
    )
    assert ran.returncode == 0, ran.stdout[-6000:]
    spark = unload_parameters(spark_project, tmp_path / "retrained")
    duck = "select * from duck.intermediate.int_match_parameters"
    joined, rows, m_off, u_off, pinned, stamps, trained_at = against_duckdb(
        spark_project, spark, duck
    )
    # one set of parameters (emptied, not appended to), every level, equal to DuckDB's
    assert rows == joined > 20
    assert max(m_off, u_off) < PARAMETER_TOLERANCE
    assert not pinned
    assert stamps == 1
    first = f"read_parquet('{spark_project.unloaded}/int_match_parameters/*.parquet')"
    ((built_at,),) = duckdb.sql(f"select max(trained_at) from {first}").fetchall()
    assert trained_at > built_at


def test_pinned_parameters_on_spark_are_the_files(spark_project: Built, tmp_path: Path) -> None:
    work = spark_project.lake.parent
    pinned_file = spark_project.lake / PINNED
    pinned_file.parent.mkdir(parents=True)
    with duckdb.connect() as con:
        con.execute(f"attach '{spark_project.database}' as duck (read_only)")
        con.execute(f"""
            copy (
                select
                    comparison_name, level_number, level_label,
                    m_probability / 2 as m_probability, u_probability
                from duck.intermediate.int_match_parameters
            ) to '{pinned_file}' (format parquet)
        """)
    overrides = {"training": {**VARS["identity_resolution_overrides"]["training"]}}
    overrides["training"]["pinned_parameters"] = PINNED
    variables = {
        "retrain": True,
        "identity_resolution_overrides": {**VARS["identity_resolution_overrides"], **overrides},
    }
    selected = ["run", "--select", "int_match_parameters"]
    ran = run_spark(selected, spark_project.lake, work, variables)
    assert ran.returncode == 0, ran.stdout[-6000:]
    spark = unload_parameters(spark_project, tmp_path / "pinned")
    joined, rows, m_off, u_off, pinned, _, _ = against_duckdb(
        spark_project, spark, f"select * from read_parquet('{pinned_file}')"
    )
    # the file's parameters (read through dbt.type_float(): within single precision)
    assert rows == joined > 20
    assert max(m_off, u_off) < PARAMETER_TOLERANCE
    assert pinned
