"""The Spark target (docs/spark.md): the Connect Firehose feeds, the contact-center marts, the
erasure audit and the whole project's build.

`make test-spark`: the whole project built once on DuckDB and, from the raw lake, on Spark
(spark_project.py, the session fixture `spark_project`), with the hand-made bad JSON-lines files
of test_bad_input_feeds.py planted in the lake (a line cut mid-object, an invalid line in the
middle, drifted records, every timestamp format, empty and blank files) and erasure requests for
a web visitor and a caller. Compared here, EXCEPT ALL both ways: the Connect contact records and
agent events read as text (register_lake_sources: binaryFile), their base tables with the
quarantined lines and their reasons, staging, the contact-center intermediates and marts,
customer_360, the quarantine and reconciliation audits, the analyst views and
audit_erasure_requests; the erased caller is stripped from the contact records on both engines
(strip_erased_contact_records); every seed and model builds on Spark and every data test ends
as on DuckDB. Skipped as test_spark.py is: unless CUSTOMER_360_SPARK_TESTS is set, and where
.venv-spark is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from dbt_runner import query
from spark_project import (
    STRIP_LOG,
    WEIGHT_DOUBLES,
    Built,
    assert_weights_within,
    sorted_json_pairs,
    statuses_of_data_tests,
    weights_apart,
)
from test_bad_input_feeds import (
    DRIFT,
    DRIFTED_CTR,
    EMPTY_FILES,
    INVALID_MIDDLE_CTR,
    TRUNCATED_CTR,
    TRUNCATED_EVENTS,
)
from test_spark import TRAILING_ZEROS, pytestmark  # noqa: F401

# Compared, with their schema, in pipeline order.
FEEDS = {
    "base_connect__contact_records": "staging",
    "base_connect__agent_events": "staging",
    "stg_connect__contact_records": "staging",
    "stg_connect__agent_events": "staging",
}
CONTACT_CENTER = {
    "int_agent_event_contacts_unnested": "intermediate",
    "int_contacts_resolved": "intermediate",
    "dim_agents": "marts",
    "fct_agent_status_intervals": "marts",
    "fct_agent_contacts": "marts",
    "fct_contacts": "marts",
    "fct_agent_daily_activity": "marts",
    "customer_360": "marts",
}
AUDITS = {"audit_quarantined_rows": "audit", "audit_feed_reconciliation": "audit"}
# The analyst views (models/analyst, schema analyst, each named as its mart): masked selects.
ANALYST_VIEWS = [
    "customer_360",
    "dim_agents",
    "fct_agent_contacts",
    "fct_contacts",
    "dim_unified_profiles",
    "dim_web_cookies",
    "fct_identity_graph",
    "fct_match_review_queue",
    "fct_unified_profile_id_history",
    "fct_web_events",
]
# Columns stamping the run that wrote a row (its start, its invocation id, the clustering run's
# stamps that the marts and analyst views carry, the id history's run and event ids): different
# on every build and engine, left out.
RUN_STAMPS = ("built_at", "applied_at", "applied_invocation_id", "graph_clustered_at")
RUN_STAMPS += ("clustered_at", "unified_profile_id_minted_at", "queued_at")
RUN_STAMPS += ("id_event_id", "run_id", "changed_at", "recorded_at")
# The nodes a build builds (unique id prefixes).
BUILT_NODES = ("seed.", "model.")


@pytest.fixture(scope="module")
def built(spark_project: Built) -> Built:
    """The shared end-to-end build (conftest.py, spark_project.py)."""
    return spark_project


def comparable(database: Path, schema: str, relation: str) -> str:
    """The relation's columns in DuckDB's order: doubles rounded to 9 places, timestamps in a raw
    record's JSON without trailing fraction zeros (Spark writes six digits: spark__row_to_json)
    and its keys sorted (sorted_json_pairs), the run stamps and the match weights and
    probabilities (compared apart: differences) left out."""
    described = query(
        database,
        "select column_name, data_type from information_schema.columns "
        f"where table_schema = '{schema}' and table_name = '{relation}' "
        "order by ordinal_position",
    )
    assert described, f"{schema}.{relation} is not in the DuckDB build"
    return ", ".join(
        f"round({name}, 9) as {name}"
        if kind in ("DOUBLE", "FLOAT")
        else f"{sorted_json_pairs(TRAILING_ZEROS.format(name))} as {name}"
        if name in ("_raw_record", "raw_record")
        else name
        for name, kind in described
        if name not in RUN_STAMPS and name not in WEIGHT_DOUBLES
    )


def differences(built: Built, schema: str, relation: str, unloaded: str) -> dict[str, object]:
    """Row counts on both engines, the rows found on one engine only (EXCEPT ALL) and the match
    weights' and probabilities' largest differences (weights_apart)."""
    columns = comparable(built.database, schema, relation)
    unloaded_table = f"read_parquet('{built.unloaded}/{unloaded}/*.parquet')"
    duck = f"select {columns} from {schema}.{relation}"
    spark = f"select {columns} from {unloaded_table}"
    weights = [
        name
        for (name,) in query(
            built.database,
            "select column_name from information_schema.columns "
            f"where table_schema = '{schema}' and table_name = '{relation}'",
        )
        if name in WEIGHT_DOUBLES
    ]
    ((rows,),) = query(built.database, f"select count(*) from ({duck})")
    ((spark_rows,),) = query(built.database, f"select count(*) from ({spark})")
    return {
        "rows": rows,
        "spark_rows": spark_rows,
        "only_duckdb": query(built.database, f"{duck} except all {spark}")[:3],
        "only_spark": query(built.database, f"{spark} except all {duck}")[:3],
        "weights": weights_apart(built.database, f"{schema}.{relation}", unloaded_table, weights),
    }


def assert_equal(found: dict[str, object], minimum_rows: int) -> None:
    assert found["rows"] >= minimum_rows, found  # the lake gives the model rows to compare
    assert (found["only_duckdb"], found["only_spark"]) == ([], []), found
    assert found["spark_rows"] == found["rows"], found
    assert_weights_within(found["weights"])


def spark_rows(built: Built, model: str, sql: str) -> list[tuple]:
    """Rows of a query over a model's unloaded Spark table (`{spark}` in sql)."""
    unloaded = f"read_parquet('{built.unloaded}/{model}/*.parquet')"
    return query(built.database, sql.replace("{spark}", unloaded))


