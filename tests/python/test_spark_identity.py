"""The Spark target (docs/spark.md): the identity chain on Spark equals DuckDB's.

`make test-spark`: one generated lake, with a reviewer's decisions file under
review/match_decisions/, is built on DuckDB (the main venv's dbt) and, from the raw Parquet
feeds on, on Spark (.venv-spark's dbt, dbt-spark's session method): staging, normalization,
matching, the trained parameters (EM), the reviewer decisions, the linked pairs and their
guards, clusters, golden records and the blocking audits. .venv-spark's Python unloads the
Spark tables to Parquet (spark_unload.py) and DuckDB compares them with its own: the trained m
and u probabilities per comparison level (within PARAMETER_TOLERANCE), the decisions, the
linked pairs, the scored pairs (weights and probabilities within 1e-6), the clusters (as
partitions of the profile records, and their ids), the golden records (dim_unified_profiles and
the per-field provenance of int_profile_attributes_survived) and the blocking audits; and the
reviewer's forced match and forced non-match reach the clusters on both engines. Skipped as
test_spark.py is: unless CUSTOMER_360_SPARK_TESTS is set (make test-spark), and where
.venv-spark is missing.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import generate
from dbt_runner import REPO, query, run_dbt
from test_spark import SPARK_BIN, pytestmark, run_spark  # noqa: F401 (pytestmark: the same skips)

LAKE_ARGS = ["--customers", "300", "--seed", "7", "--bad-row-rate", "0.02", "--days", "14"]
# u probabilities from every pair of a 120-record sample (the default, 3,000, is every record of
# this lake: 286,000 pairs, each through the Spark Jaro-Winkler's higher-order functions, which
# took over 10 minutes on 2 cores under load): the same on both engines.
# Blocks of more than 10 records skipped (the default cap, 200, skips none in this lake), so that
# the blocking audits have skipped keys to compare.
VARS = {
    "identity_resolution_overrides": {
        "training": {"u_sample_records": 120},
        "blocking": {"max_block_size": 10},
    }
}
# Built on DuckDB before the reviewer's decisions are written (they are picked from its scored
# pairs), then the models that read the decisions, and the blocking audits.
BEFORE_DECISIONS = ["+int_profile_pairs_scored", "+audit_blocking_rules"]
AFTER_DECISIONS = [
    "int_match_decisions",
    "int_profile_pairs_linked",
    "int_profile_clusters",
    "int_unified_profile_ids",
    "int_profile_attributes_survived",
    "dim_unified_profiles",
]
# Built on Spark from the raw lake (seeds, base views, privacy chain, staging, normalization
# with them); these are the identity models whose data tests the Spark build must pass.
SPARK_MODELS = [
    "int_match_u_probabilities",
    "int_profile_blocking_keys",
    "int_profile_pairs_blocked",
    "int_profile_pairs_compared",
    "int_match_term_frequencies",
    "int_match_parameters",
    "int_profile_pairs_scored",
    "int_match_decisions",
    "int_profile_pairs_linked",
    "int_profile_clusters",
    "int_unified_profile_ids",
    "int_profile_attributes_survived",
    "dim_unified_profiles",
    "audit_blocking_skipped_keys",
    "audit_blocking_rules",
]
# The models unloaded from Spark and compared, with their schema.
COMPARED = {
    "int_match_parameters": "intermediate",
    "int_profile_pairs_scored": "intermediate",
    "int_match_decisions": "intermediate",
    "int_profile_pairs_linked": "intermediate",
    "int_profile_clusters": "intermediate",
    "int_unified_profile_ids": "intermediate",
    "int_profile_attributes_survived": "intermediate",
    "dim_unified_profiles": "marts",
    "audit_blocking_skipped_keys": "audit",
    "audit_blocking_rules": "audit",
}
# The trained parameters of the two engines, per comparison level: the same EM, on Spark through
# staged tables (docs/spark.md). Measured: m within 3.4e-10 (the EM), u within 8.5e-8 (the u
# probabilities of int_match_u_probabilities, which differ so between the engines), match
# weights within 1.4e-7: within 1e-6 allowed, as the scored pairs' weights.
PARAMETER_TOLERANCE = 1e-6
DECISIONS_HEADER = (
    "source_system_l,source_record_id_l,source_system_r,source_record_id_r,"
    "decision,decided_by,decided_at,note\n"
)


@dataclass(frozen=True)
class Built:
    lake: Path
    database: Path
    unloaded: Path
    spark_test_log: str
    decided: dict[str, tuple[str, str]]


def write_decisions(lake: Path, database: Path) -> dict[str, tuple[str, str]]:
    """A reviewer's decisions file from DuckDB's scored pairs: `non_match` for a matched pair
    whose two records match nothing else (a cluster of their own), `match` for the
    best-weighted pair of two records that match nothing (two singletons); the pairs by
    decision (ordered profile record ids)."""
    matched = """
        with matches as (
            select * from intermediate.int_profile_pairs_scored where decision = 'match'
        ),
        matched as (
            select profile_record_id_l as record_id from matches
            union all
            select profile_record_id_r from matches
        ),
        degrees as (select record_id, count(*) as degree from matched group by record_id)
    """
    picked = {
        "non_match": f"""{matched}
            select profile_record_id_l, profile_record_id_r from matches
            where
                profile_record_id_l in (select record_id from degrees where degree = 1)
                and profile_record_id_r in (select record_id from degrees where degree = 1)
            order by profile_record_id_l limit 1
        """,
        "match": f"""{matched}
            select profile_record_id_l, profile_record_id_r
            from intermediate.int_profile_pairs_scored
            where
                decision = 'non_match'
                and profile_record_id_l not in (select record_id from degrees)
                and profile_record_id_r not in (select record_id from degrees)
            order by match_weight desc, profile_record_id_l limit 1
        """,
    }
    decided = {}
    lines = DECISIONS_HEADER
    for decision, sql in picked.items():
        ((record_l, record_r),) = query(database, sql)
        decided[decision] = (record_l, record_r)
        ((system_l, id_l, system_r, id_r),) = query(
            database,
            f"""
            select l.source_system, l.source_record_id, r.source_system, r.source_record_id
            from intermediate.int_profiles_normalized as l
            cross join intermediate.int_profiles_normalized as r
            where l.profile_record_id = '{record_l}' and r.profile_record_id = '{record_r}'
            """,
        )
        # the pair written right to left: the model orders it
        lines += f"{system_r},{id_r},{system_l},{id_l},{decision},tester,2026-02-01T00:00:00Z,\n"
    folder = lake / "review" / "match_decisions"
    folder.mkdir(parents=True)
    (folder / "decisions-2026-02-01.csv").write_text(lines)
    return decided


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """One lake with a reviewer's decisions built on DuckDB and, from the raw feeds, on Spark;
    the Spark results unloaded."""
    work = tmp_path_factory.mktemp("spark_identity")
    lake = generate(work / "lake", *LAKE_ARGS)
    database = work / "duckdb" / "customer_360.duckdb"
    database.parent.mkdir()
    seeded = run_dbt(["seed"], lake, database)
    assert seeded.returncode == 0, seeded.stdout[-4000:]
    scored = run_dbt(["run", "--select", *BEFORE_DECISIONS], lake, database, VARS)
    assert scored.returncode == 0, scored.stdout[-4000:]
    decided = write_decisions(lake, database)
    duck = run_dbt(["run", "--select", *AFTER_DECISIONS], lake, database, VARS)
    assert duck.returncode == 0, duck.stdout[-4000:]

    registered = run_spark(["run-operation", "register_lake_sources"], lake, work, VARS)
    assert registered.returncode == 0, registered.stdout[-4000:]
    # seeds and every parent from the raw lake; the data tests of the identity models next
    selected = [f"+{model}" for model in SPARK_MODELS]
    build = run_spark(
        ["build", "--select", *selected, "--exclude", "resource_type:test"], lake, work, VARS
    )
    assert build.returncode == 0, build.stdout[-6000:]
    tested = run_spark(
        ["test", "--select", *SPARK_MODELS, "--indirect-selection", "cautious"], lake, work, VARS
    )

    unloaded = work / "unloaded"
    unload = subprocess.run(
        [
            str(SPARK_BIN / "python"),
            str(REPO / "tests" / "python" / "spark_unload.py"),
            str(unloaded),
            *(f"{name}=select * from {schema}.{name}" for name, schema in COMPARED.items()),
        ],
        cwd=REPO,
        env={**os.environ, "CUSTOMER_360_SPARK_WAREHOUSE": str(work / "spark")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert unload.returncode == 0, unload.stderr[-4000:]
    return Built(lake, database, unloaded, tested.stdout, decided)


def columns(database: Path, schema: str, model: str, excluded: tuple[str, ...] = ()) -> str:
    """The model's columns in DuckDB's order, doubles rounded to 6 places, without excluded."""
    described = query(
        database,
        "select column_name, data_type from information_schema.columns "
        f"where table_schema = '{schema}' and table_name = '{model}' order by ordinal_position",
    )
    assert described, f"{schema}.{model} is not in the DuckDB build"
    return ", ".join(
        f"round({name}, 6) as {name}" if kind in ("DOUBLE", "FLOAT") else name
        for name, kind in described
        if name not in excluded
    )


def differences(built: Built, schema: str, model: str, selected: str) -> tuple[list, list, int]:
    """Rows only DuckDB has, rows only Spark has (EXCEPT ALL both ways), and DuckDB's count."""
    duck = f"select {selected} from {schema}.{model}"
    spark = f"select {selected} from read_parquet('{built.unloaded}/{model}/*.parquet')"
    only_duckdb = query(built.database, f"{duck} except all {spark}")
    only_spark = query(built.database, f"{spark} except all {duck}")
    ((rows,),) = query(built.database, f"select count(*) from {schema}.{model}")
    return only_duckdb, only_spark, rows


