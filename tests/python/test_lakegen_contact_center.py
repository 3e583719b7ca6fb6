"""Tests for the synthetic Amazon Connect feeds (`lakegen.contact_center`).

A small lake is generated once per module; the assertions read it back the way staging
does (newline-delimited JSON, Hive partitions) and check the contract and the consistency
between the contact trace records and the agent event stream.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pytest
from lakegen.contact_center import write_contact_center

START = dt.date(2026, 3, 6)  # a Friday; the US switches to daylight time on 2026-03-08
DAYS = 4
N_CUSTOMERS = 4_000
CTR_FIELDS = {
    "AWSAccountId",
    "AWSContactTraceRecordFormatVersion",
    "InstanceARN",
    "ContactId",
    "InitialContactId",
    "PreviousContactId",
    "NextContactId",
    "Channel",
    "InitiationMethod",
    "InitiationTimestamp",
    "ConnectedToSystemTimestamp",
    "DisconnectTimestamp",
    "LastUpdateTimestamp",
    "CustomerEndpoint",
    "SystemEndpoint",
    "Agent",
    "Queue",
    "Attributes",
    "DisconnectReason",
}
AGENT_FIELDS = {
    "ARN",
    "Username",
    "ConnectedToAgentTimestamp",
    "AgentInteractionDuration",
    "AfterContactWorkDuration",
    "CustomerHoldDuration",
    "LongestHoldDuration",
    "NumberOfHolds",
    "RoutingProfile",
}
QUEUE_FIELDS = {"ARN", "Name", "EnqueueTimestamp", "DequeueTimestamp", "Duration"}
EVENT_FIELDS = {
    "AWSAccountId",
    "AgentARN",
    "InstanceARN",
    "EventId",
    "EventTimestamp",
    "EventType",
    "Version",
    "CurrentAgentSnapshot",
    "PreviousAgentSnapshot",
}
CONTACT_FIELDS = {
    "ContactId",
    "InitialContactId",
    "Channel",
    "InitiationMethod",
    "State",
    "StateStartTimestamp",
    "ConnectedToAgentTimestamp",
    "QueueTimestamp",
    "Queue",
}
CTR_TS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
EVENT_TS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
FILE_NAME = re.compile(
    r"^{stream}-1-\d{{4}}(-\d{{2}}){{5}}-[0-9a-f]{{8}}(-[0-9a-f]{{4}}){{3}}-[0-9a-f]{{12}}$"
)


def make_customers(n: int, seed: int = 7) -> pa.Table:
    """A synthetic customers table shaped like the population the CLI passes in."""
    rng = np.random.default_rng(seed)
    idx = np.arange(n)
    has_phone = rng.random(n) > 0.15
    has_crm = rng.random(n) > 0.25
    return pa.table(
        {
            "customer_id": [f"C{i + 1:08d}" for i in idx],
            "email": [f"person{i}@example.com" if rng.random() > 0.1 else None for i in idx],
            "phone_e164": pa.array([f"+1312555{i:04d}" for i in idx], mask=~has_phone),
            "crm_contact_id": pa.array([f"CRM-{i + 1:08d}" for i in idx], mask=~has_crm),
            "connect_profile_id": [f"{i:032x}" for i in idx],
            "household_id": [f"H{i // 2:07d}" for i in idx],
        }
    )


@pytest.fixture(scope="module")
def customers() -> pa.Table:
    return make_customers(N_CUSTOMERS)


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory, customers: pa.Table) -> Path:
    root = tmp_path_factory.mktemp("lake")
    counts = write_contact_center(customers, root, np.random.default_rng(42), START, DAYS)
    (root / "counts.json").write_text(json.dumps(counts))
    return root


@pytest.fixture(scope="module")
def con(lake: Path, customers: pa.Table) -> duckdb.DuckDBPyConnection:
    db = duckdb.connect()
    db.execute("set TimeZone = 'UTC'")
    db.register("customers", customers)
    for name, feed in (("ctr", "contact_records"), ("events", "agent_events")):
        db.execute(
            f"""create table {name} as select * from read_json(
                '{lake}/raw/connect/{feed}/*/*/*/*', format = 'newline_delimited',
                hive_partitioning = true, filename = true)"""
        )
    db.execute(
        """create table latest as select * from ctr
           qualify row_number() over (partition by ContactId
                                      order by LastUpdateTimestamp desc) = 1"""
    )
    db.execute(
        """create table handled_contacts as
           select e.AgentARN, e.EventTimestamp, e.EventType, c.*
           from events e, unnest(e.CurrentAgentSnapshot.Contacts) as u(c)"""
    )
    return db


def one(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    return con.execute(sql).fetchone()[0]


def raw_lines(lake: Path, feed: str) -> list[dict]:
    files = sorted((lake / "raw" / "connect" / feed).glob("*/*/*/*"))
    return [json.loads(line) for f in files for line in f.read_text().splitlines()]


# --------------------------------------------------------------------------------- shapes


def test_returned_counts_match_files(lake: Path, con: duckdb.DuckDBPyConnection) -> None:
    counts = json.loads((lake / "counts.json").read_text())
    assert counts["connect__contact_records"] == one(con, "select count(*) from ctr")
    assert counts["connect__agent_events"] == one(con, "select count(*) from events")
    # volume: 0.5-1 contact per customer, plus redeliveries
    assert 0.5 * N_CUSTOMERS < counts["connect__contact_records"] < 1.1 * N_CUSTOMERS


def test_ctr_documented_fields_and_formats(lake: Path) -> None:
    records = raw_lines(lake, "contact_records")
    assert records
    for r in records:
        assert r.keys() >= CTR_FIELDS
        assert r["AWSContactTraceRecordFormatVersion"] == "2017-03-10"
        assert r["Channel"] in {"VOICE", "CHAT", "TASK"}
        assert r["InitiationMethod"] in {"INBOUND", "OUTBOUND", "CALLBACK", "TRANSFER", "API"}
        for key in ("InitiationTimestamp", "DisconnectTimestamp", "LastUpdateTimestamp"):
            assert CTR_TS.match(r[key]), r[key]
        assert r["Queue"].keys() >= QUEUE_FIELDS
        assert isinstance(r["Queue"]["Duration"], int)
        assert all(isinstance(v, str) for v in r["Attributes"].values())
        if r["Agent"] is not None:
            assert r["Agent"].keys() >= AGENT_FIELDS
            assert CTR_TS.match(r["Agent"]["ConnectedToAgentTimestamp"])
            assert re.match(
                r"^arn:aws:connect:us-east-1:111122223333:instance/[0-9a-f-]{36}/agent/[0-9a-f-]{36}$",
                r["Agent"]["ARN"],
            )
        if r["CustomerEndpoint"] is not None:
            assert r["CustomerEndpoint"]["Type"] == "TELEPHONE_NUMBER"
            assert re.match(r"^\+1\d{10}$", r["CustomerEndpoint"]["Address"])


def test_channel_and_method_mix(con: duckdb.DuckDBPyConnection) -> None:
    rows = dict(con.execute("select Channel, count(*) from latest group by 1").fetchall())
    assert rows["VOICE"] > rows["CHAT"] > rows["TASK"] > 0
    methods = dict(
        con.execute("select InitiationMethod, count(*) from latest group by 1").fetchall()
    )
    assert methods["INBOUND"] > sum(methods.values()) / 2
    assert {"OUTBOUND", "CALLBACK", "TRANSFER"} <= methods.keys()


def test_agent_event_documented_fields_and_formats(lake: Path) -> None:
    events = raw_lines(lake, "agent_events")
    assert {e["EventType"] for e in events} == {"LOGIN", "LOGOUT", "STATE_CHANGE", "HEART_BEAT"}
    for e in events:
        assert e.keys() >= EVENT_FIELDS
        assert EVENT_TS.match(e["EventTimestamp"])
        snapshot = e["CurrentAgentSnapshot"]
        assert snapshot["AgentStatus"].keys() == {"ARN", "Name", "StartTimestamp", "Type"}
        assert snapshot["AgentStatus"]["Type"] in {"ROUTABLE", "CUSTOM", "OFFLINE"}
        assert EVENT_TS.match(snapshot["AgentStatus"]["StartTimestamp"])
        assert {"Username", "FirstName", "LastName", "RoutingProfile"} <= snapshot[
            "Configuration"
        ].keys()
        for contact in snapshot["Contacts"]:
            assert contact.keys() == CONTACT_FIELDS
        assert (e["PreviousAgentSnapshot"] is None) == (e["EventType"] == "LOGIN")


def test_file_names_follow_firehose_layout(lake: Path) -> None:
    for feed, stream in (
        ("contact_records", "connect-ctr"),
        ("agent_events", "connect-agent-events"),
    ):
        files = list((lake / "raw" / "connect" / feed).glob("*/*/*/*"))
        assert files
        pattern = re.compile(FILE_NAME.pattern.format(stream=stream))
        for f in files:
            assert pattern.match(f.name), f.name
            year, month, day = (p.name for p in (f.parents[2], f.parents[1], f.parent))
            assert re.match(r"^year=\d{4}$", year) and re.match(r"^month=\d{2}$", month)
            assert re.match(r"^day=\d{2}$", day)


def test_partitions_match_timestamps(con: duckdb.DuckDBPyConnection) -> None:
    for table, column in (("ctr", "InitiationTimestamp"), ("events", "EventTimestamp")):
        bad = one(
            con,
            f"""select count(*) from {table}
                where make_date(year::int, month::int, day::int) <> cast({column} as date)""",
        )
        assert bad == 0
    # the late shift runs past midnight UTC: a contact centre day spans two partitions
    assert one(con, "select count(distinct day) from events") > DAYS


# ------------------------------------------------------------------------------ CTR rules


def test_latest_copy_per_contact_is_unique_and_redeliveries_exist(
    con: duckdb.DuckDBPyConnection,
) -> None:
    total, distinct = con.execute("select count(*), count(distinct ContactId) from ctr").fetchone()
    assert 0.01 * distinct < total - distinct < 0.06 * distinct
    ties = one(
        con,
        """select count(*) from (
               select c.ContactId from ctr c
               join (select ContactId, max(LastUpdateTimestamp) m from ctr group by 1) x
                 on x.ContactId = c.ContactId and x.m = c.LastUpdateTimestamp
               group by 1 having count(*) > 1)""",
    )
    assert ties == 0
    assert one(con, "select count(*) from latest") == distinct
    same_partition = one(
        con,
        """select bool_and(n_days = 1 and n_inits = 1) from (
               select count(distinct (year, month, day)) n_days,
                      count(distinct InitiationTimestamp) n_inits
               from ctr group by ContactId having count(*) > 1)""",
    )
    assert same_partition
    updated = one(
        con,
        """select count(*) from latest
           where Attributes.postCallSurveyScore is not null""",
    )
    assert updated > 0


def test_transfers_link_to_the_first_leg(con: duckdb.DuckDBPyConnection) -> None:
    n, linked = con.execute(
        """select count(*),
                  count(*) filter (
                      where t.InitialContactId = f.ContactId
                        and f.NextContactId = t.ContactId
                        and t.InitiationTimestamp = f.DisconnectTimestamp
                        and t.Queue.EnqueueTimestamp = t.InitiationTimestamp
                        and t.Agent.ARN <> f.Agent.ARN
                        and t.CustomerEndpoint is not distinct from f.CustomerEndpoint
                        and t.Attributes.customerId is not distinct from f.Attributes.customerId)
           from latest t left join latest f on t.PreviousContactId = f.ContactId
           where t.InitiationMethod = 'TRANSFER'"""
    ).fetchone()
    total = one(con, "select count(*) from latest")
    assert 0.03 * total < n < 0.07 * total
    assert linked == n
    orphans = one(
        con,
        """select count(*) from latest f
           where f.NextContactId is not null
             and f.NextContactId not in (select ContactId from latest)""",
    )
    assert orphans == 0


def test_abandoned_contacts_have_a_queue_and_no_agent(con: duckdb.DuckDBPyConnection) -> None:
    n, ok = con.execute(
        """select count(*),
                  count(*) filter (
                      where Queue.EnqueueTimestamp is not null
                        and Queue.DequeueTimestamp >= Queue.EnqueueTimestamp
                        and DisconnectReason = 'CUSTOMER_DISCONNECT'
                        and DisconnectTimestamp = Queue.DequeueTimestamp)
           from latest where Agent is null"""
    ).fetchone()
    total = one(con, "select count(*) from latest")
    assert 0.02 * total < n < 0.07 * total
    assert ok == n


def test_durations_are_consistent(con: duckdb.DuckDBPyConnection) -> None:
    bad = con.execute(
        """select
             count(*) filter (where Queue.EnqueueTimestamp is not null and Queue.Duration <>
                 date_diff('second', Queue.EnqueueTimestamp, Queue.DequeueTimestamp)),
             count(*) filter (where Agent is not null and date_diff('second',
                 Agent.ConnectedToAgentTimestamp, DisconnectTimestamp)
                 <> Agent.AgentInteractionDuration + Agent.CustomerHoldDuration),
             count(*) filter (where Agent.LongestHoldDuration > Agent.CustomerHoldDuration
                 or (Agent.NumberOfHolds = 0) <> (Agent.CustomerHoldDuration = 0)
                 or Agent.NumberOfHolds > 0 and Agent.LongestHoldDuration * Agent.NumberOfHolds
                    < Agent.CustomerHoldDuration),
             count(*) filter (where Agent is not null and InitiationMethod <> 'OUTBOUND'
                 and Queue.DequeueTimestamp <> Agent.ConnectedToAgentTimestamp),
             count(*) filter (where InitiationMethod in ('INBOUND', 'TRANSFER')
                 and ConnectedToSystemTimestamp <> InitiationTimestamp),
             count(*) filter (where InitiationTimestamp > Queue.EnqueueTimestamp
                 or DisconnectTimestamp > LastUpdateTimestamp
                 or InitiationTimestamp > DisconnectTimestamp)
           from latest"""
    ).fetchone()
    assert bad == (0, 0, 0, 0, 0, 0)
    assert one(con, "select count(*) from latest where Agent.NumberOfHolds > 0") > 0


def test_callers_known_unknown_and_identified(con: duckdb.DuckDBPyConnection) -> None:
    inbound, unknown = con.execute(
        """select count(*), count(*) filter (where c.customer_id is null)
           from latest l left join customers c on c.phone_e164 = l.CustomerEndpoint.Address
           where l.Channel = 'VOICE' and l.InitiationMethod = 'INBOUND'"""
    ).fetchone()
    assert 0.05 * inbound < unknown < 0.16 * inbound
    # customerId holds the CRM id of the customer whose phone is calling
    with_id, consistent = con.execute(
        """select count(*), count(*) filter (where c.phone_e164 = l.CustomerEndpoint.Address)
           from latest l join customers c on c.crm_contact_id = l.Attributes.customerId
           where l.Channel = 'VOICE'"""
    ).fetchone()
    identified = one(
        con,
        """select count(*) from latest l join customers c
               on c.phone_e164 = l.CustomerEndpoint.Address and c.crm_contact_id is not null
           where l.Channel = 'VOICE'""",
    )
    assert with_id == consistent
    assert 0.2 * identified < with_id < 0.4 * identified
    assert (
        one(
            con,
            """select count(*) from latest where Attributes.customerId is not null
           and Attributes.customerId not in (select crm_contact_id from customers
                                             where crm_contact_id is not null)""",
        )
        == 0
    )


def test_chats_and_tasks_have_no_phone_endpoint(con: duckdb.DuckDBPyConnection) -> None:
    assert (
        one(
            con,
            "select count(*) from ctr where Channel <> 'VOICE' and CustomerEndpoint is not null",
        )
        == 0
    )
    assert (
        one(
            con,
            "select count(*) from ctr where Channel = 'CHAT' and Attributes.customerId is not null",
        )
        > 0
    )


# ------------------------------------------------------------------- agent events vs CTR


def test_agent_event_contacts_exist_in_ctr_with_same_agent(con: duckdb.DuckDBPyConnection) -> None:
    missing, other_agent, wrong_connect = con.execute(
        """select count(*) filter (where l.ContactId is null),
                  count(*) filter (where l.Agent.ARN <> h.AgentARN),
                  count(*) filter (where h.ConnectedToAgentTimestamp is not null and
                      date_trunc('second', h.ConnectedToAgentTimestamp::timestamp)
                      <> l.Agent.ConnectedToAgentTimestamp)
           from handled_contacts h left join latest l on l.ContactId = h.ContactId"""
    ).fetchone()
    assert (missing, other_agent, wrong_connect) == (0, 0, 0)
    # and every CTR handled by an agent shows up in that agent's events
    unseen = one(
        con,
        """select count(*) from latest where Agent is not null
           and ContactId not in (select ContactId from handled_contacts)""",
    )
    assert unseen == 0


def test_contact_states_follow_the_documented_sequence(con: duckdb.DuckDBPyConnection) -> None:
    states = dict(con.execute("select State, count(*) from handled_contacts group by 1").fetchall())
    assert set(states) == {"CONNECTING", "CONNECTED", "CONNECTED_ONHOLD", "ENDED"}
    bad = one(
        con,
        """select count(*) from (
               select ContactId, list(State order by EventTimestamp) s from handled_contacts
               group by 1)
           where s[1] <> 'CONNECTING' or s[2] <> 'CONNECTED' or s[-1] <> 'ENDED'""",
    )
    assert bad == 0


def test_an_agent_handles_one_contact_at_a_time(con: duckdb.DuckDBPyConnection) -> None:
    overlaps = one(
        con,
        """with spans as (
               select AgentARN, ContactId, min(EventTimestamp) s, max(EventTimestamp) e
               from handled_contacts group by 1, 2)
           select count(*) from (
               select s, lag(e) over (partition by AgentARN order by s) prev_end from spans)
           where s <= prev_end""",
    )
    assert overlaps == 0


def test_status_intervals_do_not_overlap(con: duckdb.DuckDBPyConnection) -> None:
    bad = con.execute(
        """with ordered as (
               select AgentARN, EventTimestamp, EventType,
                      CurrentAgentSnapshot.AgentStatus.StartTimestamp st,
                      CurrentAgentSnapshot.AgentStatus.Name status,
                      PreviousAgentSnapshot.AgentStatus.Name prev_status,
                      lag(CurrentAgentSnapshot.AgentStatus.StartTimestamp) over w prev_st,
                      lag(CurrentAgentSnapshot.AgentStatus.Name) over w prev_event_status,
                      lag(EventTimestamp) over w prev_ts
               from events
               window w as (partition by AgentARN order by EventTimestamp, EventType))
           select count(*) filter (where st > EventTimestamp),
                  count(*) filter (where st < prev_st),
                  count(*) filter (where EventTimestamp = prev_ts),
                  count(*) filter (where EventType <> 'LOGIN' and prev_status <> prev_event_status),
                  count(*) filter (where EventType = 'STATE_CHANGE' and st <> prev_st
                                   and st <> EventTimestamp)
           from ordered"""
    ).fetchone()
    assert bad == (0, 0, 0, 0, 0)
    statuses = {
        r[0]
        for r in con.execute(
            "select distinct CurrentAgentSnapshot.AgentStatus.Name from events"
        ).fetchall()
    }
    assert statuses == {"Available", "Break", "Lunch", "Offline"}


def test_shifts_and_heartbeats(con: duckdb.DuckDBPyConnection) -> None:
    logins, logouts = con.execute(
        """select count(*) filter (where EventType = 'LOGIN'),
                  count(*) filter (where EventType = 'LOGOUT') from events"""
    ).fetchone()
    assert logins == logouts > 0
    agents = one(con, "select count(distinct AgentARN) from events")
    assert agents >= 5
    beats, bad_gap, busy = con.execute(
        """with ordered as (
               select EventType, EventTimestamp, len(CurrentAgentSnapshot.Contacts) n,
                      lag(EventTimestamp) over (partition by AgentARN order by EventTimestamp) prev
               from events)
           select count(*), count(*) filter (where EventTimestamp - prev <> interval 120 second),
                  count(*) filter (where n > 0)
           from ordered where EventType = 'HEART_BEAT'"""
    ).fetchone()
    assert beats > 0 and bad_gap == 0 and busy == 0
    # heartbeats stay a minority of the stream
    assert beats < 0.5 * one(con, "select count(*) from events")


# --------------------------------------------------------------------------- determinism


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_same_seed_same_output(tmp_path: Path) -> None:
    customers = make_customers(600, seed=3)
    for name in ("a", "b"):
        write_contact_center(customers, tmp_path / name, np.random.default_rng(5), START, 2)
    a, b = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert a and a.keys() == b.keys()
    assert a == b
    write_contact_center(customers, tmp_path / "c", np.random.default_rng(6), START, 2)
    assert tree(tmp_path / "c").keys() != a.keys()
