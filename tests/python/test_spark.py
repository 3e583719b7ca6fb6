"""The Spark target (docs/spark.md): the layers ported so far equal DuckDB's on one small lake.

`make test-spark`: dbt from .venv-spark (dbt-spark's session method on the local pyspark wheel)
builds a 300-customer generated lake, with erasure requests in two CSV files, on Spark up to
int_profiles_normalized (the base views, the privacy chain, the identity staging tables,
normalization), the main venv's dbt builds the same models on DuckDB, .venv-spark's Python
unloads the Spark results to Parquet (spark_unload.py) and DuckDB compares them with its own
build, EXCEPT ALL both ways on rounded values, run stamps left out (RUN_STAMPS). Skipped, with
the reason, where .venv-spark is missing (make venv-spark), and unless CUSTOMER_360_SPARK_TESTS is
set (make test-spark sets it), so that `make test` does not run it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from conftest import generate
from dbt_runner import REPO, query, run_dbt

SPARK_BIN = REPO / ".venv-spark" / "bin"
# Run by `make test-spark` (the last step of `make test`), which sets the opt-in variable;
# test_spark_identity.py imports these marks.
pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("CUSTOMER_360_SPARK_TESTS"),
        reason="the Spark target's tests run with `make test-spark` (CUSTOMER_360_SPARK_TESTS=1)",
    ),
    pytest.mark.skipif(
        not (SPARK_BIN / "dbt").exists(),
        reason=".venv-spark is missing: `make venv-spark` (Java 17) to test the Spark target",
    ),
]

# The models ported to Spark so far: the base views over the Parquet identity feeds.
BASE_MODELS = [
    "base_crm__contacts",
    "base_billing__accounts",
    "base_shipping__recipients",
    "base_ticketing__requesters",
    "base_connect__customer_profiles",
]
# Then the privacy chain, the identity staging tables and normalization, all the parents of
# int_profiles_normalized: one selector builds them (with the seeds they read).
STAGED_MODELS = [
    "stg_crm__contacts",
    "stg_billing__accounts",
    "stg_shipping__recipients",
    "stg_ticketing__requesters",
    "stg_connect__customer_profiles",
]
PRIVACY_MODELS = ["privacy_erasure_requests", "privacy_erased_records"]
NORMALIZED_MODELS = ["int_profiles_unioned", "int_profiles_normalized"]
SCHEMAS = {
    **{model: "staging" for model in BASE_MODELS + STAGED_MODELS},
    **{model: "privacy" for model in PRIVACY_MODELS},
    **{model: "intermediate" for model in NORMALIZED_MODELS},
}
SELECTOR = "+int_profiles_normalized"
# Columns that stamp the run that wrote a row (its start, its invocation id): different on every
# build and engine, so left out of the comparison. No other model of these layers has one.
RUN_STAMPS = {"privacy_erased_records": ["applied_at", "applied_invocation_id"]}
LAKE_ARGS = ["--customers", "300", "--seed", "11", "--bad-row-rate", "0.02", "--days", "14"]
# Erasure requests, as files land in <lake_root>/privacy/erasure_requests/: the second file's
# columns in another order (read by name on both engines). {email}: a CRM contact's email.
REQUEST_FILES = {
    "2026-01-10.csv": (
        "request_id,requested_at,email,phone,source_system,source_record_id,unified_profile_id\n"
        "r-email,2026-01-10 09:00:00,{email},,,,\n"
        "r-two-identifiers,2026-01-10 09:05:00,someone@example.com,+15550100,,,\n"
    ),
    "2026-01-11.csv": (
        "unified_profile_id,source_record_id,source_system,phone,email,requested_at,request_id\n"
        ",,,,nobody-at-all@example.invalid,2026-01-11 10:00:00,r-nobody\n"
        ",,,555-0100 x12,,2026-01-11 10:05:00,r-bad-phone\n"
    ),
}
# Pairs for the Jaro-Winkler comparison: edge cases beside the lake's own names and streets.
EDGE_PAIRS = [
    ("", ""),
    ("a", ""),
    ("a", "a"),
    ("ab", "ba"),
    ("martha", "marhta"),
    ("dixon", "dicksonx"),
    ("dwayne", "duane"),
    ("crate", "trace"),
    ("x", "xyzxyzxyzxyzxyz"),
    (None, "a"),
    ("josé", "jose"),
]


# The files lake_files_in_window lists on Spark (binaryFile), for a load_date window.
FILES_SINCE_SECOND_LOAD = (
    "select '{{ lake_files_in_window(source('crm', 'contacts')) | join(' ') }}' as files"
)


@dataclass(frozen=True)
class Built:
    lake: Path
    database: Path
    unloaded: Path
    spark_build_log: str
    files_since_second_load: list[str]
    erased_email: str
    duckdb_manifest: dict
    spark_manifest: dict


def run_spark(
    args: list[str], lake: Path, work: Path, extra_vars: dict[str, object] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run dbt from .venv-spark on the project's spark target, its warehouse under work."""
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(REPO),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "CUSTOMER_360_SPARK_WAREHOUSE": str(work / "spark"),
    }
    command = [
        str(SPARK_BIN / "dbt"),
        *args,
        "--target",
        "spark",
        "--vars",
        json.dumps({"lake_root": str(lake), **(extra_vars or {})}),
        "--target-path",
        str(work / "target-spark"),
        "--log-path",
        str(work / "logs-spark"),
    ]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)


