"""One end-to-end build of the whole project on DuckDB and on Spark, shared by the Spark test
modules that compare them (test_spark_identity.py, test_spark_marts.py,
test_spark_contact_center.py) through the session fixture `spark_project` (conftest.py).

One generated lake (LAKE_ARGS), with what those modules plant: a drifted clickstream file
(plant_clickstream), test_bad_input_feeds.py's bad JSON-lines files, erasure requests for a web
visitor's email and a caller's number (write_erasure_requests: both strip hooks run) and a
reviewer's decisions file picked from DuckDB's scored pairs (write_decisions). The decisions are
picked from a scratch DuckDB build up to the scored pairs; then each engine builds the whole
project once, from the raw lake, in one invocation (the erasure audit counts what the invocation
that applied a request stripped): DuckDB with `dbt build`; Spark with `dbt build --exclude
resource_type:test` (seeds and every model), then `dbt test` (every data test). On Spark the
data tests run apart so that a failing test skips no model: every model is still built and
compared, and the failing test is named by the test-status assertions. Nothing is registered
from DuckDB. Every Spark model (and the strip log) is then unloaded to Parquet once, under
`unloaded/<model name>/` (spark_unload.py), for DuckDB to compare with its own.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from conftest import generate
from dbt_runner import REPO, query, run_dbt
from test_bad_input_feeds import plant_json_lines
from test_spark import SPARK_BIN, run_spark

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
# The strip hooks' log next to the erasure ledger (create_erasure_strip_log), unloaded with the
# models.
STRIP_LOG = "privacy_erased_records__stripped"
# The planted clickstream file (plant_clickstream): a later day's copy of six events of
# 2026-01-02 without the contract's referrer column and with a campaign column it does not know.
DRIFTED_FILE = "raw/web/clickstream/event_date=2026-01-03/part-00001-drifted.parquet"
DECISIONS_HEADER = (
    "source_system_l,source_record_id_l,source_system_r,source_record_id_r,"
    "decision,decided_by,decided_at,note\n"
)


@dataclass(frozen=True)
class DataTest:
    status: str
    parents: frozenset[str]


@dataclass(frozen=True)
class Built:
    lake: Path
    database: Path
    unloaded: Path
    # the reviewer's pairs by decision (ordered profile record ids)
    decided: dict[str, tuple[str, str]]
    erased_email: str
    erased_phone: str
    # seeds and models of the Spark build: unique id -> status
    spark_nodes: dict[str, str]
    # data tests: unique id -> status and the seeds and models it reads, per engine
    spark_tests: dict[str, DataTest]
    duckdb_tests: dict[str, DataTest]
    duckdb_nodes: dict[str, str]


def plant_clickstream(lake: Path) -> Path:
    """The drifted file: rows 1-3 break the contract (no event_id, no cookie_id, no
    event_timestamp), rows 4-6 are redelivered copies of earlier events with another page_url
    (staging keeps the earlier copy)."""
    source = lake / "raw/web/clickstream/event_date=2026-01-02/part-00000.parquet"
    table = pq.read_table(source).slice(0, 6)
    table = table.drop_columns(["referrer"])
    table = table.append_column("campaign", pa.array(["spring-sale"] * 6))
    for row, column in enumerate(("event_id", "cookie_id", "event_timestamp")):
        values = table.column(column).to_pylist()
        values[row] = None
        position = table.column_names.index(column)
        table = table.set_column(
            position, column, pa.array(values, type=table.schema.field(column).type)
        )
    page_urls = pc.binary_join_element_wise(table.column("page_url"), "?copy", "")
    table = table.set_column(table.column_names.index("page_url"), "page_url", page_urls)
    pq.write_table(table, lake / DRIFTED_FILE)
    return lake / DRIFTED_FILE


def write_erasure_requests(lake: Path) -> tuple[str, str]:
    """Two erasure requests: the first email (in order) that a CRM contact holds and that logged
    in on the site (strip_erased_clickstream strips the visitor's events), and the first caller's
    number (in order) of the contact trace records (strip_erased_contact_records strips the
    caller's records). On a first build a request erases its own email or phone (no identity
    state yet): one request could not reach both. The email and the number."""
    raw = "read_parquet('{}/raw/{}/*/*.parquet', union_by_name = true)"
    records = f"{lake}/raw/connect/contact_records/*/*/*/*"
    with duckdb.connect() as con:
        ((email,),) = con.sql(
            f"""
            select lower(trim(email)) from {raw.format(lake, "web/clickstream")}
            where event_name = 'login'
            intersect
            select lower(trim(email)) from {raw.format(lake, "crm/contacts")}
            order by 1 limit 1
            """
        ).fetchall()
        ((phone,),) = con.sql(
            f"""
            select min(CustomerEndpoint.Address)
            from read_json('{records}', format = 'newline_delimited', union_by_name = true)
            where CustomerEndpoint.Type = 'TELEPHONE_NUMBER'
            """
        ).fetchall()
    folder = lake / "privacy" / "erasure_requests"
    folder.mkdir(parents=True)
    (folder / "2026-01-10.csv").write_text(
        "request_id,requested_at,email,phone,source_system,source_record_id,unified_profile_id\n"
        f"r-web-visitor,2026-01-10 09:00:00,{email},,,,\n"
        f"r-caller,2026-01-10 09:05:00,,{phone},,,\n"
    )
    return email, phone


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


def node_statuses(target: Path) -> dict[str, str]:
    """unique id -> status of every node of a dbt invocation (its run_results.json)."""
    results = json.loads((target / "run_results.json").read_text())["results"]
    return {result["unique_id"]: result["status"] for result in results}


def data_tests(target: Path) -> dict[str, DataTest]:
    """Each data test of the last invocation in target: its status and the names of the seeds
    and models it reads (from the manifest)."""
    nodes = json.loads((target / "manifest.json").read_text())["nodes"]
    return {
        unique_id: DataTest(
            status,
            frozenset(parent.split(".")[-1] for parent in nodes[unique_id]["depends_on"]["nodes"]),
        )
        for unique_id, status in node_statuses(target).items()
        if unique_id.startswith("test.")
    }


def unload(work: Path, unloaded: Path) -> None:
    """Every model of the Spark build (not ephemeral) and the strip log, as Parquet under
    unloaded/<name>/, by .venv-spark's Python (spark_unload.py), one Spark session."""
    nodes = json.loads((work / "target-spark" / "manifest.json").read_text())["nodes"]
    queries = [
        f"{node['name']}=select * from {node['schema']}.{node['alias']}"
        for node in nodes.values()
        if node["resource_type"] == "model" and node["config"]["materialized"] != "ephemeral"
    ]
    queries.append(f"{STRIP_LOG}=select * from privacy.{STRIP_LOG}")
    unloader = [str(SPARK_BIN / "python"), str(REPO / "tests/python/spark_unload.py")]
    unloaded_run = subprocess.run(
        [*unloader, str(unloaded), *queries],
        cwd=REPO,
        env={**os.environ, "CUSTOMER_360_SPARK_WAREHOUSE": str(work / "spark")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert unloaded_run.returncode == 0, unloaded_run.stderr[-4000:]


def build(work: Path) -> Built:
    """The lake, the decisions from a scratch DuckDB build, the whole project on DuckDB and on
    Spark, Spark's models unloaded (module docstring)."""
    lake = generate(work / "lake", *LAKE_ARGS)
    plant_clickstream(lake)
    erased_email, erased_phone = write_erasure_requests(lake)
    plant_json_lines(lake)

    scratch = work / "scratch" / "customer_360.duckdb"
    scratch.parent.mkdir()
    for args in (["seed"], ["run", "--select", "+int_profile_pairs_scored"]):
        scored = run_dbt(args, lake, scratch, VARS)
        assert scored.returncode == 0, scored.stdout[-4000:]
    decided = write_decisions(lake, scratch)

    database = work / "duckdb" / "customer_360.duckdb"
    database.parent.mkdir()
    duck = run_dbt(["build"], lake, database, VARS)
    assert duck.returncode == 0, duck.stdout[-6000:]
    duckdb_nodes = node_statuses(database.parent / "target")
    duckdb_tests = data_tests(database.parent / "target")

    registered = run_spark(["run-operation", "register_lake_sources"], lake, work, VARS)
    assert registered.returncode == 0, registered.stdout[-4000:]
    spark = run_spark(["build", "--exclude", "resource_type:test"], lake, work, VARS)
    assert spark.returncode == 0, spark.stdout[-6000:]
    spark_nodes = node_statuses(work / "target-spark")
    # every data test; its outcome is asserted by the modules (a failing test fails the command)
    run_spark(["test"], lake, work, VARS)
    spark_tests = data_tests(work / "target-spark")

    unloaded = work / "unloaded"
    unload(work, unloaded)
    return Built(
        lake=lake,
        database=database,
        unloaded=unloaded,
        decided=decided,
        erased_email=erased_email,
        erased_phone=erased_phone,
        spark_nodes=spark_nodes,
        spark_tests=spark_tests,
        duckdb_tests=duckdb_tests,
        duckdb_nodes=duckdb_nodes,
    )


def statuses_of_data_tests(tests: dict[str, DataTest], models: list[str]) -> dict[str, str]:
    """The statuses of the data tests that read only the given models (as dbt's cautious
    indirect selection picks them for a selection of those models)."""
    return {
        unique_id: result.status
        for unique_id, result in tests.items()
        if result.parents and result.parents <= set(models)
    }


# The doubles computed from the match weights (probabilities, weights): the engines' u
# probabilities differ by up to 1e-7 (docs/spark.md), the weights and probabilities built on them
# by up to 2.3e-7, enough to put a value on either side of any rounding boundary, so they are
# compared within WEIGHT_TOLERANCE (as test_spark_identity.py's pairs), not rounded.
WEIGHT_DOUBLES = ("match_probability", "match_weight", "strongest_link_probability")
WEIGHT_TOLERANCE = 1e-6


def weights_apart(database: Path, duck: str, spark: str, columns: list[str]) -> dict[str, object]:
    """For each of the columns (WEIGHT_DOUBLES of a relation), the largest difference between
    DuckDB's and Spark's values, each engine's values sorted and paired in order (their rows'
    other columns are compared EXCEPT ALL apart), and whether the nulls and counts agree. duck,
    spark: the two relations (a table name, a read_parquet call)."""
    found: dict[str, object] = {}
    for column in columns:
        ((largest, unpaired),) = query(
            database,
            f"""
            with
            duck as (select {column} as value, row_number() over (order by {column}) as n
                from {duck}),
            spark as (select {column} as value, row_number() over (order by {column}) as n
                from {spark})
            select
                coalesce(max(abs(duck.value - spark.value)), 0),
                count(*) filter (where (duck.value is null) <> (spark.value is null))
            from duck full join spark using (n)
            """,
        )
        found[column] = (largest, unpaired)
    return found


def assert_weights_within(found: dict[str, object]) -> None:
    """weights_apart's differences within WEIGHT_TOLERANCE, every value paired."""
    apart = {
        column: (largest, unpaired)
        for column, (largest, unpaired) in found.items()
        if unpaired or largest > WEIGHT_TOLERANCE
    }
    assert apart == {}, apart


def sorted_json_pairs(expression: str) -> str:
    """SQL: a JSON object's sorted key=value pairs as text (a record's keys in another order
    compare equal: DuckDB's union_by_name and Spark's merged schema order a file's extra column
    differently, docs/spark.md); any other text as it is."""
    pairs = (
        f"list_sort(list_transform(json_keys({expression}), key -> key || '=' || "
        f"coalesce(json_extract_string({expression}, '$.\"' || key || '\"'), '<null>')))"
    )
    return (
        f"case when not coalesce(json_valid({expression}), false) then {expression} "
        f"when json_type({expression}) <> 'OBJECT' then {expression} "
        f"else cast({pairs} as varchar) end"
    )