def test_the_spark_models_pass_their_data_tests_on_spark(built: Built) -> None:
    statuses = statuses_of_data_tests(built.spark_tests, [*FEEDS, *CONTACT_CENTER, *AUDITS])
    assert len(statuses) > len(FEEDS) + len(CONTACT_CENTER)
    failed = {test: status for test, status in statuses.items() if status != "pass"}
    assert failed == {}, failed


@pytest.mark.parametrize("model", list(FEEDS))
def test_connect_feeds_on_spark_equal_duckdb(built: Built, model: str) -> None:
    # every line of every file, the quarantined ones with their reason and raw line included
    assert_equal(differences(built, FEEDS[model], model, model), minimum_rows=200)


def test_bad_json_lines_are_quarantined_on_spark_with_duckdb_reasons(built: Built) -> None:
    # the planted files: a line cut mid-object, an invalid line, drifted records (a renamed key,
    # a number for a timestamp, Agent as a string: DuckDB's type name VARCHAR in the reason)
    reasons = spark_rows(
        built,
        "base_connect__contact_records",
        "select _file_name, _row_in_file, _quarantine_reason from {spark} "
        "where _quarantine_reason is not null",
    )
    found = {(Path(file).name, row): reason for file, row, reason in reasons}
    lake = built.lake
    assert found[(Path(lake / TRUNCATED_CTR).name, 3)] == "malformed JSON line"
    assert found[(Path(lake / INVALID_MIDDLE_CTR).name, 2)] == "malformed JSON line"
    drifted = {row: reason for (name, row), reason in found.items() if name in DRIFTED_CTR}
    expected = {row: reason for row, reason in enumerate(DRIFT.values(), start=1) if reason}
    assert drifted == expected
    events = spark_rows(
        built,
        "base_connect__agent_events",
        "select _row_in_file, _quarantine_reason from {spark} "
        f"where _file_name = '{lake / TRUNCATED_EVENTS}'",
    )
    assert sorted(events) == [(1, None), (2, "malformed JSON line")]
    # empty and blank-only files give no line at all
    empty = spark_rows(
        built,
        "base_connect__contact_records",
        "select count(*) from {spark} where _file_name in ("
        + ", ".join(f"'{lake / name}'" for name in EMPTY_FILES)
        + ")",
    )
    assert empty == [(0,)]


@pytest.mark.parametrize("model", list(CONTACT_CENTER))
def test_contact_center_models_on_spark_equal_duckdb(built: Built, model: str) -> None:
    # without the run stamp built_at; durations (doubles) to 9 places
    assert_equal(differences(built, CONTACT_CENTER[model], model, model), minimum_rows=5)


@pytest.mark.parametrize("model", list(AUDITS))
def test_audits_on_spark_equal_duckdb(built: Built, model: str) -> None:
    # the quarantined rows of every feed (the Connect lines among them) and each feed's counts
    assert_equal(differences(built, AUDITS[model], model, model), minimum_rows=9)


def test_quarantine_audit_on_spark_holds_the_connect_lines(built: Built) -> None:
    counted = (
        "select feed, count(*) from {} "
        "where feed in ('connect__contact_records', 'connect__agent_events') "
        "group by feed order by feed"
    )
    connect = spark_rows(built, "audit_quarantined_rows", counted.format("{spark}"))
    assert connect == query(built.database, counted.format("audit.audit_quarantined_rows"))
    assert [feed for feed, _ in connect] == ["connect__agent_events", "connect__contact_records"]


