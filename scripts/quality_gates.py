"""Great Expectations quality gates per layer, run after the dbt build.

One expectation suite per layer (raw, staging, normalized, clusters, golden, marts), each
validated by one GX Checkpoint (a ValidationDefinition per layer) over one frame per layer:
a query DuckDB runs on the built warehouse (read-only) and, for the raw layer, on the lake's
files, written to a temporary Parquet file that GX's pandas datasource reads. Every expectation is
critical (fails the gate) or a warning (reported only): `severity` and `meta["severity"]`
say which, `meta["reason"]` why. Data Docs are written under --docs-dir. Exit 0 when every
critical expectation passes, 1 naming each failed one, 2 when a layer cannot be read.

Memory: only the columns an expectation needs are read, never a wide table whole. The pair
tables (about 20 pairs per record) are not loaded: DuckDB reduces the scored pairs to each
record's lowest and highest match probability and its count of pairs without one, which
checks every pair's range exactly at the grain of records.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import great_expectations as gx
import great_expectations.expectations as gxe
import pandas as pd
from great_expectations.core.expectation_validation_result import (
    ExpectationSuiteValidationResult,
    ExpectationValidationResult,
)
from great_expectations.data_context.types.base import (
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)
from great_expectations.expectations.row_conditions import Column

DEFAULT_DATABASE = "warehouse/customer_360.duckdb"
DEFAULT_DOCS_DIR = "docs/data_docs"
CRITICAL = "critical"
WARNING = "warning"

# The lake feeds the staging models read (the sources' external_location), counted here
# independently of dbt. lake__profile_files reads paths declared in the dbt vars: not here.
LAKE_FEEDS: dict[str, tuple[str, str]] = {
    "crm__contacts": ("crm/contacts/*/*.parquet", "parquet"),
    "billing__accounts": ("billing/accounts/*/*.parquet", "parquet"),
    "shipping__recipients": ("shipping/recipients/*/*.parquet", "parquet"),
    "ticketing__requesters": ("ticketing/requesters/*/*.parquet", "parquet"),
    "connect__customer_profiles": ("connect/customer_profiles/*/*.parquet", "parquet"),
    "connect__contact_records": ("connect/contact_records/*/*/*/*", "ndjson"),
    "connect__agent_events": ("connect/agent_events/*/*/*/*", "ndjson"),
    "web__clickstream": ("web/clickstream/*/*.parquet", "parquet"),
}
# Each staged feed and its key (macros/staging/staging_feeds.sql).
STAGING_KEYS: dict[str, str] = {
    "crm__contacts": "contact_id",
    "billing__accounts": "account_id",
    "shipping__recipients": "recipient_id",
    "ticketing__requesters": "requester_id",
    "connect__customer_profiles": "profile_id",
    "connect__contact_records": "contact_id",
    "connect__agent_events": "event_id",
    "web__clickstream": "event_id",
    "lake__profile_files": "profile_record_id",
}
EMAIL = r"^[^@\sA-Z]+@[^@\sA-Z]+\.[^@\s.A-Z]+$"  # valid_email, canonical (lower case)
E164 = r"^\+[1-9][0-9]{7,14}$"  # valid_e164


def critical(expectation: gxe.Expectation, reason: str) -> gxe.Expectation:
    """Mark an expectation as failing the gate."""
    return _mark(expectation, CRITICAL, reason)


def warning(expectation: gxe.Expectation, reason: str) -> gxe.Expectation:
    """Mark an expectation as reported only."""
    return _mark(expectation, WARNING, reason)


def _mark(expectation: gxe.Expectation, severity: str, reason: str) -> gxe.Expectation:
    expectation.severity = severity  # type: ignore[assignment]
    expectation.meta = {"severity": severity, "reason": reason}
    expectation.notes = f"{severity}: {reason}"
    return expectation


def when(column: str, value: str) -> Column:
    """Row condition: the expectation applies to the rows where column == value."""
    return Column(column) == value  # type: ignore[return-value]


@dataclass(frozen=True)
class Layer:
    """One gate: its suite's expectations and the frame they validate."""

    name: str
    query: Callable[[duckdb.DuckDBPyConnection, Path], str]
    expectations: Callable[[dict[str, int]], list[gxe.Expectation]]


# --- raw ------------------------------------------------------------------------------