def write_pairs(lake: Path, pairs: Path) -> None:
    """Name parts, streets and cities of the lake's CRM contacts, each against each."""
    values = ", ".join(
        "(" + ", ".join("null" if v is None else "'" + v + "'" for v in pair) + ")"
        for pair in EDGE_PAIRS
    )
    with duckdb.connect() as con:
        con.execute(f"""
            copy (
                with contacts as (
                    select * from read_parquet(
                        '{lake}/raw/crm/contacts/*/*.parquet', union_by_name = true)
                ),
                words as (
                    select distinct lower(trim(word)) as word from (
                        select unnest(string_split(full_name, ' ')) as word from contacts
                        union all select mailing_street from contacts
                        union all select mailing_city from contacts
                    ) where word is not null
                ),
                sample as (select word from words order by hash(word) limit 120)
                select l.word as left_value, r.word as right_value
                from sample as l cross join sample as r
                union all
                select * from (values {values}) as edge (left_value, right_value)
            ) to '{pairs}' (format parquet)
        """)


# Each identity feed's base view and its email columns, for the request naming an email.
EMAIL_COLUMNS = {
    "base_crm__contacts": ["email"],
    "base_billing__accounts": ["email"],
    "base_shipping__recipients": ["email"],
    "base_ticketing__requesters": ["email"],
    "base_connect__customer_profiles": [
        "email_address",
        "personal_email_address",
        "business_email_address",
    ],
}


