"""A small hand-written lake with every feed and a known set of bad rows.

Each bad row is listed in ``EXPECTED_QUARANTINE`` (feed, file, 1-based row, reason fragment)
and each documented dedupe in ``EXPECTED_DEDUPLICATED``, so tests can check that every raw row
ends in staging, in quarantine with the right reason, or in a counted dedupe.

The people are those of the Amazon Connect identity-resolution sample (John Doe, Mary Major,
Nikki Wolf) spread over the lake's systems.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

CRM_FILE = "raw/crm/contacts/load_date=2026-01-01/part-0.parquet"
CRM_DELTA_FILE = "raw/crm/contacts/load_date=2026-01-08/part-0.parquet"
BILLING_FILE = "raw/billing/accounts/load_date=2026-01-01/part-0.parquet"
BILLING_DRIFT_FILE = "raw/billing/accounts/load_date=2026-01-08/part-0.parquet"
SHIPPING_FILE = "raw/shipping/recipients/load_date=2026-01-01/part-0.parquet"
TICKETING_FILE = "raw/ticketing/requesters/load_date=2026-01-01/part-0.parquet"
CONNECT_FILE = "raw/connect/customer_profiles/load_date=2026-01-01/part-0.parquet"
WEB_FILE = "raw/web/clickstream/event_date=2026-01-02/part-0.parquet"
CTR_FILE = "raw/connect/contact_records/year=2026/month=01/day=02/ctr-1-2026-01-02-10-00-00-aaaa"
CTR_FILE_2 = "raw/connect/contact_records/year=2026/month=01/day=02/ctr-1-2026-01-02-11-00-00-bbbb"
AGENT_FILE = "raw/connect/agent_events/year=2026/month=01/day=02/ae-1-2026-01-02-10-00-00-cccc"

# (feed, file, row_in_file (1-based), reason fragment)
EXPECTED_QUARANTINE: list[tuple[str, str, int, str]] = [
    ("crm__contacts", CRM_FILE, 4, "missing key contact_id"),
    ("crm__contacts", CRM_FILE, 5, "unparseable timestamp in modified_at: not a date"),
    ("billing__accounts", BILLING_DRIFT_FILE, 2, "not epoch milliseconds in LastModified"),
    ("shipping__recipients", SHIPPING_FILE, 3, "unparseable timestamp in updated"),
    ("ticketing__requesters", TICKETING_FILE, 3, "missing required updated_at"),
    ("connect__customer_profiles", CONNECT_FILE, 4, "missing key ProfileId"),
    ("web__clickstream", WEB_FILE, 4, "missing required cookie_id"),
    ("connect__contact_records", CTR_FILE, 3, "malformed JSON line"),
    ("connect__contact_records", CTR_FILE, 5, "not an integer in Agent.AgentInteractionDuration"),
    ("connect__contact_records", CTR_FILE_2, 2, "malformed JSON line"),
    ("connect__agent_events", AGENT_FILE, 3, "missing key EventId"),
]

# feed -> rows dropped as documented duplicates (older versions, redeliveries)
EXPECTED_DEDUPLICATED: dict[str, int] = {
    "crm__contacts": 1,
    "billing__accounts": 0,
    "shipping__recipients": 0,
    "ticketing__requesters": 0,
    "connect__customer_profiles": 0,
    "connect__contact_records": 1,
    "connect__agent_events": 1,
    "web__clickstream": 1,
    "lake__profile_files": 0,
}


def _write_parquet(
    root: Path, relative: str, rows: list[dict[str, Any]], schema: pa.Schema
) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)


def _write_lines(root: Path, relative: str, lines: list[str], final_newline: bool = True) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(lines) + ("\n" if final_newline else "")
    path.write_text(text, encoding="utf-8")


def _crm(root: Path) -> None:
    schema = pa.schema(
        [
            (name, pa.string())
            for name in (
                "contact_id",
                "full_name",
                "email",
                "phone",
                "mailing_street",
                "mailing_city",
                "mailing_state",
                "mailing_zip",
                "birth_date",
                "lead_source",
                "created_at",
                "modified_at",
            )
        ]
    )
    base = {
        "mailing_city": "Springfield",
        "mailing_state": "IL",
        "mailing_zip": "62704",
        "lead_source": "web",
        "created_at": "2025-12-01T09:00:00-06:00",
    }
    rows = [
        {
            **base,
            "contact_id": "CRM-00000001",
            "full_name": "John Doe",
            "email": None,
            "phone": "(555) 010-0000",
            "mailing_street": "12 Main St Apt 4",
            "birth_date": "04/09/1980",
            "modified_at": "2025-12-20T11:33:40-05:00",
        },
        {
            **base,
            "contact_id": "CRM-00000002",
            "full_name": "Doe, John",
            "email": "JOHN@anycompany.com",
            "phone": None,
            "mailing_street": "12 Main Street",
            "birth_date": None,
            "modified_at": "2025-11-29T05:10:39Z",
        },
        {
            **base,
            "contact_id": "CRM-00000003",
            "full_name": "Mary  Major ",
            "email": "mary@anycompany.com",
            "phone": "555.010.0009",
            "mailing_street": "9 Oak Ave",
            "birth_date": "02/30/1970",
            "modified_at": "2025-10-23T04:31:42-07:00",
        },
        {
            **base,
            "contact_id": None,
            "full_name": "No Key",
            "email": "nokey@anycompany.com",
            "phone": None,
            "mailing_street": None,
            "birth_date": None,
            "modified_at": "2025-12-01T00:00:00Z",
        },
        {
            **base,
            "contact_id": "CRM-00000005",
            "full_name": "Bad Time",
            "email": "badtime@anycompany.com",
            "phone": None,
            "mailing_street": None,
            "birth_date": None,
            "modified_at": "not a date",
        },
    ]
    _write_parquet(root, CRM_FILE, rows, schema)
    delta = [
        {**rows[0], "email": "john@anycompany.com", "modified_at": "2026-01-07T09:17:42-05:00"}
    ]
    _write_parquet(root, CRM_DELTA_FILE, delta, schema)


def _billing(root: Path) -> None:
    names = (
        "AccountNo",
        "FirstName",
        "LastName",
        "EmailAddress",
        "PhoneNumber",
        "BillingStreet1",
        "BillingStreet2",
        "BillingCity",
        "BillingState",
        "BillingPostalCode",
        "BillingCountry",
        "AccountStatus",
    )
    schema = pa.schema([(name, pa.string()) for name in names] + [("LastModified", pa.int64())])
    row = {
        "AccountNo": "B-00000001",
        "FirstName": "Jhn",
        "LastName": "Doe",
        "EmailAddress": "JOHN@ANYCOMPANY.COM",
        "PhoneNumber": "5550100000",
        "BillingStreet1": "12 Main St",
        "BillingStreet2": "Apt 4",
        "BillingCity": "Springfield",
        "BillingState": "IL",
        "BillingPostalCode": "62704",
        "BillingCountry": "US",
        "AccountStatus": "active",
        "LastModified": 1_761_731_263_000,
    }
    _write_parquet(root, BILLING_FILE, [row], schema)
    # Schema drift: a later export writes LastModified as text.
    drift_schema = pa.schema(
        [(name, pa.string()) for name in names] + [("LastModified", pa.string())]
    )
    drifted = [
        {
            **row,
            "AccountNo": "B-00000002",
            "FirstName": "Nikki",
            "LastName": "Wolf",
            "EmailAddress": "nikki@anycompany.com",
            "PhoneNumber": "15550100007",
            "LastModified": "1775380662000",
        },
        {
            **row,
            "AccountNo": "B-00000003",
            "FirstName": "Drift",
            "LastName": "Row",
            "LastModified": "yesterday",
        },
    ]
    _write_parquet(root, BILLING_DRIFT_FILE, drifted, drift_schema)


def _shipping(root: Path) -> None:
    schema = pa.schema(
        [
            ("recipient_id", pa.int64()),
            ("recipient_name", pa.string()),
            ("ship_to_address", pa.string()),
            ("phone", pa.string()),
            ("email", pa.string()),
            ("updated", pa.string()),
        ]
    )
    rows = [
        {
            "recipient_id": 1001,
            "recipient_name": "JOHN DOE",
            "ship_to_address": "12 MAIN ST, APT 4, SPRINGFIELD, IL 62704",
            "phone": "+1 555-010-0000",
            "email": None,
            "updated": "08/29/2025 11:33:40 AM",
        },
        {
            "recipient_id": 1002,
            "recipient_name": "MARY MAJOR",
            "ship_to_address": "9 OAK AVE, SPRINGFIELD, IL 62704-1234",
            "phone": "+15550100009",
            "email": "mary@anycompany.com",
            "updated": "08/23/2025 10:36:37 PM",
        },
        {
            "recipient_id": 1003,
            "recipient_name": "BAD CLOCK",
            "ship_to_address": "1 ELM ST, SPRINGFIELD, IL 62704",
            "phone": None,
            "email": None,
            "updated": "25/13/2025 99:00:00 XM",
        },
    ]
    _write_parquet(root, SHIPPING_FILE, rows, schema)


def _ticketing(root: Path) -> None:
    utc = pa.timestamp("us", tz="UTC")
    schema = pa.schema(
        [
            ("requester_id", pa.string()),
            ("name", pa.string()),
            ("email", pa.string()),
            ("phone", pa.string()),
            ("organization", pa.string()),
            ("created_at", utc),
            ("updated_at", utc),
        ]
    )
    rows = [
        {
            "requester_id": "0b9f6c1e-0000-4000-8000-000000000001",
            "name": "Jane ",
            "email": "john@anycompany.com",
            "phone": "+1-555-010-0001 x12",
            "organization": None,
            "created_at": 1_750_000_000_000_000,
            "updated_at": 1_751_000_000_000_000,
        },
        {
            "requester_id": "0b9f6c1e-0000-4000-8000-000000000002",
            "name": "Nikki W.",
            "email": "nikki@anycompany.com",
            "phone": None,
            "organization": "AnyCompany",
            "created_at": 1_750_000_000_000_000,
            "updated_at": 1_752_000_000_000_000,
        },
        {
            "requester_id": "0b9f6c1e-0000-4000-8000-000000000003",
            "name": "No Clock",
            "email": "noclock@anycompany.com",
            "phone": None,
            "organization": None,
            "created_at": None,
            "updated_at": None,
        },
    ]
    _write_parquet(root, TICKETING_FILE, rows, schema)


def _connect_profiles(root: Path) -> None:
    address = pa.struct(
        [
            (name, pa.string())
            for name in (
                "Address1",
                "Address2",
                "Address3",
                "Address4",
                "City",
                "County",
                "State",
                "Province",
                "Country",
                "PostalCode",
            )
        ]
    )
    strings = (
        "ProfileId",
        "AccountNumber",
        "FirstName",
        "MiddleName",
        "LastName",
        "BirthDate",
        "Gender",
        "PhoneNumber",
        "MobilePhoneNumber",
        "HomePhoneNumber",
        "EmailAddress",
        "PersonalEmailAddress",
        "BusinessEmailAddress",
    )
    schema = pa.schema(
        [(name, pa.string()) for name in strings]
        + [
            ("Address", address),
            ("ShippingAddress", address),
            ("BillingAddress", address),
            ("Attributes", pa.map_(pa.string(), pa.string())),
            ("LastUpdatedTimestamp", pa.string()),
        ]
    )
    empty = {name: None for name in strings}
    home = {
        "Address1": "12 Main St",
        "Address2": "Apt 4",
        "City": "Springfield",
        "State": "IL",
        "Country": "US",
        "PostalCode": "62704",
    }
    rows = [
        {
            **empty,
            "ProfileId": "fac82ef76a2e4558be17e7f650c8486d",
            "AccountNumber": "111222333",
            "FirstName": "John",
            "LastName": "Doe",
            "PhoneNumber": "+1-555-010-0000",
            "EmailAddress": "john@anycompany.com",
            "BirthDate": "1980-04-09",
            "Gender": "MALE",
            "Address": home,
            "ShippingAddress": None,
            "BillingAddress": None,
            "Attributes": [("LoyaltyTier", "gold")],
            "LastUpdatedTimestamp": "2026-01-05T09:17:42Z",
        },
        {
            **empty,
            "ProfileId": "fcd1753ed4264d938be209afe3d059aa",
            "AccountNumber": "999888777",
            "FirstName": "Mary",
            "LastName": "Major",
            "PhoneNumber": "+15550100009",
            "EmailAddress": "mary@anycompany.com",
            "Address": None,
            "ShippingAddress": None,
            "BillingAddress": None,
            "Attributes": [],
            "LastUpdatedTimestamp": "2025-08-23T04:31:42Z",
        },
        {
            **empty,
            "ProfileId": "77771b9b378d4ff0b0da93b06e907xxc",
            "AccountNumber": "555222555",
            "FirstName": "Nikki",
            "LastName": "Wolf",
            "MobilePhoneNumber": "+15550100007",
            "PersonalEmailAddress": "nikki@anycompany.com",
            "Address": None,
            "ShippingAddress": None,
            "BillingAddress": None,
            "Attributes": None,
            "LastUpdatedTimestamp": "2026-01-05T09:17:42Z",
        },
        {
            **empty,
            "ProfileId": "",
            "FirstName": "Empty",
            "LastName": "Key",
            "Address": None,
            "ShippingAddress": None,
            "BillingAddress": None,
            "Attributes": None,
            "LastUpdatedTimestamp": "2026-01-05T09:17:42Z",
        },
    ]
    _write_parquet(root, CONNECT_FILE, rows, schema)


def _clickstream(root: Path) -> None:
    utc = pa.timestamp("us", tz="UTC")
    strings = (
        "event_id",
        "cookie_id",
        "session_id",
        "event_name",
        "page_url",
        "referrer",
        "user_agent",
        "email",
    )
    schema = pa.schema([(name, pa.string()) for name in strings] + [("event_timestamp", utc)])
    base = {
        "session_id": "s1",
        "page_url": "/",
        "referrer": None,
        "user_agent": "Mozilla/5.0",
        "email": None,
        "event_timestamp": 1_767_340_800_000_000,
    }
    rows = [
        {**base, "event_id": "e1", "cookie_id": "ck1", "event_name": "page_view"},
        {
            **base,
            "event_id": "e2",
            "cookie_id": "ck1",
            "event_name": "login",
            "email": " John@AnyCompany.com",
        },
        {
            **base,
            "event_id": "e2",
            "cookie_id": "ck1",
            "event_name": "login",
            "email": " John@AnyCompany.com",
        },
        {**base, "event_id": "e3", "cookie_id": None, "event_name": "page_view"},
    ]
    _write_parquet(root, WEB_FILE, rows, schema)


def _ctr(contact_id: str, updated: str, **extra: Any) -> str:
    record: dict[str, Any] = {
        "AWSAccountId": "111122223333",
        "AWSContactTraceRecordFormatVersion": "2017-03-10",
        "InstanceARN": "arn:aws:connect:us-east-1:111122223333:instance/inst-1",
        "ContactId": contact_id,
        "InitialContactId": None,
        "PreviousContactId": None,
        "NextContactId": None,
        "Channel": "VOICE",
        "InitiationMethod": "INBOUND",
        "InitiationTimestamp": "2026-01-02T10:00:05Z",
        "ConnectedToSystemTimestamp": "2026-01-02T10:00:05Z",
        "DisconnectTimestamp": "2026-01-02T10:09:40Z",
        "LastUpdateTimestamp": updated,
        "CustomerEndpoint": {"Address": "+15550100000", "Type": "TELEPHONE_NUMBER"},
        "SystemEndpoint": {"Address": "+15550109999", "Type": "TELEPHONE_NUMBER"},
        "Agent": {
            "ARN": "arn:aws:connect:us-east-1:111122223333:instance/inst-1/agent/a-42",
            "Username": "jdoe",
            "ConnectedToAgentTimestamp": "2026-01-02T10:01:10Z",
            "AgentInteractionDuration": 480,
            "AfterContactWorkDuration": 82,
            "CustomerHoldDuration": 35,
            "LongestHoldDuration": 35,
            "NumberOfHolds": 1,
            "RoutingProfile": {"ARN": "arn:rp-1", "Name": "Basic Routing Profile"},
        },
        "Queue": {
            "ARN": "arn:q-1",
            "Name": "BasicQueue",
            "EnqueueTimestamp": "2026-01-02T10:00:20Z",
            "DequeueTimestamp": "2026-01-02T10:01:10Z",
            "Duration": 50,
        },
        "Attributes": {"customerId": "CRM-00000001"},
        "DisconnectReason": "CUSTOMER_DISCONNECT",
    }
    record.update(extra)
    return json.dumps(record)


def _contact_records(root: Path) -> None:
    bad_agent = {
        "ARN": "arn:aws:connect:us-east-1:111122223333:instance/inst-1/agent/a-42",
        "AgentInteractionDuration": "eight minutes",
    }
    lines = [
        _ctr("c-0001", "2026-01-02T10:11:02Z"),
        _ctr(
            "c-0001",
            "2026-01-02T10:15:00Z",
            Attributes={"customerId": "CRM-00000001", "reason": "billing"},
        ),
        '{"ContactId": "c-0003", "Channel": ',
        "",
        _ctr("c-0004", "2026-01-02T10:20:00Z", Agent=bad_agent),
        _ctr(
            "c-0005",
            "2026-01-02T10:30:00Z",
            Agent=None,
            CustomerEndpoint={"Address": "+15550199999", "Type": "TELEPHONE_NUMBER"},
        ),
    ]
    _write_lines(root, CTR_FILE, lines)
    # A file cut off mid-line, as an interrupted delivery leaves it.
    truncated = [
        _ctr("c-0006", "2026-01-02T11:00:00Z"),
        _ctr("c-0007", "2026-01-02T11:05:00Z")[:60],
    ]
    _write_lines(root, CTR_FILE_2, truncated, final_newline=False)


def _agent_event(event_id: str | None, event_type: str, timestamp: str) -> str:
    snapshot = {
        "AgentStatus": {
            "ARN": "arn:status/available",
            "Name": "Available",
            "StartTimestamp": timestamp,
            "Type": "ROUTABLE",
        },
        "Configuration": {
            "Username": "jdoe",
            "FirstName": "Jane",
            "LastName": "Doe",
            "RoutingProfile": {"ARN": "arn:rp-1", "Name": "Basic Routing Profile"},
        },
        "Contacts": [],
    }
    event = {
        "AWSAccountId": "111122223333",
        "AgentARN": "arn:aws:connect:us-east-1:111122223333:instance/inst-1/agent/a-42",
        "InstanceARN": "arn:aws:connect:us-east-1:111122223333:instance/inst-1",
        "EventId": event_id,
        "EventTimestamp": timestamp,
        "EventType": event_type,
        "Version": "2019-05-25",
        "CurrentAgentSnapshot": snapshot,
        "PreviousAgentSnapshot": None,
    }
    return json.dumps(event)


def _agent_events(root: Path) -> None:
    lines = [
        _agent_event("ev-1", "LOGIN", "2026-01-02T09:00:00.000Z"),
        _agent_event("ev-1", "LOGIN", "2026-01-02T09:00:00.000Z"),
        _agent_event(None, "STATE_CHANGE", "2026-01-02T09:00:01.000Z"),
        _agent_event("ev-2", "LOGOUT", "2026-01-02T17:00:00.000Z"),
    ]
    _write_lines(root, AGENT_FILE, lines)


def build_fixture_lake(root: Path) -> Path:
    """Write the fixture lake under ``root`` and return it."""
    _crm(root)
    _billing(root)
    _shipping(root)
    _ticketing(root)
    _connect_profiles(root)
    _clickstream(root)
    _contact_records(root)
    _agent_events(root)
    return root


if __name__ == "__main__":
    import sys

    build_fixture_lake(Path(sys.argv[1]))
