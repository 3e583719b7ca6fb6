"""Contact-center marts built on a generated lake with a few constructed cases added.

The generated lake (1,500 customers, 28 days) supplies the volume: every staged contact must
land once in fct_contacts, the agents' status intervals must not overlap, customer_360 must
agree with fct_contacts. Constructed records added to the same lake pin down the rules:

- four CRM contacts: ZED (phone ZED_PHONE), two unrelated people sharing SHARED_PHONE and one
  more (OTHER_PHONE);
- contact records: two carrying ZED's CRM id as their customerId attribute but calling from
  the shared phone and from OTHER_PHONE (the attribute wins), one from ZED's phone (resolved
  by phone), one from the shared phone (ambiguous), one from a number nobody holds (unknown),
  a chat with an unknown customerId, a transfer leg from the shared phone whose first leg is
  ZED's (inherits ZED), and a call abandoned in queue;
- one agent's events over two days: a login, statuses, one contact (offered, connected, ended,
  work done), heartbeats that must not cut intervals, a logout, and a second login never logged
  out (its last interval stays open).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import generate_lake
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from dbt_runner import run_dbt

LAKE_ARGS = ["--customers", "1500", "--seed", "7", "--days", "28"]
MODELS = [
    "int_agent_event_contacts_unnested",
    "int_contacts_resolved",
    "fct_contacts",
    "fct_agent_status_intervals",
    "fct_agent_contacts",
    "dim_agents",
    "fct_agent_daily_activity",
    "customer_360",
]
# the models' own data tests and the singular tests next to them
TESTS = [*MODELS, "test_type:singular,path:tests/marts/contact_center"]

INSTANCE = "arn:aws:connect:us-east-1:111122223333:instance/test-instance"
AGENT = f"{INSTANCE}/agent/test-agent-0001"
ZED, SHARED_B, SHARED_C = "CRM-99990001", "CRM-99990002", "CRM-99990003"
OTHER = "CRM-99990004"
ZED_PHONE, SHARED_PHONE, UNKNOWN_PHONE = "+19995550101", "+19995550102", "+19995550199"
OTHER_PHONE = "+19995550103"
DAY = "2026-01-10"

# contact id -> (resolution_method, unresolved_reason, resolves to ZED)
EXPECTED_RESOLUTION = {
    "test-attribute": ("customer_id_attribute", None, True),
    "test-attribute-over-phone": ("customer_id_attribute", None, True),
    "test-phone": ("phone", None, True),
    "test-ambiguous": (None, "ambiguous_phone", False),
    "test-unknown-phone": (None, "unknown_phone", False),
    "test-unknown-id": (None, "unknown_customer_id", False),
    "test-transfer": ("initial_contact", None, True),
    "test-abandoned": ("phone", None, True),
}


def _crm_rows(lake: Path) -> None:
    """Four CRM contacts in a file of their own, with the feed's schema."""
    folder = lake / "raw/crm/contacts/load_date=2026-01-01"
    schema = pq.read_schema(next(folder.glob("*.parquet")))
    people = [
        (ZED, "Zebulon Quixotefield", "zebulon.q@example.org", "(999) 555-0101", "03/14/1961"),
        (SHARED_B, "Brunhilda Xanthopoulos", "brunhilda.x@example.net", "999-555-0102", None),
        (SHARED_C, "Cornelius Vandersloot", "c.vandersloot@example.com", "999.555.0102", None),
        (OTHER, "Delphine Okonkwo", "delphine.okonkwo@example.com", "9995550103", None),
    ]
    rows = [
        {
            "contact_id": contact_id,
            "full_name": name,
            "email": email,
            "phone": phone,
            "mailing_street": f"{index + 7} Nowhere Lane",
            "mailing_city": ["Fargo", "Boise", "Tulsa", "Provo"][index],
            "mailing_state": ["ND", "ID", "OK", "UT"][index],
            "mailing_zip": ["58102", "83702", "74103", "84601"][index],
            "birth_date": birth_date or f"0{index + 1}/02/19{70 + index * 9}",
            "lead_source": "web",
            "created_at": "2025-06-01T09:00:00-05:00",
            "modified_at": "2025-12-01T09:00:00-05:00",
        }
        for index, (contact_id, name, email, phone, birth_date) in enumerate(people)
    ]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), folder / "part-test.parquet")