def write_erasure_requests(lake: Path, database: Path) -> str:
    """REQUEST_FILES in the lake, naming the valid email that valid rows of the most identity
    feeds hold (read from the DuckDB-built base views), so that every staging table loses rows
    to the erasure; the email."""
    held = " union all ".join(
        f"select '{view}' as feed, lower(trim({column})) as email from staging.{view} "
        "where _quarantine_reason is null"
        for view, columns in EMAIL_COLUMNS.items()
        for column in columns
    )
    ((email, feeds),) = query(
        database,
        f"""
        select email, count(distinct feed) as feeds from ({held})
        where regexp_matches(email, '^[a-z0-9._%+-]+@[a-z0-9.-]+[.][a-z]{{2,}}$')
        group by email order by feeds desc, email limit 1
        """,
    )
    assert feeds == len(EMAIL_COLUMNS), (email, feeds)
    folder = lake / "privacy" / "erasure_requests"
    folder.mkdir(parents=True)
    for name, text in REQUEST_FILES.items():
        (folder / name).write_text(text.format(email=email))
    return email


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The same lake built on DuckDB and on Spark, the Spark results unloaded to Parquet; then
    a second Spark run of stg_crm__contacts, which must rebuild it (never incremental)."""
    work = tmp_path_factory.mktemp("spark")
    lake = generate(work / "lake", *LAKE_ARGS)
    database = work / "duckdb" / "customer_360.duckdb"
    database.parent.mkdir()
    views = run_dbt(["run", "--select", *BASE_MODELS], lake, database)
    assert views.returncode == 0, views.stdout[-4000:]
    erased_email = write_erasure_requests(lake, database)
    duck = run_dbt(
        ["build", "--select", SELECTOR, "--exclude", "resource_type:test"], lake, database
    )
    assert duck.returncode == 0, duck.stdout[-4000:]

    registered = run_spark(["run-operation", "register_lake_sources"], lake, work)
    assert registered.returncode == 0, registered.stdout[-4000:]
    build = run_spark(
        ["build", "--select", SELECTOR, "--indirect-selection", "cautious"], lake, work
    )
    assert build.returncode == 0, build.stdout[-6000:]
    again = run_spark(["run", "--select", "stg_crm__contacts"], lake, work)
    assert again.returncode == 0, again.stdout[-4000:]

    pairs = work / "pairs.parquet"
    write_pairs(lake, pairs)
    inline = (
        "select left_value, right_value, "
        "{{ jaro_winkler_similarity('left_value', 'right_value') }} as similarity "
        f"from parquet.`{pairs}`"
    )
    compiled = run_spark(
        ["compile", "--no-populate-cache", "--output", "json", "--inline", inline], lake, work
    )
    assert compiled.returncode == 0, compiled.stdout[-4000:]
    output, _ = json.JSONDecoder().raw_decode(compiled.stdout[compiled.stdout.index("\n{") + 1 :])
    jaro_winkler = output["compiled"]

    listed = run_spark(
        ["compile", "--inline", FILES_SINCE_SECOND_LOAD],
        lake,
        work,
        {"load_date_since": "2026-01-05"},
    )
    assert listed.returncode == 0, listed.stdout[-4000:]
    (files,) = re.findall(r"select '([^']*)' as files", listed.stdout)

    unloaded = work / "unloaded"
    queries = [
        f"{model}=select * from {SCHEMAS[model]}.{model}"
        for model in BASE_MODELS + STAGED_MODELS + PRIVACY_MODELS + NORMALIZED_MODELS
    ]
    queries.append("crm_loads=select * from staging.stg_crm__contacts__loads")
    unload = subprocess.run(
        [
            str(SPARK_BIN / "python"),
            str(REPO / "tests" / "python" / "spark_unload.py"),
            str(unloaded),
            *queries,
            f"jaro_winkler={jaro_winkler}",
        ],
        cwd=REPO,
        env={**os.environ, "CUSTOMER_360_SPARK_WAREHOUSE": str(work / "spark")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert unload.returncode == 0, unload.stderr[-4000:]
    return Built(
        lake,
        database,
        unloaded,
        build.stdout,
        files.split(),
        erased_email,
        json.loads((database.parent / "target" / "manifest.json").read_text()),
        json.loads((work / "target-spark" / "manifest.json").read_text()),
    )


# A timestamp in a raw record's JSON: Spark always writes six fraction digits (spark__row_to_json)
TRAILING_ZEROS = r"regexp_replace(regexp_replace({}, '([.][0-9]*?)0+([+]00\")', '\1\2', 'g'), "
TRAILING_ZEROS += r"'[.]([+]00\")', '\1', 'g')"


def comparable_columns(database: Path, model: str, leave_out: tuple[str, ...] = ()) -> str:
    """The model's columns in DuckDB's order, doubles rounded to 9 places, raw records' timestamps
    without trailing fraction zeros; its RUN_STAMPS and leave_out left out."""
    columns = query(
        database,
        "select column_name, data_type from information_schema.columns "
        f"where table_name = '{model}' order by ordinal_position",
    )
    left_out = [*RUN_STAMPS.get(model, []), *leave_out]
    assert set(left_out) <= {name for name, _ in columns}  # the stamps are there to leave out
    return ", ".join(
        f"round({name}, 9) as {name}"
        if kind in ("DOUBLE", "FLOAT")
        else f"{TRAILING_ZEROS.format(name)} as {name}"
        if name == "_raw_record"
        else name
        for name, kind in columns
        if name not in left_out
    )


def differences(built: Built, model: str, leave_out: tuple[str, ...] = ()) -> dict[str, object]:
    """Row counts of a model on DuckDB and on Spark and its rows found on one engine only."""
    columns = comparable_columns(built.database, model, leave_out)
    duck = f"select {columns} from {SCHEMAS[model]}.{model}"
    spark = f"select {columns} from read_parquet('{built.unloaded}/{model}/*.parquet')"
    ((rows,),) = query(built.database, f"select count(*) from ({duck})")
    ((spark_rows,),) = query(built.database, f"select count(*) from ({spark})")
    return {
        "rows": rows,
        "spark_rows": spark_rows,
        "only_duckdb": query(built.database, f"{duck} except all {spark}")[:3],
        "only_spark": query(built.database, f"{spark} except all {duck}")[:3],
    }


@pytest.mark.parametrize("model", BASE_MODELS)
def test_a_base_view_on_spark_equals_duckdb(built: Built, model: str) -> None:
    ((quarantined,),) = query(
        built.database, f"select count(_quarantine_reason) from staging.{model}"
    )
    assert quarantined > 0  # the bad rows are there, and quarantined alike (with their reasons)
    found = differences(built, model)
    assert found["rows"] > 0 and found["spark_rows"] == found["rows"]
    assert found["only_duckdb"] == [] and found["only_spark"] == [], found


def test_the_spark_build_passed_its_data_tests(built: Built) -> None:
    done = re.search(r"Done\. PASS=(\d+) .*TOTAL=(\d+)", built.spark_build_log)
    assert done is not None, built.spark_build_log[-2000:]
    passed, total = int(done[1]), int(done[2])
    # every seed, view, table and data test of the layers
    assert passed == total > len(BASE_MODELS + STAGED_MODELS + PRIVACY_MODELS + NORMALIZED_MODELS)


@pytest.mark.parametrize("model", STAGED_MODELS)
def test_a_staging_table_on_spark_equals_duckdb(built: Built, model: str) -> None:
    # stg_crm__contacts: compared as the first build left it, but for _load_sequence, which
    # the second Spark run restamped (test_a_second_spark_run_rebuilds_a_staging_table)
    leave_out = ("_load_sequence",) if model == "stg_crm__contacts" else ()
    found = differences(built, model, leave_out)
    assert found["rows"] > 0 and found["spark_rows"] == found["rows"]
    assert found["only_duckdb"] == [] and found["only_spark"] == [], found


def test_a_second_spark_run_rebuilds_a_staging_table(built: Built) -> None:
    # is_incremental() was false on the second run of stg_crm__contacts: its load log holds a
    # full build's entries (a reset, every file loaded) under sequence 2 and every row is
    # restamped 2, where an incremental run would log a `run` entry and leave the rows of 1
    log = query(
        built.database,
        "select load_sequence, change, count(*) "
        f"from read_parquet('{built.unloaded}/crm_loads/*.parquet') group by all order by all",
    )
    assert log == [(1, "loaded", 2), (1, "reset", 1), (2, "loaded", 2), (2, "reset", 1)]
    ((sequences,),) = query(
        built.database,
        "select list(distinct _load_sequence) "
        f"from read_parquet('{built.unloaded}/stg_crm__contacts/*.parquet')",
    )
    assert sequences == [2]


def test_incremental_models_rebuild_in_full_on_spark_only(built: Built) -> None:
    def full_refresh(manifest: dict) -> set[object]:
        return {
            node["config"]["full_refresh"]
            for node in manifest["nodes"].values()
            if node["resource_type"] == "model" and node["config"]["materialized"] == "incremental"
        }

    # none on DuckDB: incremental runs and --full-refresh work as without the setting; the
    # erasure ledger's own full_refresh=false keeps it append-only on both engines
    assert full_refresh(built.duckdb_manifest) == {None, False}
    assert full_refresh(built.spark_manifest) == {True, False}


@pytest.mark.parametrize("model", PRIVACY_MODELS)
def test_the_privacy_chain_on_spark_equals_duckdb(built: Built, model: str) -> None:
    found = differences(built, model)
    assert found["rows"] > 0 and found["spark_rows"] == found["rows"]
    assert found["only_duckdb"] == [] and found["only_spark"] == [], found


def test_the_erasure_requests_were_read_by_name_and_applied_on_spark(built: Built) -> None:
    requests = query(
        built.database,
        "select request_id, identifier_kind, invalid_reason, regexp_extract(request_source, "
        f"'[^/]*$') from read_parquet('{built.unloaded}/privacy_erasure_requests/*.parquet') "
        "order by request_id",
    )
    assert requests == [
        ("r-bad-phone", None, "phone is not a phone number", "2026-01-11.csv"),
        ("r-email", "email", None, "2026-01-10.csv"),
        ("r-nobody", "email", None, "2026-01-11.csv"),
        ("r-two-identifiers", None, "more than one identifier", "2026-01-10.csv"),
    ]
    ((in_base, in_staging),) = query(
        built.database,
        f"""
        select
            (select count(*) from staging.base_crm__contacts
             where lower(trim(email)) = '{built.erased_email}' and _quarantine_reason is null),
            (select count(*) from read_parquet('{built.unloaded}/stg_crm__contacts/*.parquet')
             where lower(trim(email)) = '{built.erased_email}')
        """,
    )
    assert in_base > 0 and in_staging == 0  # the requested email's contact left staging


@pytest.mark.parametrize("model", NORMALIZED_MODELS)
def test_normalization_on_spark_equals_duckdb(built: Built, model: str) -> None:
    # int_profiles_unioned is a view over the staging tables, unloaded after the second run of
    # stg_crm__contacts restamped its rows' _load_sequence: its source_load_sequence is compared
    # in int_profiles_normalized, a table of the first build
    leave_out = ("source_load_sequence",) if model == "int_profiles_unioned" else ()
    found = differences(built, model, leave_out)
    assert found["rows"] > 0 and found["spark_rows"] == found["rows"]
    assert found["only_duckdb"] == [] and found["only_spark"] == [], found


def jaro_winkler_differences(built: Built, ascii_only: bool) -> list[tuple]:
    """Pairs whose Spark similarity differs from DuckDB's jaro_winkler_similarity."""
    condition = "regexp_matches(coalesce(left_value, '') || coalesce(right_value, ''), '^[ -~]*$')"
    return query(
        built.database,
        f"""
        with spark as (
            select left_value, right_value, round(similarity, 9) as similarity
            from read_parquet('{built.unloaded}/jaro_winkler/*.parquet')
            where {"" if ascii_only else "not "}{condition}
        ),
        duck as (
            select
                left_value,
                right_value,
                round(jaro_winkler_similarity(left_value, right_value), 9) as similarity
            from spark
        )
        (select * from spark except all select * from duck)
        union all
        (select * from duck except all select * from spark)
        """,
    )