def lake_counts(con: duckdb.DuckDBPyConnection, lake_root: Path) -> pd.DataFrame:
    """Files and rows of each lake feed, read from the lake itself."""
    rows = []
    for feed, (pattern, kind) in LAKE_FEEDS.items():
        glob = str(lake_root / "raw" / pattern).replace("'", "''")
        (files,) = con.sql(f"select count(*) from glob('{glob}')").fetchone() or (0,)
        count = 0
        if files and kind == "parquet":
            # row counts from the Parquet footers: no data page is read
            (count,) = con.sql(
                f"select sum(num_rows) from parquet_file_metadata('{glob}')"
            ).fetchone() or (0,)
        elif files:
            # non-blank lines, as the base models count them (ndjson_lines)
            (count,) = con.sql(
                "select sum(len(list_filter(string_split(content, chr(10)),"
                " line -> not regexp_matches(line, '^\\s*$'))))"
                f" from read_text('{glob}')"
            ).fetchone() or (0,)
        rows.append({"feed": feed, "lake_files": int(files), "lake_rows": int(count or 0)})
    return pd.DataFrame(rows)


def raw_query(con: duckdb.DuckDBPyConnection, lake_root: Path) -> str:
    """One row per feed: the lake's counts beside the warehouse's reconciliation."""
    con.register("lake_counts", lake_counts(con, lake_root))
    return """
        with quarantine as (
            select
                feed,
                count(*) filter (
                    where file_name is null or row_in_file is null or reason is null
                ) as unnamed
            from audit.audit_quarantined_rows
            group by feed
        ),
        drift as (
            select feed, count(*) as drifted from audit.audit_schema_drift group by feed
        ),
        audit as (
        select
            reconciliation.feed,
            cast(reconciliation.raw_rows as bigint) as raw_rows,
            cast(reconciliation.staged_rows as bigint) as staged_rows,
            cast(reconciliation.quarantined_rows as bigint) as quarantined_rows,
            cast(reconciliation.deduplicated_rows as bigint) as deduplicated_rows,
            cast(
                reconciliation.raw_rows - reconciliation.staged_rows
                - reconciliation.quarantined_rows - reconciliation.deduplicated_rows
                - reconciliation.erased_rows
                as bigint
            ) as unaccounted_rows,
            cast(reconciliation.quarantined_rows as double)
                / nullif(reconciliation.raw_rows, 0) as quarantined_share,
            coalesce(quarantine.unnamed, 0) as quarantined_rows_unnamed,
            coalesce(drift.drifted, 0) as drifted_columns
        from audit.audit_feed_reconciliation as reconciliation
        left join quarantine on reconciliation.feed = quarantine.feed
        left join drift on reconciliation.feed = drift.feed
        )
        select
            coalesce(lake_counts.feed, audit.feed) as feed,
            lake_counts.lake_files,
            lake_counts.lake_rows,
            audit.* exclude (feed)
        from lake_counts
        full join audit on lake_counts.feed = audit.feed
    """


def raw_expectations(_: dict[str, int]) -> list[gxe.Expectation]:
    return [
        critical(
            gxe.ExpectColumnDistinctValuesToContainSet(
                column="feed", value_set=sorted(STAGING_KEYS)
            ),
            "every feed the warehouse stages is reconciled (audit_feed_reconciliation)",
        ),
        critical(
            gxe.ExpectColumnValuesToNotBeNull(column="raw_rows"),
            "a lake feed with no reconciliation row was never read by the build",
        ),
        critical(
            gxe.ExpectColumnValuesToBeBetween(column="unaccounted_rows", min_value=0, max_value=0),
            "nothing lost: raw rows = staged + quarantined + deduplicated + erased on request",
        ),
        critical(
            gxe.ExpectColumnValuesToBeBetween(
                column="quarantined_rows_unnamed", min_value=0, max_value=0
            ),
            "every quarantined row names its file, row and reason",
        ),
        critical(
            gxe.ExpectColumnValuesToBeBetween(column="raw_rows", min_value=0),
            "counts are never negative (a broken count query shows here)",
        ),
        warning(
            gxe.ExpectColumnPairValuesToBeEqual(
                column_A="lake_rows", column_B="raw_rows", ignore_row_if="either_value_is_missing"
            ),
            "the warehouse holds what the lake holds now; differs legitimately after a "
            "windowed build (load_date_since/until) or a lake changed since the build",
        ),
        warning(
            gxe.ExpectColumnValuesToBeBetween(column="lake_files", min_value=1),
            "a lake feed with no files: an empty delivery or a moved folder",
        ),
        warning(
            gxe.ExpectColumnValuesToBeBetween(
                column="quarantined_share", min_value=0, max_value=0.05
            ),
            "more than 5% of a feed quarantined points at an upstream change; the rows "
            "are kept in audit_quarantined_rows, nothing is lost",
        ),
        warning(
            gxe.ExpectColumnValuesToBeBetween(column="drifted_columns", min_value=0, max_value=0),
            "lake files missing or adding contract columns (audit_schema_drift); staged "
            "by column name, so a person should look, not stop the run",
        ),
    ]


