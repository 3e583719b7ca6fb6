"""Tests for the synthetic web clickstream (`lakegen.web`).

A small clickstream is generated once per module and read back with DuckDB the way
staging reads it (Hive-partitioned Parquet); the cookie ground truth is checked against it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from lakegen.web import random_uuids, write_clickstream

START = dt.date(2026, 1, 5)
DAYS = 5
N_CUSTOMERS = 5_000
COLUMNS = [
    ("event_id", "VARCHAR"),
    ("cookie_id", "VARCHAR"),
    ("session_id", "VARCHAR"),
    ("event_name", "VARCHAR"),
    ("page_url", "VARCHAR"),
    ("referrer", "VARCHAR"),
    ("user_agent", "VARCHAR"),
    ("email", "VARCHAR"),
    ("event_timestamp", "TIMESTAMP WITH TIME ZONE"),
]
EVENT_NAMES = {
    "page_view",
    "product_view",
    "add_to_cart",
    "login",
    "registration",
    "checkout",
    "logout",
}


def make_customers(n: int, seed: int = 11) -> pa.Table:
    """A synthetic customers table shaped like the population the CLI passes in."""
    rng = np.random.default_rng(seed)
    idx = np.arange(n)
    has_email = rng.random(n) > 0.1
    return pa.table(
        {
            "customer_id": [f"C{i + 1:08d}" for i in idx],
            "email": pa.array([f"person{i}@example.com" for i in idx], mask=~has_email),
            "phone_e164": [f"+1312555{i:04d}" for i in idx],
            "crm_contact_id": [f"CRM-{i + 1:08d}" for i in idx],
            "connect_profile_id": [None] * n,
            "household_id": [f"H{i // 3:07d}" for i in idx],
        }
    )


@pytest.fixture(scope="module")
def customers() -> pa.Table:
    return make_customers(N_CUSTOMERS)


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory, customers: pa.Table) -> Path:
    root = tmp_path_factory.mktemp("lake")
    counts = write_clickstream(customers, root, np.random.default_rng(17), START, DAYS)
    (root / "counts.json").write_text(json.dumps(counts))
    return root


@pytest.fixture(scope="module")
def con(lake: Path, customers: pa.Table) -> duckdb.DuckDBPyConnection:
    db = duckdb.connect()
    db.execute("set TimeZone = 'UTC'")
    db.register("customers", customers)
    db.execute(
        f"""create table clicks as select * from read_parquet(
            '{lake}/raw/web/clickstream/*/*.parquet', hive_partitioning = true)"""
    )
    db.execute(f"create table truth as select * from '{lake}/_truth/cookies.parquet'")
    return db


def one(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    return con.execute(sql).fetchone()[0]


def test_random_uuids_are_version_4_and_deterministic() -> None:
    a = random_uuids(np.random.default_rng(1), 1000).to_pylist()
    assert a == random_uuids(np.random.default_rng(1), 1000).to_pylist()
    assert len(set(a)) == 1000
    assert all(len(u) == 36 and u[14] == "4" and u[19] in "89ab" for u in a)


def test_columns_and_types_follow_the_contract(lake: Path, con: duckdb.DuckDBPyConnection) -> None:
    files = list((lake / "raw" / "web" / "clickstream").glob("event_date=*/*.parquet"))
    assert files
    schema = pq.read_schema(files[0])
    assert schema.names == [name for name, _ in COLUMNS]
    assert schema.field("event_timestamp").type == pa.timestamp("us", tz="UTC")
    described = con.execute(
        f"describe select * from read_parquet('{files[0]}', hive_partitioning = false)"
    ).fetchall()
    assert [(r[0], r[1]) for r in described] == COLUMNS


def test_counts_and_required_fields(lake: Path, con: duckdb.DuckDBPyConnection) -> None:
    counts = json.loads((lake / "counts.json").read_text())
    total, ids, missing = con.execute(
        """select count(*), count(distinct event_id),
                  count(*) filter (where event_id is null or cookie_id is null
                                   or session_id is null or event_timestamp is null
                                   or page_url is null or user_agent is null)
           from clicks"""
    ).fetchone()
    assert counts == {"web__clickstream": total}
    assert total == ids and missing == 0
    names = {r[0] for r in con.execute("select distinct event_name from clicks").fetchall()}
    assert names == EVENT_NAMES


def test_partition_is_the_utc_event_date(con: duckdb.DuckDBPyConnection) -> None:
    assert one(con, "select count(*) from clicks where event_date <> event_timestamp::date") == 0
    first, last = con.execute("select min(event_date), max(event_date) from clicks").fetchone()
    assert first == START
    assert last <= START + dt.timedelta(days=DAYS)


def test_only_identifying_events_carry_an_email(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        """select event_name in ('login', 'registration', 'checkout') as identifying,
                  count(*), count(email)
           from clicks group by 1"""
    ).fetchall()
    by_kind = {r[0]: (r[1], r[2]) for r in rows}
    assert by_kind[True][0] == by_kind[True][1] > 0
    assert by_kind[False][1] == 0


def test_emails_are_customers_emails_with_typing_noise(con: duckdb.DuckDBPyConnection) -> None:
    unknown = one(
        con,
        """select count(*) from clicks where email is not null
           and lower(trim(email)) not in (select email from customers where email is not null)""",
    )
    assert unknown == 0
    noisy, total = con.execute(
        """select count(*) filter (where email <> lower(trim(email))), count(email) from clicks"""
    ).fetchone()
    assert 0.05 * total < noisy < 0.4 * total


def test_anonymous_browsing_precedes_the_first_login(con: duckdb.DuckDBPyConnection) -> None:
    with_history, identified = con.execute(
        """with firsts as (
               select cookie_id,
                      min(event_timestamp) filter (where email is not null) first_id,
                      min(event_timestamp) first_seen
               from clicks group by 1)
           select count(*) filter (where first_seen < first_id), count(first_id) from firsts"""
    ).fetchone()
    assert identified > 0
    assert with_history > 0.5 * identified
    # checkout only after the visitor identified in that session
    early_checkout = one(
        con,
        """select count(*) from clicks c where event_name = 'checkout' and not exists (
               select 1 from clicks l where l.session_id = c.session_id
               and l.event_name in ('login', 'registration')
               and l.event_timestamp < c.event_timestamp)""",
    )
    assert early_checkout == 0


def test_registrations_happen_once_per_customer(con: duckdb.DuckDBPyConnection) -> None:
    regs, people = con.execute(
        """select count(*), count(distinct lower(trim(email))) from clicks
           where event_name = 'registration'"""
    ).fetchone()
    assert regs > 0 and regs == people


def test_truth_covers_every_cookie_once(con: duckdb.DuckDBPyConnection) -> None:
    cookies, truth_rows, truth_cookies, uncovered = con.execute(
        """select (select count(distinct cookie_id) from clicks),
                  count(*), count(distinct cookie_id),
                  (select count(distinct cookie_id) from clicks
                   where cookie_id not in (select cookie_id from truth))
           from truth"""
    ).fetchone()
    assert cookies == truth_rows == truth_cookies
    assert uncovered == 0


def test_truth_matches_who_identified_on_the_cookie(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """create or replace temp table cookie_people as
           select c.cookie_id, count(distinct cu.customer_id) people,
                  list(distinct cu.customer_id) ids
           from clicks c join customers cu on cu.email = lower(trim(c.email))
           group by 1"""
    )
    anonymous_with_email = one(
        con,
        """select count(*) from truth t join cookie_people p using (cookie_id)
           where t.customer_id is null""",
    )
    assert anonymous_with_email == 0
    never_identified = one(
        con,
        """select count(*) from truth where customer_id is null
           and cookie_id not in (select cookie_id from cookie_people)""",
    )
    assert never_identified > 0
    wrong = one(
        con,
        """select count(*) from truth t join cookie_people p using (cookie_id)
           where not list_contains(p.ids, t.customer_id)
              or t.is_shared_device <> (p.people > 1)""",
    )
    assert wrong == 0


def test_some_devices_are_shared_and_people_use_several(con: duckdb.DuckDBPyConnection) -> None:
    shared, identified = con.execute(
        """select count(*) filter (where is_shared_device), count(customer_id) from truth"""
    ).fetchone()
    assert 0.005 * identified < shared < 0.1 * identified
    same_household = one(
        con,
        """select count(*) from (
               select c.cookie_id from clicks c
               join customers cu on cu.email = lower(trim(c.email))
               join truth t on t.cookie_id = c.cookie_id and t.is_shared_device
               group by 1 having count(distinct cu.household_id) = 1)""",
    )
    assert same_household > 0
    multi_device = one(
        con,
        "select count(*) from (select customer_id from truth group by 1 having count(*) > 1)",
    )
    assert multi_device > 0


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_same_seed_same_output(tmp_path: Path) -> None:
    customers = make_customers(800, seed=2)
    for name in ("a", "b"):
        write_clickstream(customers, tmp_path / name, np.random.default_rng(9), START, 3)
    a, b = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert a and a == b
    write_clickstream(customers, tmp_path / "c", np.random.default_rng(10), START, 3)
    assert tree(tmp_path / "c") != a