def test_the_spark_models_pass_their_data_tests_on_spark(built: Built) -> None:
    done = re.search(r"Done\. PASS=(\d+) .*TOTAL=(\d+)", built.spark_test_log)
    assert done is not None, built.spark_test_log[-2000:]
    passed, total = int(done[1]), int(done[2])
    assert passed == total > len(SPARK_MODELS), built.spark_test_log[-4000:]


def pairs_within(built: Built, model: str, excluded: tuple[str, ...] = ()) -> int:
    """Assert a model of record pairs equal on both engines: every column but the doubles and
    `excluded` equal (EXCEPT ALL both ways), the doubles (weights, probability) of each pair
    within 1e-6 of DuckDB's. Not rounded to 6 places: the term-frequency weights differ by
    1e-9 to 1e-7 between the engines (the u probabilities they start from; docs/spark.md),
    enough to put a value on either side of a rounding boundary. The model's row count."""
    described = query(
        built.database,
        "select column_name, data_type from information_schema.columns "
        f"where table_schema = 'intermediate' and table_name = '{model}'",
    )
    doubles = [name for name, kind in described if kind == "DOUBLE"]
    assert "match_weight" in doubles and "match_probability" in doubles
    selected = ", ".join(
        name for name, kind in described if kind != "DOUBLE" and name not in excluded
    )
    only_duckdb, only_spark, rows = differences(built, "intermediate", model, selected)
    assert only_duckdb == [], only_duckdb[:3]
    assert only_spark == [], only_spark[:3]
    largest = ", ".join(f"max(abs(duck.{name} - spark.{name}))" for name in doubles)
    ((*differences_found, paired),) = query(
        built.database,
        f"""
        select {largest}, count(*)
        from intermediate.{model} as duck
        inner join read_parquet('{built.unloaded}/{model}/*.parquet') as spark
            using (profile_record_id_l, profile_record_id_r)
        """,
    )
    assert paired == rows
    assert max(difference or 0 for difference in differences_found) < 1e-6, dict(
        zip(doubles, differences_found, strict=True)
    )
    return rows