# --- staging --------------------------------------------------------------------------


def staging_query(_: duckdb.DuckDBPyConnection, __: Path) -> str:
    """One row per staged row of every feed: its key and the raw file and row it came from."""
    selects = [
        f"select '{feed}' as feed, cast({key} as varchar) as record_key,"
        f" _file_name as file_name, _row_in_file as row_in_file from staging.stg_{feed}"
        for feed, key in STAGING_KEYS.items()
    ]
    return "\nunion all\n".join(selects)


def staging_expectations(_: dict[str, int]) -> list[gxe.Expectation]:
    return [
        critical(
            gxe.ExpectColumnValuesToNotBeNull(column="record_key"),
            "a staged row without its key cannot be matched or deduplicated",
        ),
        critical(
            gxe.ExpectCompoundColumnsToBeUnique(column_list=["feed", "record_key"]),
            "staging keeps one row per key (the latest version)",
        ),
        critical(
            gxe.ExpectColumnValuesToNotBeNull(column="file_name"),
            "lineage: every staged row names the lake file it came from",
        ),
        critical(
            gxe.ExpectColumnValuesToNotBeNull(column="row_in_file"),
            "lineage: every staged row names its row in that file",
        ),
        critical(
            gxe.ExpectCompoundColumnsToBeUnique(column_list=["file_name", "row_in_file"]),
            "a raw row is staged at most once",
        ),
        warning(
            gxe.ExpectColumnDistinctValuesToContainSet(column="feed", value_set=sorted(LAKE_FEEDS)),
            "a lake feed that staged no row: empty, or every row quarantined",
        ),
    ]


# --- normalized -----------------------------------------------------------------------


def normalized_query(_: duckdb.DuckDBPyConnection, __: Path) -> str:
    """One row per normalized profile record, the columns the expectations check."""
    return """
        select
            profile_record_id,
            source_system,
            source_record_id,
            email,
            phone,
            birth_date,
            cast(updated_at as date) as updated_on,
            year(birth_date) as birth_year,
            last_name,
            (email is not null or phone is not null) as has_contact_point
        from intermediate.int_profiles_normalized
    """


def normalized_expectations(_: dict[str, int]) -> list[gxe.Expectation]:
    return [
        critical(
            gxe.ExpectColumnValuesToNotBeNull(column="profile_record_id"),
            "the record id every later layer joins on",
        ),
        critical(
            gxe.ExpectColumnValuesToBeUnique(column="profile_record_id"),
            "one normalized row per record, or pairs and clusters double it",
        ),
        critical(
            gxe.ExpectCompoundColumnsToBeUnique(column_list=["source_system", "source_record_id"]),
            "one normalized row per source record",
        ),
        critical(
            gxe.ExpectColumnValuesToMatchRegex(column="email", regex=EMAIL),
            "emails are compared exactly: they must be canonical (one @, dotted domain, "
            "trimmed lower case)",
        ),
        critical(
            gxe.ExpectColumnValuesToMatchRegex(column="phone", regex=E164),
            "phones are compared exactly: they must be E.164",
        ),
        critical(
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="updated_on",
                column_B="birth_date",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
            "normalization nulls a birth date after the record's own date",
        ),
        warning(
            gxe.ExpectColumnValuesToBeBetween(column="birth_year", min_value=1900),
            "a birth year before 1900 is usually a placeholder (1900-01-01, 0001-01-01)",
        ),
        warning(
            gxe.ExpectColumnValuesToBeInSet(
                column="has_contact_point", value_set=[True], mostly=0.75
            ),
            "records with neither email nor phone rarely match; a drop points at a broken "
            "column mapping",
        ),
        warning(
            gxe.ExpectColumnValuesToNotBeNull(column="last_name", mostly=0.9),
            "names drive blocking and scoring; a drop points at a broken column mapping",
        ),
    ]