def _ctr(contact_id: str, start: str, phone: str | None, **extra: Any) -> dict[str, Any]:
    """An inbound voice contact starting at ``DAY`` ``start`` (hh:mm:ss)."""
    at = f"{DAY}T{start}Z"
    record: dict[str, Any] = {
        "AWSAccountId": "111122223333",
        "AWSContactTraceRecordFormatVersion": "2017-03-10",
        "InstanceARN": INSTANCE,
        "ContactId": contact_id,
        "InitialContactId": None,
        "PreviousContactId": None,
        "NextContactId": None,
        "Channel": "VOICE",
        "InitiationMethod": "INBOUND",
        "InitiationTimestamp": at,
        "ConnectedToSystemTimestamp": at,
        "DisconnectTimestamp": at,
        "LastUpdateTimestamp": at,
        "CustomerEndpoint": {"Address": phone, "Type": "TELEPHONE_NUMBER"} if phone else None,
        "SystemEndpoint": {"Address": "+18005550100", "Type": "TELEPHONE_NUMBER"},
        # never queued, never handled (self-service in the IVR) unless overridden
        "Agent": None,
        "Queue": None,
        "Attributes": {},
        "DisconnectReason": "CUSTOMER_DISCONNECT",
    }
    record.update(extra)
    return record


def _agent(connected: str, talk: int, hold: int, acw: int) -> dict[str, Any]:
    return {
        "ARN": AGENT,
        "Username": "ttester0001",
        "ConnectedToAgentTimestamp": f"{DAY}T{connected}Z",
        "AgentInteractionDuration": talk,
        "AfterContactWorkDuration": acw,
        "CustomerHoldDuration": hold,
        "LongestHoldDuration": hold,
        "NumberOfHolds": 1 if hold else 0,
        "RoutingProfile": {"ARN": f"{INSTANCE}/routing-profile/rp-test", "Name": "Test Profile"},
    }


def _contact_records(lake: Path) -> None:
    queue = {
        "ARN": f"{INSTANCE}/queue/q-test",
        "Name": "BasicQueue",
        "EnqueueTimestamp": f"{DAY}T09:09:30Z",
        "DequeueTimestamp": f"{DAY}T09:10:00Z",
        "Duration": 30,
    }
    abandoned_queue = {**queue, "EnqueueTimestamp": f"{DAY}T12:00:10Z"}
    abandoned_queue |= {"DequeueTimestamp": f"{DAY}T12:02:10Z", "Duration": 120}
    records = [
        _ctr(
            "test-attribute",
            "08:00:00",
            SHARED_PHONE,
            NextContactId="test-transfer",
            Attributes={"customerId": ZED},
        ),
        _ctr(
            "test-transfer",
            "08:05:00",
            SHARED_PHONE,
            InitiationMethod="TRANSFER",
            InitialContactId="test-attribute",
            PreviousContactId="test-attribute",
        ),
        _ctr(
            "test-phone",
            "09:09:00",
            ZED_PHONE,
            Agent=_agent("09:10:05", talk=245, hold=50, acw=60),
            Queue=queue,
            DisconnectTimestamp=f"{DAY}T09:15:00Z",
        ),
        # the phone is another person's alone: the customerId still wins
        _ctr("test-attribute-over-phone", "09:40:00", OTHER_PHONE, Attributes={"customerId": ZED}),
        _ctr("test-ambiguous", "10:00:00", SHARED_PHONE),
        _ctr("test-unknown-phone", "10:30:00", UNKNOWN_PHONE),
        _ctr(
            "test-unknown-id",
            "11:00:00",
            None,
            Channel="CHAT",
            Attributes={"customerId": "CRM-99999999"},
        ),
        _ctr("test-abandoned", "12:00:00", ZED_PHONE, Queue=abandoned_queue),
    ]
    folder = lake / "raw/connect/contact_records/year=2026/month=01/day=10"
    folder.mkdir(parents=True, exist_ok=True)
    lines = "".join(json.dumps(record) + "\n" for record in records)
    (folder / "connect-ctr-1-2026-01-10-23-59-00-test").write_text(lines, encoding="utf-8")