def test_scored_pairs_on_spark_equal_duckdb(built: Built) -> None:
    # levels, decision, review reason, explanation (whose weights the model rounds to 1 place)
    # equal; weights and probability within 1e-6
    model = "int_profile_pairs_scored"
    ((matches,),) = query(
        built.database, f"select count(*) from intermediate.{model} where decision = 'match'"
    )
    rows = pairs_within(built, model)
    assert rows > 1000 and matches > 100  # the lake makes pairs and matches to compare


def test_clusters_on_spark_partition_the_records_as_duckdb(built: Built) -> None:
    # the partition of the profile records: each cluster as its sorted list of members
    members = "list(profile_record_id order by profile_record_id) as members"
    duck = query(
        built.database,
        f"select {members} from intermediate.int_profile_clusters group by cluster_id",
    )
    spark = query(
        built.database,
        f"select {members} from read_parquet('{built.unloaded}/int_profile_clusters/*.parquet') "
        "group by cluster_id",
    )
    assert len(duck) < sum(len(cluster) for (cluster,) in duck)  # some clusters join records
    assert sorted(spark) == sorted(duck)


def test_clusters_on_spark_equal_duckdb(built: Built) -> None:
    # cluster_id (the smallest profile_record_id of the cluster), cluster_size, is_converged;
    # without the run stamps linked_at and clustered_at
    selected = columns(
        built.database,
        "intermediate",
        "int_profile_clusters",
        excluded=("linked_at", "clustered_at"),
    )
    only_duckdb, only_spark, rows = differences(
        built, "intermediate", "int_profile_clusters", selected
    )
    assert rows > 500
    assert only_duckdb == [], only_duckdb[:3]
    assert only_spark == [], only_spark[:3]