# --- clusters -------------------------------------------------------------------------


def clusters_query(_: duckdb.DuckDBPyConnection, __: Path) -> str:
    """One row per record, normalized or clustered, with its cluster and its scored pairs
    reduced to their lowest and highest match probability."""
    return """
        with pair_ends as (
            select profile_record_id_l as profile_record_id, match_probability
            from intermediate.int_profile_pairs_scored
            union all
            select profile_record_id_r, match_probability
            from intermediate.int_profile_pairs_scored
        ),
        pairs as (
            select
                profile_record_id,
                min(match_probability) as min_match_probability,
                max(match_probability) as max_match_probability,
                count(*) - count(match_probability) as pairs_without_probability
            from pair_ends
            group by profile_record_id
        ),
        clusters as (
            select
                profile_record_id,
                cluster_id,
                cluster_size,
                is_converged,
                count(*) over (partition by cluster_id) as cluster_members
            from intermediate.int_profile_clusters
        )
        select
            coalesce(normalized.profile_record_id, clusters.profile_record_id)
                as profile_record_id,
            normalized.profile_record_id is not null as is_normalized,
            clusters.cluster_id,
            clusters.cluster_size,
            clusters.cluster_members,
            clusters.is_converged,
            pairs.min_match_probability,
            pairs.max_match_probability,
            coalesce(pairs.pairs_without_probability, 0) as pairs_without_probability
        from intermediate.int_profiles_normalized as normalized
        full join clusters on normalized.profile_record_id = clusters.profile_record_id
        left join pairs
            on coalesce(normalized.profile_record_id, clusters.profile_record_id)
            = pairs.profile_record_id
    """


def clusters_expectations(settings: dict[str, int]) -> list[gxe.Expectation]:
    return [
        critical(
            gxe.ExpectColumnValuesToBeUnique(column="profile_record_id"),
            "one cluster per record",
        ),
        critical(
            gxe.ExpectColumnValuesToNotBeNull(column="cluster_id"),
            "every normalized record is in a cluster",
        ),
        critical(
            gxe.ExpectColumnValuesToBeInSet(column="is_normalized", value_set=[True]),
            "no cluster holds a record that normalization no longer has",
        ),
        critical(
            gxe.ExpectColumnPairValuesToBeEqual(
                column_A="cluster_size", column_B="cluster_members"
            ),
            "cluster_size is the number of records holding the cluster id",
        ),
        critical(
            gxe.ExpectColumnValuesToBeInSet(column="is_converged", value_set=[True]),
            "connected components converged: an unconverged label may split one person",
        ),
        critical(
            gxe.ExpectColumnValuesToBeBetween(
                column="min_match_probability", min_value=0, max_value=1
            ),
            "every scored pair's match probability is a probability",
        ),
        critical(
            gxe.ExpectColumnValuesToBeBetween(
                column="max_match_probability", min_value=0, max_value=1
            ),
            "every scored pair's match probability is a probability",
        ),
        critical(
            gxe.ExpectColumnValuesToBeBetween(
                column="pairs_without_probability", min_value=0, max_value=0
            ),
            "every scored pair has a match probability (a null decides nothing)",
        ),
        warning(
            gxe.ExpectColumnValuesToBeBetween(
                column="cluster_size", min_value=1, max_value=settings["max_cluster_size"]
            ),
            "a cluster past clustering.max_cluster_size grew on very strong matches only; "
            "a person should look at it",
        ),
    ]


# --- golden ---------------------------------------------------------------------------


def golden_query(_: duckdb.DuckDBPyConnection, __: Path) -> str:
    """Two kinds of rows: one per golden record (with the identity graph's count of its
    records) and one per record (normalized or in the graph, with its unified profile)."""
    return """
        with graph as (
            select unified_profile_id, count(*) as graph_records
            from marts.fct_identity_graph
            group by unified_profile_id
        )
        select
            'golden_record' as kind,
            coalesce(golden.unified_profile_id, graph.unified_profile_id) as unified_profile_id,
            golden.unified_profile_id is not null as has_golden_record,
            golden.cluster_id,
            golden.email,
            golden.phone,
            golden.source_record_count,
            graph.graph_records
        from marts.dim_unified_profiles as golden
        full join graph on golden.unified_profile_id = graph.unified_profile_id
        union all by name
        select
            'graph_record' as kind,
            coalesce(normalized.profile_record_id, graph.profile_record_id) as profile_record_id,
            graph.unified_profile_id,
            normalized.profile_record_id is not null as is_normalized,
            graph.strongest_link_probability
        from intermediate.int_profiles_normalized as normalized
        full join marts.fct_identity_graph as graph
            on normalized.profile_record_id = graph.profile_record_id
    """


