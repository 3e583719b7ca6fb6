"""The dashboard's figures, read from the marts of a built warehouse.

Each function takes a read-only DuckDB connection and returns one small frame; app.py lays
them out. The SQL reads only the marts schema (the analyst-facing outputs), never the
intermediate models.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd

DEFAULT_DATABASE = "warehouse/customer_360.duckdb"
CONTACT_BUCKETS = 10  # contacts per customer: 0, 1, ..., 9 and "10+"


def database_path() -> Path:
    """The warehouse the dashboard reads: $CUSTOMER_360_DUCKDB, as the dbt profile uses."""
    return Path(os.environ.get("CUSTOMER_360_DUCKDB", DEFAULT_DATABASE))


def connect(database: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection, with a message that says what to do when there is no build."""
    if not database.exists():
        raise FileNotFoundError(f"{database} does not exist: run `make run` first")
    return duckdb.connect(str(database), read_only=True)


def headline(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """Source records, unified profiles, their duplicate rate and the review-queue size."""
    records, profiles, review = con.sql(
        """
        select
            (select count(*) from marts.fct_identity_graph),
            (select count(*) from marts.dim_unified_profiles),
            (select count(*) from marts.fct_match_review_queue)
        """
    ).fetchone()
    duplicate_rate = (records - profiles) / records if records else 0.0
    return {
        "source_records": records,
        "unified_profiles": profiles,
        "duplicate_rate": duplicate_rate,
        "review_queue_pairs": review,
    }


def profiles_per_source(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per source system: records, the profiles they resolve to, and the duplicates among them."""
    return con.sql(
        """
        with per_profile as (
            select source_system, unified_profile_id, count(*) as records
            from marts.fct_identity_graph
            group by source_system, unified_profile_id
        )
        select
            source_system,
            sum(records)::bigint as records,
            count(*) as unified_profiles,
            (sum(records) - count(*))::bigint as duplicate_records,
            (sum(records) - count(*)) / sum(records) as duplicate_rate
        from per_profile
        group by source_system
        order by source_system
        """
    ).df()


def match_weight_distribution(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Candidate pairs per one-unit match-weight bin and decision."""
    return con.sql(
        """
        select match_weight_bin, decision, pair_count
        from marts.fct_match_weight_distribution
        order by match_weight_bin, decision
        """
    ).df()


def pairs_by_decision(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Candidate pairs per decision, with the weight range each decision covers."""
    return con.sql(
        """
        select
            decision,
            sum(pair_count)::bigint as pairs,
            min(match_weight_bin) as lowest_weight_bin,
            max(match_weight_bin) as highest_weight_bin
        from marts.fct_match_weight_distribution
        group by decision
        order by lowest_weight_bin
        """
    ).df()


def cluster_sizes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Unified profiles by how many source records they hold."""
    return con.sql(
        """
        select source_record_count as records_per_profile, count(*) as unified_profiles
        from marts.dim_unified_profiles
        group by source_record_count
        order by records_per_profile
        """
    ).df()


def contacts_per_customer(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Unified profiles by their number of contacts (the last bucket holds 10 and more)."""
    return con.sql(
        f"""
        with bucketed as (
            select least(contact_count, {CONTACT_BUCKETS}) as bucket
            from marts.customer_360
        )
        select
            case when bucket = {CONTACT_BUCKETS} then '{CONTACT_BUCKETS}+'
                else bucket::varchar end as contacts,
            count(*) as unified_profiles
        from bucketed
        group by bucket
        order by bucket
        """
    ).df()


def contact_resolution(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Contacts by how they reached a unified profile (or why they did not)."""
    return con.sql(
        """
        select
            coalesce(resolution_method, 'unresolved: ' || unresolved_reason) as resolution,
            count(*) as contacts
        from marts.fct_contacts
        group by 1
        order by contacts desc, resolution
        """
    ).df()


def agent_occupancy(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per agent over all days: time on contacts, time available, occupancy, contacts handled."""
    return con.sql(
        """
        select
            coalesce(agents.agent_username, activity.agent_arn) as agent,
            count(*) as active_days,
            sum(activity.contact_seconds) / 3600.0 as contact_hours,
            sum(activity.available_seconds) / 3600.0 as available_hours,
            sum(activity.contact_seconds)
                / nullif(sum(activity.contact_seconds) + sum(activity.available_seconds), 0)
                as occupancy,
            sum(activity.contacts_handled)::bigint as contacts_handled
        from marts.fct_agent_daily_activity as activity
        left join marts.dim_agents as agents on activity.agent_arn = agents.agent_arn
        group by 1
        order by agent
        """
    ).df()


def daily_occupancy(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Occupancy of all agents together, per day."""
    return con.sql(
        """
        select
            activity_date,
            sum(contact_seconds)
                / nullif(sum(contact_seconds) + sum(available_seconds), 0) as occupancy
        from marts.fct_agent_daily_activity
        group by activity_date
        order by activity_date
        """
    ).df()