# Run stamps and ids of the dbt invocation, which differ between two builds by design.
ID_MAP_STAMPS = ("unified_profile_id_minted_at", "first_assigned_at", "id_changed_at")
ID_MAP_STAMPS += ("id_changed_run_id",)


@pytest.mark.parametrize(
    ("model", "schema", "excluded"),
    [
        ("int_unified_profile_ids", "intermediate", ID_MAP_STAMPS),
        # per-field provenance: attribute, value, source record and rule of each golden field
        ("int_profile_attributes_survived", "intermediate", ("clustered_at",)),
        ("dim_unified_profiles", "marts", ("unified_profile_id_minted_at", "clustered_at")),
    ],
)
def test_golden_records_on_spark_equal_duckdb(
    built: Built, model: str, schema: str, excluded: tuple[str, ...]
) -> None:
    selected = columns(built.database, schema, model, excluded)
    only_duckdb, only_spark, rows = differences(built, schema, model, selected)
    assert rows > 100
    assert only_duckdb == [], only_duckdb[:3]
    assert only_spark == [], only_spark[:3]


def test_trained_parameters_on_spark_equal_duckdb(built: Built) -> None:
    # the EM's m and u probabilities per comparison level, and the prior (`_prior`): labels,
    # sessions and pinning equal, the probabilities and weights within PARAMETER_TOLERANCE;
    # trained_at is the run's stamp
    model = "int_match_parameters"
    spark = f"read_parquet('{built.unloaded}/{model}/*.parquet')"
    keys = "comparison_name, level_number, level_label, training_sessions, is_pinned"
    only_duckdb = query(
        built.database,
        f"select {keys} from intermediate.{model} except all select {keys} from {spark}",
    )
    only_spark = query(
        built.database,
        f"select {keys} from {spark} except all select {keys} from intermediate.{model}",
    )
    assert only_duckdb == [], only_duckdb[:3]
    assert only_spark == [], only_spark[:3]
    ((levels, trained, m_off, u_off, weight_off),) = query(
        built.database,
        f"""
        select
            count(*),
            count(*) filter (where duck.training_sessions > 0),
            max(abs(duck.m_probability - spark.m_probability)),
            max(abs(duck.u_probability - spark.u_probability)),
            max(abs(duck.match_weight - spark.match_weight))
        from intermediate.{model} as duck
        inner join {spark} as spark using (comparison_name, level_number)
        """,
    )
    ((rows,),) = query(built.database, f"select count(*) from intermediate.{model}")
    assert levels == rows > 20 and trained > 10  # every level paired; the EM trained most
    assert max(m_off, u_off, weight_off) < PARAMETER_TOLERANCE, (m_off, u_off, weight_off)