def golden_expectations(_: dict[str, int]) -> list[gxe.Expectation]:
    golden, record = when("kind", "golden_record"), when("kind", "graph_record")
    return [
        critical(
            gxe.ExpectColumnValuesToBeUnique(column="unified_profile_id", row_condition=golden),
            "one golden record per unified_profile_id",
        ),
        critical(
            gxe.ExpectColumnValuesToBeInSet(
                column="has_golden_record", value_set=[True], row_condition=golden
            ),
            "every unified profile in the identity graph has a golden record",
        ),
        critical(
            gxe.ExpectColumnValuesToNotBeNull(column="graph_records", row_condition=golden),
            "every golden record has its records in the identity graph",
        ),
        critical(
            gxe.ExpectColumnPairValuesToBeEqual(
                column_A="source_record_count", column_B="graph_records", row_condition=golden
            ),
            "a golden record counts the records the identity graph links to it",
        ),
        critical(
            gxe.ExpectColumnValuesToBeUnique(column="cluster_id", row_condition=golden),
            "one golden record per cluster",
        ),
        critical(
            gxe.ExpectColumnValuesToMatchRegex(column="email", regex=EMAIL, row_condition=golden),
            "golden emails are canonical (they are published to the marts and the lake)",
        ),
        critical(
            gxe.ExpectColumnValuesToMatchRegex(column="phone", regex=E164, row_condition=golden),
            "golden phones are E.164",
        ),
        critical(
            gxe.ExpectColumnValuesToBeUnique(column="profile_record_id", row_condition=record),
            "the identity graph holds each record once",
        ),
        critical(
            gxe.ExpectColumnValuesToNotBeNull(column="unified_profile_id", row_condition=record),
            "the identity graph covers every normalized record",
        ),
        critical(
            gxe.ExpectColumnValuesToBeInSet(
                column="is_normalized", value_set=[True], row_condition=record
            ),
            "the identity graph holds no record that normalization no longer has",
        ),
        warning(
            gxe.ExpectColumnValuesToNotBeNull(column="email", mostly=0.6, row_condition=golden),
            "golden records without an email reach fewer channels; a drop points at a "
            "broken mapping or survivorship rule",
        ),
    ]


# --- marts ----------------------------------------------------------------------------

# Each mart: its grain key (what one row stands for), the unified profile it points to and
# the duration that must not be negative (null where the mart has none); customer_360 and
# fct_contacts are full-joined to what they must cover (golden records, staged contacts), so
# a missing row shows as a null grain key.
MARTS: dict[str, tuple[str, str, str, str]] = {
    "customer_360": (
        "mart.unified_profile_id",
        "coalesce(mart.unified_profile_id, covered.unified_profile_id)",
        "null",
        "full join (select distinct unified_profile_id from marts.dim_unified_profiles)"
        " as covered on mart.unified_profile_id = covered.unified_profile_id",
    ),
    "fct_contacts": (
        "mart.contact_id",
        "mart.unified_profile_id",
        "null",
        "full join (select distinct contact_id from staging.stg_connect__contact_records)"
        " as covered on mart.contact_id = covered.contact_id",
    ),
    "dim_agents": ("agent_arn", "null", "null", ""),
    "fct_agent_contacts": ("agent_arn || '|' || contact_id", "null", "null", ""),
    "fct_agent_daily_activity": (
        "agent_arn || '|' || cast(activity_date as varchar)",
        "null",
        "null",
        "",
    ),
    "fct_agent_status_intervals": ("agent_status_interval_id", "null", "duration_seconds", ""),
    "fct_web_events": ("event_id", "unified_profile_id", "null", ""),
    "dim_web_cookies": ("cookie_id", "unified_profile_id", "null", ""),
    "fct_match_review_queue": ("review_pair_id", "null", "null", ""),
}
# The marts every deployment has; the contact-center and web marts need those feeds.
IDENTITY_MARTS = ["customer_360", "fct_match_review_queue"]