def _event(
    event_id: str, event_type: str, at: str, status: str, contact_state: str | None = None
) -> dict[str, Any]:
    """An agent event at ``at`` (date and time) with the agent in ``status``."""
    types = {"Available": "ROUTABLE", "Break": "CUSTOM", "Offline": "OFFLINE"}
    contacts = []
    if contact_state:
        contacts.append(
            {
                "ContactId": "test-phone",
                "InitialContactId": None,
                "Channel": "VOICE",
                "InitiationMethod": "INBOUND",
                "State": contact_state,
                "StateStartTimestamp": f"{at}.000Z",
                "ConnectedToAgentTimestamp": None,
                "QueueTimestamp": f"{DAY}T09:09:30.000Z",
                "Queue": {"ARN": f"{INSTANCE}/queue/q-test", "Name": "BasicQueue"},
            }
        )
    return {
        "AWSAccountId": "111122223333",
        "AgentARN": AGENT,
        "InstanceARN": INSTANCE,
        "EventId": event_id,
        "EventTimestamp": f"{at}.000Z",
        "EventType": event_type,
        "Version": "2019-05-25",
        "CurrentAgentSnapshot": {
            "AgentStatus": {
                "ARN": f"{INSTANCE}/agent-state/{status}",
                "Name": status,
                "StartTimestamp": f"{at}.000Z",
                "Type": types[status],
            },
            "Configuration": {
                "Username": "ttester0001",
                "FirstName": "Test",
                "LastName": "Agent",
                "RoutingProfile": {
                    "ARN": f"{INSTANCE}/routing-profile/rp-test",
                    "Name": "Test Profile",
                },
            },
            "Contacts": contacts,
        },
        "PreviousAgentSnapshot": None,
    }


# (event id, type, time on DAY, status, contact state): the day of the constructed agent
AGENT_DAY = [
    ("t-01", "LOGIN", "09:00:00", "Offline", None),
    ("t-02", "STATE_CHANGE", "09:01:00", "Available", None),
    ("t-03", "HEART_BEAT", "09:03:00", "Available", None),
    ("t-04", "STATE_CHANGE", "09:10:00", "Available", "CONNECTING"),
    ("t-05", "STATE_CHANGE", "09:10:05", "Available", "CONNECTED"),
    ("t-06", "STATE_CHANGE", "09:12:00", "Available", "CONNECTED_ONHOLD"),
    ("t-07", "STATE_CHANGE", "09:12:50", "Available", "CONNECTED"),
    ("t-08", "STATE_CHANGE", "09:15:00", "Available", "ENDED"),
    ("t-09", "STATE_CHANGE", "09:16:00", "Available", None),
    ("t-10", "HEART_BEAT", "09:18:00", "Available", None),
    ("t-11", "STATE_CHANGE", "09:20:00", "Break", None),
    ("t-12", "STATE_CHANGE", "09:25:00", "Available", None),
    ("t-13", "LOGOUT", "09:30:00", "Offline", None),
    ("t-14", "HEART_BEAT", "09:32:00", "Offline", None),
]
# the next day: logged in, never logged out
AGENT_NEXT_DAY = [
    ("t-15", "LOGIN", "2026-01-11T09:00:00", "Offline", None),
    ("t-16", "STATE_CHANGE", "2026-01-11T09:01:00", "Available", None),
]