@pytest.mark.parametrize("view", ANALYST_VIEWS)
def test_analyst_views_on_spark_equal_duckdb(built: Built, view: str) -> None:
    # personal data masked (mask_pii) as on DuckDB
    assert_equal(differences(built, "analyst", view, f"analyst_{view}"), minimum_rows=1)


def test_every_seed_and_model_builds_on_spark(built: Built) -> None:
    # one `dbt build` of the whole project on Spark, from the raw lake: the seeds and models of
    # DuckDB's build, each built (the run's hooks, operations, left aside)
    def built_nodes(nodes: dict[str, str]) -> dict[str, str]:
        return {node: status for node, status in nodes.items() if node.startswith(BUILT_NODES)}

    spark, duck = built_nodes(built.spark_nodes), built_nodes(built.duckdb_nodes)
    assert set(spark) == set(duck)
    assert len(duck) > 60
    failed = {node: status for node, status in spark.items() if status != "success"}
    assert failed == {}, failed


def test_every_data_test_ends_on_spark_as_on_duckdb(built: Built) -> None:
    # every data test of the project, the same status on both engines (pass, or warn where
    # DuckDB warns: the planted drifted clickstream file), the macro tests (tests/macros)
    # included: strip_diacritics and address_line_part once failed on Spark alone
    spark = {test: result.status for test, result in built.spark_tests.items()}
    duck = {test: result.status for test, result in built.duckdb_tests.items()}
    assert len(duck) > 250  # 310 data tests in all
    assert set(duck.values()) <= {"pass", "warn"}
    differing = {
        test: (duck.get(test), spark.get(test))
        for test in spark | duck
        if spark.get(test) != duck.get(test)
    }
    assert differing == {}, differing


def test_the_erasure_audit_on_spark_equals_duckdb(built: Built) -> None:
    # one row per request, every layer's count, the raw files still holding the person's rows
    # (the strip log's base-table entries), the status; without the run stamps
    found = differences(built, "audit", "audit_erasure_requests", "audit_erasure_requests")
    assert_equal(found, minimum_rows=2)
    audited = spark_rows(
        built,
        "audit_erasure_requests",
        "select request_id, identifier_kind, raw_rows_remaining from {spark} order by 1",
    )
    assert [row[:2] for row in audited] == [("r-caller", "phone"), ("r-web-visitor", "email")]
    assert all(remaining > 0 for *_, remaining in audited)  # both strips logged, both engines


def test_the_erased_term_frequencies_on_spark_equal_duckdb(built: Built) -> None:
    # the table audit_erasure_requests' pre-hook rewrites on Spark (delete on DuckDB): the same
    # comparisons and values; the frequencies themselves differ by up to 1e-7 (docs/spark.md)
    model = "int_match_term_frequencies"
    described = query(
        built.database,
        "select column_name from information_schema.columns "
        f"where table_schema = 'intermediate' and table_name = '{model}' "
        "and data_type not in ('DOUBLE', 'FLOAT') and column_name not like '%_at'",
    )
    columns = ", ".join(name for (name,) in described)
    duck = f"select {columns} from intermediate.{model}"
    spark = f"select {columns} from read_parquet('{built.unloaded}/{model}/*.parquet')"
    ((rows,),) = query(built.database, f"select count(*) from intermediate.{model}")
    assert rows > 100 and "value" in columns
    assert query(built.database, f"{duck} except all {spark}") == []
    assert query(built.database, f"{spark} except all {duck}") == []


def test_the_erased_caller_is_stripped_from_the_contact_records_on_both_engines(
    built: Built,
) -> None:
    # the caller's records stay, anonymous, on both engines (their equality is
    # test_connect_feeds_on_spark_equal_duckdb's); the strip log counts them per file on Spark as
    # on DuckDB: the base table's hook strips them, staging reads them stripped
    logged = (
        "select request_id, relation_name, file_name, stripped_rows from {} "
        "where relation_name like '%connect__contact_records' order by all"
    )
    duck = query(built.database, logged.format(f"privacy.{STRIP_LOG}"))
    spark_log = f"read_parquet('{built.unloaded}/{STRIP_LOG}/*.parquet')"
    assert {(request, relation) for request, relation, _, _ in duck} == {
        ("r-caller", "base_connect__contact_records")
    }
    assert sum(rows for *_, rows in duck) >= 1
    assert query(built.database, logged.format(spark_log)) == duck
    digits = built.erased_phone.lstrip("+")
    for model, schema, columns in (
        ("base_connect__contact_records", "staging", "customer_endpoint_address, _raw_record"),
        ("stg_connect__contact_records", "staging", "customer_endpoint_address"),
    ):
        for table in (f"{schema}.{model}", f"read_parquet('{built.unloaded}/{model}/*.parquet')"):
            ((left,),) = query(
                built.database,
                f"select count(*) from {table} "
                f"where contains(concat_ws('|', {columns}), '{digits}')",
            )
            assert left == 0, table