def test_reviewer_decisions_on_spark_equal_duckdb(built: Built) -> None:
    # both decisions of the file, read on Spark as on DuckDB: ordered pair, decision, reviewer,
    # time and the file they came from
    selected = columns(built.database, "intermediate", "int_match_decisions")
    only_duckdb, only_spark, rows = differences(
        built, "intermediate", "int_match_decisions", selected
    )
    assert rows == 2
    assert only_duckdb == [], only_duckdb[:3]
    assert only_spark == [], only_spark[:3]


def test_linked_pairs_on_spark_equal_duckdb(built: Built) -> None:
    # the matches clustering may join, the reviewer's match among them, with the cut reasons of
    # the over-linking guards (the cannot-link ladder) and the components equal; weights and
    # probability within 1e-6; without the run stamp linked_at
    model = "int_profile_pairs_linked"
    ((cut, reviewed),) = query(
        built.database,
        "select count(cut_reason), count(reviewer_decision) from intermediate." + model,
    )
    rows = pairs_within(built, model, excluded=("linked_at",))
    assert rows > 100 and cut > 0 and reviewed == 1  # the guards cut pairs; the forced match


@pytest.mark.parametrize(
    ("model", "excluded"),
    [("audit_blocking_rules", ()), ("audit_blocking_skipped_keys", ("audited_at",))],
)
def test_blocking_audits_on_spark_equal_duckdb(
    built: Built, model: str, excluded: tuple[str, ...]
) -> None:
    # per rule: keys, pairs before the cap, keys and pairs skipped, candidate pairs; the
    # skipped keys themselves (without the run stamp audited_at)
    selected = columns(built.database, "audit", model, excluded)
    only_duckdb, only_spark, rows = differences(built, "audit", model, selected)
    ((skipped,),) = query(built.database, "select count(*) from audit.audit_blocking_skipped_keys")
    assert rows > 0 and skipped > 0  # the cap skipped some keys
    assert only_duckdb == [], only_duckdb[:3]
    assert only_spark == [], only_spark[:3]


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_reviewer_decisions_reach_the_clusters(built: Built, engine: str) -> None:
    # the forced non_match splits a cluster of two matched records; the forced match joins two
    # records that matched nothing
    clusters = (
        "intermediate.int_profile_clusters"
        if engine == "duckdb"
        else f"read_parquet('{built.unloaded}/int_profile_clusters/*.parquet')"
    )
    for decision, together in (("match", True), ("non_match", False)):
        record_l, record_r = built.decided[decision]
        ((scored,),) = query(
            built.database,
            "select decision from intermediate.int_profile_pairs_scored "
            f"where profile_record_id_l = '{record_l}' and profile_record_id_r = '{record_r}'",
        )
        assert (scored == "match") is not together  # the reviewer overturns the score
        cluster_ids = query(
            built.database,
            f"select cluster_id from {clusters} "
            f"where profile_record_id in ('{record_l}', '{record_r}')",
        )
        assert len(cluster_ids) == 2
        assert (cluster_ids[0] == cluster_ids[1]) is together, (decision, cluster_ids)
