"""Golden records: survivorship rules and per-field provenance on small person files in a lake.

The Amazon Connect identity-resolution sample (tests/fixtures, MIT-0 licence beside it) checks
the seed's rule: the most recently updated record wins conflicts and the others fill its gaps.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from dbt_runner import query, run_dbt
from evaluation_sets import SETS, load_overrides

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLE = FIXTURES / "connect_identity_resolution_sample.csv"
HEADER = "FirstName,LastName,Phone,Email,LastUpdated,RecordId,Account\n"
# A newer John Doe record holding a phone and no email: it becomes John's primary record.
NEWER_JOHN = b"\r\nJohn,Doe,+1-555-010-0000,,2022-02-02T10:00:00Z,newer-john,111222333"

# the sample's mapping, as make evaluate uses it
SAMPLE_OVERRIDES = load_overrides(SETS["connect_sample"])
SELECT = ["build", "--select", "+dim_unified_profiles", "+fct_identity_graph"]
SELECT += ["--indirect-selection", "buildable"]


def build(tmp_path: Path, files: dict[str, bytes], overrides: dict[str, object]) -> Path:
    """Write the files under the lake, build the golden records, return the database."""
    lake = tmp_path / "lake"
    for relative, content in files.items():
        (lake / relative).parent.mkdir(parents=True, exist_ok=True)
        (lake / relative).write_bytes(content)
    database = tmp_path / "warehouse" / "customer_360.duckdb"
    database.parent.mkdir()
    result = run_dbt(SELECT, lake, database, {"identity_resolution_overrides": overrides})
    assert result.returncode == 0, result.stdout[-4000:]
    return database


def golden(database: Path, record_id: str) -> dict[str, object]:
    """The golden record of the profile holding record_id, by column name."""
    rows = query(
        database,
        "select d.* from marts.dim_unified_profiles as d "
        "join marts.fct_identity_graph as g using (unified_profile_id) "
        f"where g.profile_record_id = '{record_id}'",
    )
    columns = [
        row[0]
        for row in query(
            database,
            "select column_name from information_schema.columns "
            "where table_schema = 'marts' and table_name = 'dim_unified_profiles' "
            "order by ordinal_position",
        )
    ]
    assert len(rows) == 1
    return dict(zip(columns, rows[0], strict=True))


def provenance(database: Path, record_id: str) -> dict[str, str]:
    """attribute -> source record that supplied it, for the profile holding record_id."""
    rows = query(
        database,
        "select s.attribute_name, s.profile_record_id "
        "from intermediate.int_profile_attributes_survived as s "
        "join marts.fct_identity_graph as g using (unified_profile_id) "
        f"where g.profile_record_id = '{record_id}' and s.attribute_value is not null",
    )
    return dict(rows)


def test_most_recent_record_wins_and_others_fill_its_gaps(tmp_path: Path) -> None:
    # the sample as delivered (BOM, CRLF, no final newline) and one more line
    sample = SAMPLE.read_bytes() + NEWER_JOHN
    database = build(
        tmp_path,
        {"raw/connect_sample/sample.csv": sample},
        SAMPLE_OVERRIDES,
    )
    john = golden(database, "connect_sample:newer-john")
    assert john["source_record_count"] == 5
    assert john["primary_profile_record_id"] == "connect_sample:newer-john"
    # conflicts: "Jhn" and the swapped "Doe, John" lose to the newest record
    assert (john["first_name"], john["last_name"], john["phone"]) == ("john", "doe", "+15550100000")
    # its gap: the email comes from the most recent record that has one (2021-04-05)
    assert john["email"] == "john@anycompany.com"
    assert john["emails"] == ["john@anycompany.com"]
    sources = provenance(database, "connect_sample:newer-john")
    assert sources["first_name"] == "connect_sample:newer-john"
    assert sources["email"] == "connect_sample:269d7644-8916-409b-b8dc-ef51f64d2893"
    mary = golden(database, "connect_sample:fcd1753e-d426-4d93-bf82-09a8fae3d059")
    assert mary["source_record_count"] == 3
    # the three Mary records differ only in time: the latest (22:36:37) is primary
    assert mary["primary_profile_record_id"].startswith("connect_sample:f10dafc9")


# One person in two sources, linked by name and email; phones differ, one record is fuller.
CRM = (
    "id,given,surname,email,phone,street,city,zip,updated\n"
    "c1,Ann,Lee,ann.lee@example.com,+1 202 555 0111,1 Main St,Springfield,62701,2020-01-01\n"
    "c2,Ann,Lee,ann.lee@example.com,+1 202 555 0111,,,,2021-01-01\n"
)
BILLING = (
    "id,given,surname,email,phone,street,city,zip,updated\n"
    "b3,Ann,Lee,ann.lee@example.com,+1 202 555 0222,9 Oak Ave,,,2023-01-01\n"
    "b4,Ann,Lee,ann.lee@example.com,+1 202 555 0333,,,,2022-01-01\n"
)


def two_sources(survivorship: dict[str, object]) -> dict[str, object]:
    def source(name: str) -> dict[str, object]:
        return {
            "name": name,
            "path": f"raw/{name}/*.csv",
            "format": "csv",
            "id": "id",
            "updated_at": "updated",
            "attributes": {
                "first_name": "given",
                "last_name": "surname",
                "emails": ["email"],
                "phones": ["phone"],
                "street": "street",
                "city": "city",
                "postal_code": "zip",
            },
        }

    return {
        "link_type": "link_and_dedupe",
        "sources": [source("crm"), source("billing")],
        "survivorship": survivorship,
    }


@pytest.mark.parametrize(
    ("survivorship", "phone", "phone_record", "street", "city"),
    [
        # recency: the newest record with a phone; the address group from the newest with any part
        ({}, "+12025550222", "billing:b3", "9 oak ave", None),
        (
            {"attributes": {"phone": {"rule": "most_frequent"}}},
            "+12025550111",
            "crm:c2",
            "9 oak ave",
            None,
        ),
        (
            {
                "attributes": {
                    "phone": {"rule": "most_complete"},
                    "address": {"rule": "most_complete"},
                }
            },
            "+12025550111",
            "crm:c1",
            "1 main st",
            "springfield",
        ),
        (
            {"default_rule": "source_priority", "source_priority": ["billing", "crm"]},
            "+12025550222",
            "billing:b3",
            "9 oak ave",
            None,
        ),
        (
            {"attributes": {"phone": {"rule": "source_priority", "source_priority": ["crm"]}}},
            "+12025550111",
            "crm:c2",
            "9 oak ave",
            None,
        ),
    ],
    ids=["recency", "most_frequent", "most_complete", "source_priority", "attribute_priority"],
)
def test_survivorship_rules(
    tmp_path: Path,
    survivorship: dict[str, object],
    phone: str,
    phone_record: str,
    street: str,
    city: str | None,
) -> None:
    database = build(
        tmp_path,
        {"raw/crm/crm.csv": CRM.encode(), "raw/billing/billing.csv": BILLING.encode()},
        two_sources(survivorship),
    )
    ann = golden(database, "crm:c1")
    assert ann["source_record_count"] == 4
    assert ann["phones"] == ["+12025550111", "+12025550222", "+12025550333"]
    assert (ann["phone"], ann["street"], ann["city"]) == (phone, street, city)
    assert provenance(database, "crm:c1")["phone"] == phone_record


def test_unknown_survivorship_rule_is_a_clear_error(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    (lake / "raw" / "crm").mkdir(parents=True)
    (lake / "raw" / "crm" / "crm.csv").write_text(CRM)
    database = tmp_path / "customer_360.duckdb"
    overrides = two_sources({"attributes": {"phone": {"rule": "newest"}}})
    result = run_dbt(
        ["compile", "--select", "int_profile_attributes_survived"],
        lake,
        database,
        {"identity_resolution_overrides": overrides},
    )
    assert result.returncode != 0
    assert "survivorship rule for phone: 'newest'" in result.stdout