def marts_query(_: duckdb.DuckDBPyConnection, __: Path) -> str:
    """One row per mart row: its mart, grain key and the unified profile it points to,
    and whether that profile is a golden record."""
    selects = [
        f"select '{mart}' as mart, cast({grain} as varchar) as grain_key,"
        f" cast({profile} as varchar) as unified_profile_id,"
        f" cast({duration} as double) as duration_seconds"
        f" from marts.{mart} as mart {join}"
        for mart, (grain, profile, duration, join) in MARTS.items()
    ]
    union = "\n        union all\n        ".join(selects)
    return f"""
        with mart_rows as (
        {union}
        )
        select
            *,
            case
                when unified_profile_id is not null
                    then unified_profile_id in (
                        select golden.unified_profile_id from marts.dim_unified_profiles as golden
                    )
            end as profile_exists
        from mart_rows
    """


def marts_expectations(_: dict[str, int]) -> list[gxe.Expectation]:
    return [
        critical(
            gxe.ExpectColumnDistinctValuesToContainSet(column="mart", value_set=IDENTITY_MARTS),
            "the identity marts are built and not empty",
        ),
        critical(
            gxe.ExpectColumnValuesToNotBeNull(column="grain_key"),
            "every mart row has its grain key; customer_360 has a row for every golden "
            "record and fct_contacts one for every staged contact",
        ),
        critical(
            gxe.ExpectCompoundColumnsToBeUnique(column_list=["mart", "grain_key"]),
            "each mart holds one row per grain key",
        ),
        critical(
            gxe.ExpectColumnValuesToBeInSet(column="profile_exists", value_set=[True]),
            "a unified_profile_id in a mart is one of the golden records",
        ),
        critical(
            gxe.ExpectColumnValuesToBeBetween(column="duration_seconds", min_value=0),
            "agent status intervals never run backwards",
        ),
        warning(
            gxe.ExpectColumnDistinctValuesToContainSet(column="mart", value_set=sorted(MARTS)),
            "a contact-center or web mart is empty: that feed delivered nothing",
        ),
        warning(
            gxe.ExpectColumnValuesToNotBeNull(
                column="unified_profile_id",
                mostly=0.5,
                row_condition=when("mart", "fct_contacts"),
            ),
            "fewer than half the contacts resolved to a customer: the IVR's customerId or "
            "the phone match changed",
        ),
    ]


LAYERS = [
    Layer("raw", raw_query, raw_expectations),
    Layer("staging", staging_query, staging_expectations),
    Layer("normalized", normalized_query, normalized_expectations),
    Layer("clusters", clusters_query, clusters_expectations),
    Layer("golden", golden_query, golden_expectations),
    Layer("marts", marts_query, marts_expectations),
]


# --- running --------------------------------------------------------------------------


