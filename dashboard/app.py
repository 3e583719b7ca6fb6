"""customer_360 dashboard: identity resolution and contact-center figures from the marts.

Run it with `make dashboard` (or `streamlit run dashboard/app.py`); it reads the DuckDB file
named by $CUSTOMER_360_DUCKDB (default warehouse/customer_360.duckdb) read-only. Every figure
is a chart with the table of its numbers under it; the tables are what
tests/python/test_dashboard.py reads back and checks against the marts.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

import figures


def count(value: float) -> str:
    """A count with thousands separators."""
    return f"{int(value):,}"


def share(value: float | None) -> str:
    """A share as a percentage with one decimal ("" when unknown)."""
    return "" if value is None or pd.isna(value) else f"{100 * value:.1f}%"


def hours(value: float) -> str:
    """Hours with one decimal."""
    return f"{value:,.1f}"


def as_table(frame: pd.DataFrame, formats: dict[str, Callable[[float], str]]) -> pd.DataFrame:
    """The frame with its numbers formatted as the dashboard shows them."""
    shown = frame.copy()
    for column, fmt in formats.items():
        shown[column] = shown[column].map(fmt)
    return shown


def main() -> None:
    """Lay the page out."""
    st.set_page_config(page_title="customer_360", layout="wide")
    st.title("customer_360")
    database = figures.database_path()
    st.caption(f"Read from {database} (marts schema).")
    with figures.connect(database) as con:
        top = figures.headline(con)
        per_source = figures.profiles_per_source(con)
        weights = figures.match_weight_distribution(con)
        decisions = figures.pairs_by_decision(con)
        clusters = figures.cluster_sizes(con)
        contacts = figures.contacts_per_customer(con)
        resolution = figures.contact_resolution(con)
        agents = figures.agent_occupancy(con)
        daily = figures.daily_occupancy(con)

    with st.container(key="headline"):
        left, middle, right, last = st.columns(4)
        left.metric("Source records", count(top["source_records"]))
        middle.metric("Unified profiles", count(top["unified_profiles"]))
        right.metric("Duplicate rate", share(top["duplicate_rate"]))
        last.metric("Review queue (pairs)", count(top["review_queue_pairs"]))

    st.header("Identity resolution")
    with st.container(key="profiles_per_source"):
        st.subheader("Duplicate rate and profiles per source")
        st.altair_chart(
            alt.Chart(per_source)
            .mark_bar()
            .encode(x=alt.X("source_system:N", title="source"), y="duplicate_rate:Q"),
            use_container_width=True,
        )
        st.table(
            as_table(
                per_source,
                {
                    "records": count,
                    "unified_profiles": count,
                    "duplicate_records": count,
                    "duplicate_rate": share,
                },
            )
        )
    with st.container(key="match_weights"):
        st.subheader("Match-weight distribution of candidate pairs")
        st.altair_chart(
            alt.Chart(weights)
            .mark_bar()
            .encode(
                x=alt.X("match_weight_bin:Q", bin=False, title="match weight"),
                y=alt.Y("pair_count:Q", scale=alt.Scale(type="symlog"), title="pairs"),
                color="decision:N",
            ),
            use_container_width=True,
        )
        st.table(as_table(decisions, {"pairs": count}))
    with st.container(key="cluster_sizes"):
        st.subheader("Cluster sizes")
        st.altair_chart(
            alt.Chart(clusters)
            .mark_bar()
            .encode(x="records_per_profile:O", y="unified_profiles:Q"),
            use_container_width=True,
        )
        st.table(as_table(clusters, {"unified_profiles": count}))

    st.header("Contact center")
    with st.container(key="contacts_per_customer"):
        st.subheader("Contacts per customer")
        st.altair_chart(
            alt.Chart(contacts)
            .mark_bar()
            .encode(x=alt.X("contacts:O", sort=None), y="unified_profiles:Q"),
            use_container_width=True,
        )
        st.table(as_table(contacts, {"unified_profiles": count}))
    with st.container(key="contact_resolution"):
        st.subheader("How contacts reach a unified profile")
        st.table(as_table(resolution, {"contacts": count}))
    with st.container(key="agent_occupancy"):
        st.subheader("Agent occupancy")
        st.altair_chart(
            alt.Chart(daily)
            .mark_line(point=True)
            .encode(x="activity_date:T", y=alt.Y("occupancy:Q", axis=alt.Axis(format="%"))),
            use_container_width=True,
        )
        st.table(
            as_table(
                agents,
                {
                    "contact_hours": hours,
                    "available_hours": hours,
                    "occupancy": share,
                    "contacts_handled": count,
                },
            )
        )


main()