def _agent_events(lake: Path) -> None:
    events = [
        _event(event_id, event_type, f"{DAY}T{time}", status, state)
        for event_id, event_type, time, status, state in AGENT_DAY
    ]
    events += [_event(*event) for event in AGENT_NEXT_DAY]
    folder = lake / "raw/connect/agent_events/year=2026/month=01/day=10"
    folder.mkdir(parents=True, exist_ok=True)
    # delivered out of order, as Firehose may: the models sort by EventTimestamp
    lines = "".join(json.dumps(event) + "\n" for event in reversed(events))
    (folder / "connect-agent-events-1-2026-01-10-23-59-00-test").write_text(lines, "utf-8")


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated lake plus the constructed cases, built up to the contact-center marts, whose
    own data tests (and singular tests) must pass."""
    lake = tmp_path_factory.mktemp("contact_center_lake") / "lake"
    assert generate_lake.main(["--lake-root", str(lake), *LAKE_ARGS]) == 0
    _crm_rows(lake)
    _contact_records(lake)
    _agent_events(lake)
    database = tmp_path_factory.mktemp("contact_center_warehouse") / "customer_360.duckdb"
    upstream = [f"+{model}" for model in MODELS]
    built = run_dbt(
        ["build", "--select", *upstream, "--exclude-resource-type", "test"], lake, database
    )
    assert built.returncode == 0, built.stdout[-4000:]
    tested = run_dbt(["test", "--select", *TESTS], lake, database)
    assert tested.returncode == 0, tested.stdout[-4000:]
    return database


@pytest.fixture(scope="module")
def con(database: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(database), read_only=True)


def one(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> tuple:
    row = con.execute(sql, params or []).fetchone()
    assert row is not None
    return row


def zed_profile(con: duckdb.DuckDBPyConnection) -> str:
    (profile,) = one(
        con,
        "select unified_profile_id from marts.fct_identity_graph "
        "where source_system = 'crm' and source_record_id = ?",
        [ZED],
    )
    return profile


def test_every_staged_contact_appears_once(con: duckdb.DuckDBPyConnection) -> None:
    staged, contacts, distinct, missing, extra = one(
        con,
        """
        select
            (select count(*) from staging.stg_connect__contact_records),
            (select count(*) from marts.fct_contacts),
            (select count(distinct contact_id) from marts.fct_contacts),
            (select count(*) from (
                select contact_id from staging.stg_connect__contact_records
                except select contact_id from marts.fct_contacts)),
            (select count(*) from (
                select contact_id from marts.fct_contacts
                except select contact_id from staging.stg_connect__contact_records))
        """,
    )
    assert staged > 1000
    assert (contacts, distinct, missing, extra) == (staged, staged, 0, 0)


def test_constructed_contacts_resolve_by_the_rules(con: duckdb.DuckDBPyConnection) -> None:
    zed = zed_profile(con)
    shared_profiles = one(
        con,
        "select count(distinct unified_profile_id) from marts.fct_identity_graph "
        "where source_system = 'crm' and source_record_id in (?, ?)",
        [SHARED_B, SHARED_C],
    )
    # preconditions: the two people sharing a phone stayed two profiles, OTHER is not ZED
    assert shared_profiles == (2,)
    (other,) = one(
        con,
        "select unified_profile_id from marts.fct_identity_graph "
        "where source_system = 'crm' and source_record_id = ?",
        [OTHER],
    )
    assert other != zed
    rows = con.execute(
        "select contact_id, resolution_method, unresolved_reason, unified_profile_id, "
        "phone_candidate_profile_count from marts.fct_contacts where contact_id like 'test-%'"
    ).fetchall()
    got = {
        contact_id: (method, reason, profile == zed if profile else False)
        for contact_id, method, reason, profile, _ in rows
    }
    assert got == EXPECTED_RESOLUTION
    unresolved_have_no_profile = all(
        profile is None for contact_id, _, reason, profile, _ in rows if reason
    )
    assert unresolved_have_no_profile
    candidates = {contact_id: count for contact_id, *_, count in rows}
    assert candidates["test-ambiguous"] == 2
    assert candidates["test-phone"] == 1
    assert candidates["test-unknown-phone"] == 0
    assert candidates["test-attribute-over-phone"] == 1


def test_generated_contacts_resolve_mostly(con: duckdb.DuckDBPyConnection) -> None:
    voice_resolved, voice, attribute_resolved, with_attribute = one(
        con,
        """
        select
            count(*) filter (where channel = 'VOICE' and unified_profile_id is not null),
            count(*) filter (where channel = 'VOICE'),
            count(*) filter (where resolution_method = 'customer_id_attribute'),
            count(*) filter (where customer_id is not null)
        from marts.fct_contacts
        where contact_id not like 'test-%'
        """,
    )
    # ~10% of inbound calls come from numbers no customer has
    assert voice_resolved / voice >= 0.8, (voice_resolved, voice)
    # a customerId is a CRM id: nearly all of them are in the identity graph (a few CRM rows
    # are quarantined on purpose)
    assert attribute_resolved / with_attribute >= 0.95, (attribute_resolved, with_attribute)


def test_abandoned_contacts(con: duckdb.DuckDBPyConnection) -> None:
    abandoned, expected, handled_abandoned, total = one(
        con,
        """
        select
            count(*) filter (where is_abandoned),
            count(*) filter (where enqueued_at is not null and agent_connected_at is null),
            count(*) filter (where is_abandoned and agent_arn is not null),
            count(*)
        from marts.fct_contacts
        """,
    )
    assert abandoned == expected and handled_abandoned == 0
    # the generator abandons ~4% of the contacts
    assert 0.02 <= abandoned / total <= 0.07, (abandoned, total)
    row = one(
        con,
        "select is_abandoned, queue_wait_seconds, handle_seconds from marts.fct_contacts "
        "where contact_id = 'test-abandoned'",
    )
    assert row == (True, 120, None)
    row = one(
        con,
        "select is_abandoned, queue_wait_seconds, talk_seconds, hold_seconds, "
        "after_contact_work_seconds, handle_seconds from marts.fct_contacts "
        "where contact_id = 'test-phone'",
    )
    assert row == (False, 30, 245, 50, 60, 355)


def test_agent_intervals_do_not_overlap(con: duckdb.DuckDBPyConnection) -> None:
    agents, intervals, overlapping, open_not_last = one(
        con,
        """
        with sequenced as (
            select
                *,
                lag(ended_at) over w as previous_ended_at,
                lag(agent_status_interval_id) over w as previous_id
            from marts.fct_agent_status_intervals
            window w as (partition by agent_arn order by started_at, agent_status_interval_id)
        )
        select
            count(distinct agent_arn),
            count(*),
            count(*) filter (where previous_id is not null and previous_ended_at > started_at),
            count(*) filter (where previous_id is not null and previous_ended_at is null)
        from sequenced
        """,
    )
    assert agents >= 5 and intervals > 1000
    assert (overlapping, open_not_last) == (0, 0)
    # the generated agents always log out, so only the constructed agent's interval is open
    (opened,) = one(con, "select count(*) from marts.fct_agent_status_intervals where is_open")
    assert opened == 1


def test_constructed_agent_timeline(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        """
        select
            agent_status_interval_id, strftime(started_at, '%H:%M:%S'),
            strftime(ended_at, '%H:%M:%S'), closed_by_event_type, agent_activity, contact_id
        from marts.fct_agent_status_intervals
        where agent_arn = ?
        order by started_at
        """,
        [AGENT],
    ).fetchall()
    assert rows == [
        ("t-01", "09:00:00", "09:01:00", "STATE_CHANGE", "offline", None),
        ("t-02", "09:01:00", "09:10:00", "STATE_CHANGE", "available", None),
        ("t-04", "09:10:00", "09:10:05", "STATE_CHANGE", "contact_offered", "test-phone"),
        ("t-05", "09:10:05", "09:12:00", "STATE_CHANGE", "on_contact", "test-phone"),
        ("t-06", "09:12:00", "09:12:50", "STATE_CHANGE", "on_contact", "test-phone"),
        ("t-07", "09:12:50", "09:15:00", "STATE_CHANGE", "on_contact", "test-phone"),
        ("t-08", "09:15:00", "09:16:00", "STATE_CHANGE", "after_contact_work", "test-phone"),
        # the heartbeat at 09:18 does not cut this interval
        ("t-09", "09:16:00", "09:20:00", "STATE_CHANGE", "available", None),
        ("t-11", "09:20:00", "09:25:00", "STATE_CHANGE", "unavailable", None),
        # the logout closes the open interval and opens none
        ("t-12", "09:25:00", "09:30:00", "LOGOUT", "available", None),
        ("t-15", "09:00:00", "09:01:00", "STATE_CHANGE", "offline", None),
        # never logged out: open
        ("t-16", "09:01:00", None, None, "available", None),
    ]


def test_constructed_agent_contact_and_day(con: duckdb.DuckDBPyConnection) -> None:
    handling = one(
        con,
        """
        select ring_seconds, talk_seconds, hold_seconds, after_contact_work_seconds,
            handle_seconds, strftime(released_at, '%H:%M:%S'), last_contact_state,
            has_contact_record
        from marts.fct_agent_contacts where agent_arn = ? and contact_id = 'test-phone'
        """,
        [AGENT],
    )
    assert handling == (5, 245, 50, 60, 355, "09:16:00", "ENDED", True)
    day = one(
        con,
        """
        select logged_in_seconds, contact_seconds, available_seconds, unavailable_seconds,
            offline_seconds, occupancy, contacts_handled, average_handle_seconds
        from marts.fct_agent_daily_activity where agent_arn = ? and activity_date = ?
        """,
        [AGENT, DAY],
    )
    contact, available = 5 + 245 + 50 + 60, 540 + 240 + 300
    assert day[:5] == (1800, contact, available, 300, 60)
    assert day[5] == pytest.approx(contact / (contact + available))
    assert day[6:] == (1, 355)
    agent = one(
        con,
        "select agent_username, agent_first_name, routing_profile_name from marts.dim_agents "
        "where agent_arn = ?",
        [AGENT],
    )
    assert agent == ("ttester0001", "Test", "Test Profile")


def test_agent_side_handle_time_agrees_with_ctrs(con: duckdb.DuckDBPyConnection) -> None:
    pairs, close = one(
        con,
        """
        select
            count(*),
            count(*) filter (where abs(agents.handle_seconds - ctr.handle_seconds) <= 2)
        from marts.fct_agent_contacts as agents
        inner join marts.fct_contacts as ctr
            on agents.contact_id = ctr.contact_id and agents.agent_arn = ctr.agent_arn
        """,
    )
    assert pairs > 900
    assert close == pairs, (pairs, close)
    occupancy = con.execute(
        "select min(occupancy), max(occupancy) from marts.fct_agent_daily_activity"
    ).fetchone()
    assert occupancy is not None and 0 < occupancy[0] <= occupancy[1] <= 1


def test_customer_360_one_row_per_profile(con: duckdb.DuckDBPyConnection) -> None:
    rows, distinct, profiles, missing = one(
        con,
        """
        select
            (select count(*) from marts.customer_360),
            (select count(distinct unified_profile_id) from marts.customer_360),
            (select count(*) from marts.dim_unified_profiles),
            (select count(*) from marts.dim_unified_profiles
             anti join marts.customer_360 using (unified_profile_id))
        """,
    )
    assert profiles > 1000
    assert (rows, distinct, missing) == (profiles, profiles, 0)


def test_customer_360_contact_counts_agree(con: duckdb.DuckDBPyConnection) -> None:
    total, resolved, mismatched = one(
        con,
        """
        with facts as (
            select
                unified_profile_id,
                count(*) as contacts,
                count(*) filter (where channel = 'VOICE') as voice,
                count(*) filter (where channel = 'CHAT') as chat,
                count(*) filter (where channel = 'TASK') as task,
                count(*) filter (where is_abandoned) as abandoned,
                max(initiated_at) as last_contact_at
            from marts.fct_contacts
            where unified_profile_id is not null
            group by all
        )
        select
            (select sum(contact_count) from marts.customer_360),
            (select count(*) from marts.fct_contacts where unified_profile_id is not null),
            count(*) filter (where
                c.contact_count <> coalesce(f.contacts, 0)
                or c.voice_contact_count <> coalesce(f.voice, 0)
                or c.chat_contact_count <> coalesce(f.chat, 0)
                or c.task_contact_count <> coalesce(f.task, 0)
                or c.abandoned_contact_count <> coalesce(f.abandoned, 0)
                or c.last_contact_at is distinct from f.last_contact_at)
        from marts.customer_360 as c
        left join facts as f using (unified_profile_id)
        """,
    )
    assert resolved > 700
    assert (total, mismatched) == (resolved, 0)
    zed = one(
        con,
        "select contact_count, voice_contact_count, abandoned_contact_count, crm_record_count "
        "from marts.customer_360 where unified_profile_id = ?",
        [zed_profile(con)],
    )
    # test-attribute, test-attribute-over-phone, test-transfer, test-phone, test-abandoned
    assert zed == (5, 5, 1, 1)