def gx_context(docs_dir: Path) -> gx.data_context.AbstractDataContext:
    """An in-memory GX context, offline, whose only Data Docs site is docs_dir."""
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
    )
    context = gx.get_context(mode="ephemeral", project_config=config)
    context.add_data_docs_site(
        site_name="local_site",
        site_config={
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(docs_dir.resolve()),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    return context


@dataclass(frozen=True)
class GateResult:
    """One layer's outcome."""

    layer: str
    critical_total: int
    failed_critical: list[str]
    warning_total: int
    failed_warnings: list[str]

    @property
    def passed(self) -> bool:
        return not self.failed_critical

    def line(self) -> str:
        status = "PASS" if self.passed else "FAIL"
        passed = self.critical_total - len(self.failed_critical)
        text = (
            f"{self.layer}: {status} {passed}/{self.critical_total} critical, "
            f"{len(self.failed_warnings)} of {self.warning_total} warnings failed"
        )
        failed = [f"critical {name}" for name in self.failed_critical]
        failed += [f"warning {name}" for name in self.failed_warnings]
        return text + ("" if not failed else ": " + "; ".join(failed))


def describe(result: ExpectationValidationResult) -> str:
    """An expectation's name: type(column, ...) [where condition] (unexpected count)."""
    config = result.expectation_config
    kwargs = config.kwargs
    columns = [
        str(kwargs[key]) for key in ("column", "column_A", "column_B") if kwargs.get(key)
    ] + [str(name) for name in kwargs.get("column_list") or []]
    name = f"{config.type}({', '.join(columns)})"
    condition = kwargs.get("row_condition")
    if isinstance(condition, dict) and {"column", "operator", "parameter"} <= set(condition):
        condition = (
            f"{condition['column']['name']} {condition['operator']} {condition['parameter']}"
        )
    if condition:
        name += f" where {condition}"
    unexpected = (result.result or {}).get("unexpected_count")
    if unexpected:
        name += f" [{unexpected} unexpected]"
    return name


def summarize(layer: str, validation: ExpectationSuiteValidationResult) -> GateResult:
    """Sort a layer's expectation results into critical and warning failures."""
    critical_total = warning_total = 0
    failed_critical: list[str] = []
    failed_warnings: list[str] = []
    for result in validation.results:
        severity = (result.expectation_config.meta or {}).get("severity", CRITICAL)
        if severity == WARNING:
            warning_total += 1
            if not result.success:
                failed_warnings.append(describe(result))
        else:
            critical_total += 1
            if not result.success:
                failed_critical.append(describe(result))
    return GateResult(layer, critical_total, failed_critical, warning_total, failed_warnings)


def write_layers(database: Path, lake_root: Path, folder: Path) -> dict[str, Path]:
    """Each layer's frame as a Parquet file, written by DuckDB (nothing held in Python)."""
    paths = {}
    with duckdb.connect(str(database), read_only=True) as con:
        for layer in LAYERS:
            path = folder / f"{layer.name}.parquet"
            try:
                query = layer.query(con, lake_root)
                con.execute(f"copy ({query}) to '{path}' (format parquet)")
            except duckdb.Error as error:
                raise GateReadError(f"layer {layer.name}: cannot read it: {error}") from error
            paths[layer.name] = path
    return paths


def run_gates(
    database: Path, lake_root: Path, docs_dir: Path, settings: dict[str, int]
) -> list[GateResult]:
    """Read every layer, validate them all in one checkpoint run, build Data Docs."""
    context = gx_context(docs_dir)
    source = context.data_sources.add_pandas("customer_360")
    with tempfile.TemporaryDirectory(prefix="quality_gates_") as folder:
        paths = write_layers(database, lake_root, Path(folder))
        definitions = []
        for layer in LAYERS:
            # Arrow-backed columns: a third of the memory of Python strings, twice as fast
            asset = source.add_parquet_asset(
                layer.name, path=paths[layer.name], dtype_backend="pyarrow"
            )
            suite = context.suites.add(gx.ExpectationSuite(name=layer.name))
            for expectation in layer.expectations(settings):
                suite.add_expectation(expectation)
            definitions.append(
                context.validation_definitions.add(
                    gx.ValidationDefinition(
                        name=layer.name,
                        data=asset.add_batch_definition_whole_dataframe(layer.name),
                        suite=suite,
                    )
                )
            )
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(
                name="quality_gates",
                validation_definitions=definitions,
                actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs")],
                result_format={"result_format": "SUMMARY"},
            )
        )
        # the layers are validated one after the other: one layer's frame in memory at once
        outcome = checkpoint.run()
    by_suite = {validation.suite_name: validation for validation in outcome.run_results.values()}
    return [summarize(layer.name, by_suite[layer.name]) for layer in LAYERS]


class GateReadError(RuntimeError):
    """A layer's tables could not be read."""


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database",
        type=Path,
        default=Path(os.environ.get("CUSTOMER_360_DUCKDB", DEFAULT_DATABASE)),
        help="the built DuckDB file (default: $CUSTOMER_360_DUCKDB or %(default)s)",
    )
    parser.add_argument("--lake-root", type=Path, default=Path("lake"))
    parser.add_argument("--docs-dir", type=Path, default=Path(DEFAULT_DOCS_DIR))
    parser.add_argument(
        "--max-cluster-size",
        type=int,
        default=50,
        help="clusters larger than this fail a warning (clustering.max_cluster_size)",
    )
    args = parser.parse_args(argv)
    if not args.database.is_file():
        print(f"quality gates: no warehouse at {args.database}: build first", file=sys.stderr)
        return 2
    settings = {"max_cluster_size": args.max_cluster_size}
    try:
        results = run_gates(args.database, args.lake_root, args.docs_dir, settings)
    except GateReadError as error:
        print(f"quality gates: {error}", file=sys.stderr)
        return 2
    for result in results:
        print(result.line())
    print(f"Data Docs: {args.docs_dir / 'index.html'}")
    failed = [result for result in results if not result.passed]
    for result in failed:
        for name in result.failed_critical:
            print(f"quality gate failed: {result.layer}: {name}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