def test_jaro_winkler_on_spark_equals_duckdb_on_ascii_text(built: Built) -> None:
    ((pairs, nulls),) = query(
        built.database,
        f"select count(*), count(*) - count(similarity) "
        f"from read_parquet('{built.unloaded}/jaro_winkler/*.parquet')",
    )
    assert pairs > 14_000 and nulls == 1  # the null pair stays null
    assert jaro_winkler_differences(built, ascii_only=True) == []


def test_jaro_winkler_on_spark_counts_characters_where_duckdb_counts_bytes(built: Built) -> None:
    ((similarity,),) = query(
        built.database,
        f"select similarity from read_parquet('{built.unloaded}/jaro_winkler/*.parquet') "
        "where left_value = 'josé' and right_value = 'jose'",
    )
    # 3 of 4 characters match in order: jaro (3/4 + 3/4 + 1) / 3, prefix 3
    jaro = (0.75 + 0.75 + 1) / 3
    assert similarity == pytest.approx(jaro + 0.1 * 3 * (1 - jaro))
    assert len(jaro_winkler_differences(built, ascii_only=False)) == 2  # differs from DuckDB


def test_lake_files_in_window_on_spark_lists_the_files_of_the_window(built: Built) -> None:
    files = sorted(built.lake.glob("raw/crm/contacts/*/*.parquet"))
    assert [file.parent.name for file in files] == ["load_date=2026-01-01", "load_date=2026-01-08"]
    assert built.files_since_second_load == [str(files[1])]
