"""The dashboard rendered in headless Chromium shows what the marts hold.

A generated lake (300 customers, 14 days) is built (seeds and models); the Streamlit app is
served against that warehouse and opened in Debian's Chromium through Selenium and its
ChromeDriver (`make browser` installs both). Every figure's table and the headline metrics are
read back from the page and compared with numbers the test computes itself from the marts
(and, for the pair counts, from the scored pairs the mart summarises).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import duckdb
import generate_lake
import pytest
from dbt_runner import REPO, query, run_dbt

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SECTIONS = [
    "headline",
    "profiles_per_source",
    "match_weights",
    "cluster_sizes",
    "contacts_per_customer",
    "contact_resolution",
    "agent_occupancy",
]

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="Chromium and ChromeDriver are not installed: run `make browser`",
)


def number(text: str) -> float:
    """A shown count ("12,488") or share ("8.5%") as a number (the share as a fraction)."""
    text = text.strip().replace(",", "")
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built warehouse (seeds and models, no data tests) on a small generated lake."""
    work = tmp_path_factory.mktemp("dashboard")
    lake = work / "lake"
    args = ["--lake-root", str(lake), "--customers", "300", "--seed", "11", "--days", "14"]
    assert generate_lake.main(args) == 0
    database = work / "warehouse.duckdb"
    built = run_dbt(["build", "--exclude-resource-type", "test"], lake, database)
    assert built.returncode == 0, built.stdout[-4000:]
    return database


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("localhost", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def page(warehouse: Path) -> Iterator[dict[str, list[list[str]]]]:
    """The rendered page: each section's table rows (header first), and the metrics."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    port = free_port()
    env = {**os.environ, "CUSTOMER_360_DUCKDB": str(warehouse)}
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://localhost:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            server.kill()
            pytest.fail(f"streamlit did not start:\n{server.communicate()[0]}")

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"]:
            options.add_argument(argument)
        driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
        try:
            driver.get(url)
            WebDriverWait(driver, 120).until(
                lambda d: all(
                    d.find_elements(By.CSS_SELECTOR, f".st-key-{key} table")
                    for key in SECTIONS
                    if key != "headline"
                )
            )
            assert not driver.find_elements(By.CSS_SELECTOR, '[data-testid="stException"]')
            shown: dict[str, list[list[str]]] = {}
            for key in SECTIONS[1:]:
                table = driver.find_element(By.CSS_SELECTOR, f".st-key-{key} table")
                shown[key] = [
                    [cell.text for cell in row.find_elements(By.CSS_SELECTOR, "th, td")]
                    for row in table.find_elements(By.CSS_SELECTOR, "tr")
                ]
            shown["headline"] = [
                metric.text.split("\n")
                for metric in driver.find_elements(
                    By.CSS_SELECTOR, '.st-key-headline [data-testid="stMetric"]'
                )
            ]
            charts = driver.find_elements(By.CSS_SELECTOR, ".vega-embed canvas, .vega-embed svg")
            shown["charts"] = [[str(len(charts))]]
            yield shown
        finally:
            driver.quit()
    finally:
        server.terminate()
        server.wait(timeout=30)


def rows(page: dict[str, list[list[str]]], key: str) -> dict[str, list[str]]:
    """A section's body rows keyed by their first cell."""
    return {row[0]: row[1:] for row in page[key][1:]}


def test_headline_metrics_match_the_marts(
    warehouse: Path, page: dict[str, list[list[str]]]
) -> None:
    records, profiles, queue = query(
        warehouse,
        "select (select count(*) from marts.fct_identity_graph),"
        " (select count(distinct unified_profile_id) from marts.fct_identity_graph),"
        " (select count(*) from marts.fct_match_review_queue)",
    )[0]
    shown = {label: number(value) for label, value in page["headline"]}
    assert shown["Source records"] == records
    assert shown["Unified profiles"] == profiles
    assert shown["Duplicate rate"] == pytest.approx((records - profiles) / records, abs=0.0006)
    assert shown["Review queue (pairs)"] == queue
    assert int(page["charts"][0][0]) >= 5  # every chart drew


def test_profiles_per_source(warehouse: Path, page: dict[str, list[list[str]]]) -> None:
    expected = query(
        warehouse,
        "select source_system, count(*), count(distinct unified_profile_id)"
        " from marts.fct_identity_graph group by source_system",
    )
    shown = rows(page, "profiles_per_source")
    assert page["profiles_per_source"][0] == [
        "source_system",
        "records",
        "unified_profiles",
        "duplicate_records",
        "duplicate_rate",
    ]
    assert set(shown) == {source for source, _, _ in expected}
    for source, records, profiles in expected:
        got = [number(value) for value in shown[source]]
        assert got[:3] == [records, profiles, records - profiles]
        assert got[3] == pytest.approx((records - profiles) / records, abs=0.0006)


def test_pairs_by_decision(warehouse: Path, page: dict[str, list[list[str]]]) -> None:
    expected = query(
        warehouse,
        "select decision, count(*), floor(min(match_weight)), floor(max(match_weight))"
        " from intermediate.int_profile_pairs_scored group by decision",
    )
    shown = rows(page, "match_weights")
    assert {decision: [number(value) for value in shown[decision]] for decision in shown} == {
        decision: [pairs, low, high] for decision, pairs, low, high in expected
    }


def test_cluster_sizes(warehouse: Path, page: dict[str, list[list[str]]]) -> None:
    expected = query(
        warehouse,
        "select size, count(*) from (select unified_profile_id, count(*) as size"
        " from marts.fct_identity_graph group by 1) group by size",
    )
    shown = rows(page, "cluster_sizes")
    assert {int(size): number(values[0]) for size, values in shown.items()} == dict(expected)


def test_contacts_per_customer(warehouse: Path, page: dict[str, list[list[str]]]) -> None:
    expected = query(
        warehouse,
        "with per_profile as (select profiles.unified_profile_id, count(contacts.contact_id) as n"
        " from marts.dim_unified_profiles as profiles left join marts.fct_contacts as contacts"
        " on profiles.unified_profile_id = contacts.unified_profile_id group by 1)"
        " select case when n >= 10 then '10+' else n::varchar end, count(*)"
        " from per_profile group by 1",
    )
    shown = rows(page, "contacts_per_customer")
    assert {bucket: number(values[0]) for bucket, values in shown.items()} == dict(expected)
    assert (
        sum(number(values[0]) for values in shown.values())
        == query(warehouse, "select count(*) from marts.customer_360")[0][0]
    )


def test_contact_resolution(warehouse: Path, page: dict[str, list[list[str]]]) -> None:
    resolved, unresolved, total = query(
        warehouse,
        "select count(unified_profile_id), count(*) - count(unified_profile_id), count(*)"
        " from marts.fct_contacts",
    )[0]
    shown = rows(page, "contact_resolution")
    counts = {label: number(values[0]) for label, values in shown.items()}
    assert sum(counts.values()) == total
    assert sum(v for k, v in counts.items() if k.startswith("unresolved: ")) == unresolved
    assert sum(v for k, v in counts.items() if not k.startswith("unresolved: ")) == resolved


def test_agent_occupancy(warehouse: Path, page: dict[str, list[list[str]]]) -> None:
    expected = query(
        warehouse,
        "select coalesce(agents.agent_username, activity.agent_arn), count(*),"
        " sum(contact_seconds) / 3600, sum(available_seconds) / 3600, sum(contacts_handled)"
        " from marts.fct_agent_daily_activity as activity"
        " inner join marts.dim_agents as agents on activity.agent_arn = agents.agent_arn"
        " group by 1",
    )
    shown = rows(page, "agent_occupancy")
    assert expected and set(shown) == {agent for agent, *_ in expected}
    for agent, days, contact_hours, available_hours, handled in expected:
        got = [number(value) for value in shown[agent]]
        assert got[0] == days
        assert got[1] == pytest.approx(contact_hours, abs=0.05)
        assert got[2] == pytest.approx(available_hours, abs=0.05)
        occupancy = contact_hours / (contact_hours + available_hours)
        assert got[3] == pytest.approx(occupancy, abs=0.0006)
        assert got[4] == handled


CURATED = {
    "unified_profiles": ("dim_unified_profiles", None),
    "identity_graph": ("fct_identity_graph", None),
    "match_review_queue": ("fct_match_review_queue", None),
    "match_weight_distribution": ("fct_match_weight_distribution", None),
    "unified_profile_id_history": ("fct_unified_profile_id_history", None),
    "identity_resolution_runs": ("fct_identity_resolution_runs", None),
    "contacts": ("fct_contacts", "contact_date"),
    "agent_status_intervals": ("fct_agent_status_intervals", "activity_date"),
    "agent_contacts": ("fct_agent_contacts", None),
    "agents": ("dim_agents", None),
    "agent_daily_activity": ("fct_agent_daily_activity", "activity_date"),
    "customer_360": ("customer_360", None),
    "web_events": ("fct_web_events", "event_date"),
    "web_cookies": ("dim_web_cookies", None),
}


@pytest.mark.parametrize("folder", sorted(CURATED))
def test_marts_are_written_to_the_lake(warehouse: Path, folder: str) -> None:
    """Each mart's curated Parquet holds the table's rows; day partitions match the column."""
    mart, partition = CURATED[folder]
    path = warehouse.parent / "lake" / "curated" / folder
    files = f"{path}/{'*/' if partition else ''}*.parquet"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = con.sql(f"select * from marts.{mart}").columns
        con.execute(
            f"create temp view written as select * from read_parquet('{files}',"
            f" hive_partitioning = {str(bool(partition)).lower()})"
        )
        assert sorted(con.sql("select * from written").columns) == sorted(columns)
        listed = ", ".join(f'"{column}"' for column in columns)
        for left, right in [(f"marts.{mart}", "written"), ("written", f"marts.{mart}")]:
            difference = con.sql(
                f"select count(*) from (select {listed} from {left}"
                f" except all select {listed} from {right})"
            ).fetchone()
            assert difference == (0,), f"{left} has rows {right} lacks"
        if partition:
            folders = {p.name for p in path.iterdir()}
            dates = con.sql(f"select distinct {partition}::varchar from marts.{mart}").fetchall()
            assert folders == {f"{partition}={date}" for (date,) in dates}


def test_dbt_docs_describe_every_model_and_column(warehouse: Path) -> None:
    """`dbt docs generate` on the built warehouse: every model and column has a description."""
    generated = run_dbt(["docs", "generate"], warehouse.parent / "lake", warehouse)
    assert generated.returncode == 0, generated.stdout[-4000:]
    target = warehouse.parent / "target"
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())
    undocumented = []
    for unique_id, node in catalog["nodes"].items():
        model = manifest["nodes"].get(unique_id, {})
        if model.get("resource_type") != "model":
            continue
        described = {
            name.lower() for name, column in model["columns"].items() if column["description"]
        }
        if not model["description"]:
            undocumented.append(model["name"])
        undocumented += [
            f"{model['name']}.{column}" for column in node["columns"] if column not in described
        ]
    assert undocumented == []
