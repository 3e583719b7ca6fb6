"""Tests of scripts/generate_lake.py and the lakegen population / profile modules.

Most tests read one session-wide lake (1,500 customers, 2% bad rows, see conftest.py)
through DuckDB with `read_parquet(..., hive_partitioning = true)`, as staging does.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import generate_lake
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import PROFILE_FEEDS, generate
from lakegen import data
from lakegen.noise import nickname, typo
from lakegen.population import FIRST_NAMES, build_population
from lakegen.profiles import CUSTOMERS_SCHEMA, FEEDS
from lakegen.render import format_phone
from lakegen.timefmt import iso_offset, us_12h, zulu
from lakegen.vec import strings

STRING = "VARCHAR"
ADDRESS = (
    "STRUCT(Address1 VARCHAR, Address2 VARCHAR, Address3 VARCHAR, Address4 VARCHAR, "
    "City VARCHAR, County VARCHAR, State VARCHAR, Province VARCHAR, Country VARCHAR, "
    "PostalCode VARCHAR)"
)
# the contract (docs/lake_format.md), written out independently of the generator
CONTRACT = {
    "crm__contacts": [
        ("contact_id", STRING), ("full_name", STRING), ("email", STRING), ("phone", STRING),
        ("mailing_street", STRING), ("mailing_city", STRING), ("mailing_state", STRING),
        ("mailing_zip", STRING), ("birth_date", STRING), ("lead_source", STRING),
        ("created_at", STRING), ("modified_at", STRING),
    ],
    "billing__accounts": [
        ("AccountNo", STRING), ("FirstName", STRING), ("LastName", STRING),
        ("EmailAddress", STRING), ("PhoneNumber", STRING), ("BillingStreet1", STRING),
        ("BillingStreet2", STRING), ("BillingCity", STRING), ("BillingState", STRING),
        ("BillingPostalCode", STRING), ("BillingCountry", STRING), ("AccountStatus", STRING),
        ("LastModified", "BIGINT"),
    ],
    "shipping__recipients": [
        ("recipient_id", "BIGINT"), ("recipient_name", STRING), ("ship_to_address", STRING),
        ("phone", STRING), ("email", STRING), ("updated", STRING),
    ],
    "ticketing__requesters": [
        ("requester_id", STRING), ("name", STRING), ("email", STRING), ("phone", STRING),
        ("organization", STRING), ("created_at", "TIMESTAMP WITH TIME ZONE"),
        ("updated_at", "TIMESTAMP WITH TIME ZONE"),
    ],
    "connect__customer_profiles": [
        ("ProfileId", STRING), ("AccountNumber", STRING), ("FirstName", STRING),
        ("MiddleName", STRING), ("LastName", STRING), ("BirthDate", STRING), ("Gender", STRING),
        ("PhoneNumber", STRING), ("MobilePhoneNumber", STRING), ("HomePhoneNumber", STRING),
        ("EmailAddress", STRING), ("PersonalEmailAddress", STRING),
        ("BusinessEmailAddress", STRING), ("Address", ADDRESS), ("ShippingAddress", ADDRESS),
        ("BillingAddress", ADDRESS), ("Attributes", "MAP(VARCHAR, VARCHAR)"),
        ("LastUpdatedTimestamp", STRING),
    ],
}  # fmt: skip
LOAD_DATES = ["2026-01-01", "2026-01-08", "2026-01-15", "2026-01-22"]
US_12H = r"^(0[1-9]|1[0-2])/\d\d/\d{4} (0[1-9]|1[0-2]):\d\d:\d\d [AP]M$"
TIMESTAMP_FORMATS = {
    "crm__contacts": ("modified_at", r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$"),
    "shipping__recipients": ("updated", US_12H),
    "connect__customer_profiles": ("LastUpdatedTimestamp", r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"),
}  # fmt: skip


def _rows(db, sql: str) -> list[tuple]:
    return db.execute(sql).fetchall()


def _one(db, sql: str) -> object:
    return db.execute(sql).fetchone()[0]


def _valid(feed: str) -> str:
    """SQL predicate: the row's key is present."""
    key = PROFILE_FEEDS[feed][2]
    return f"{key} is not null and cast({key} as varchar) <> ''"


def _joined(feed: str) -> str:
    """SQL: the feed's rows with their true customer."""
    system, _, key = PROFILE_FEEDS[feed]
    return (
        f"select f.*, c.customer_id as true_customer_id, c.household_id, "
        f"c.first_name as true_first, c.last_name as true_last "
        f"from {feed} f join truth_source_records s on s.source_system = '{system}' "
        f"and s.source_record_id = cast(f.{key} as varchar) "
        f"join truth_customers c on c.customer_id = s.customer_id"
    )


# --- CLI -------------------------------------------------------------------------------


def test_refuses_existing_raw_without_force(tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    with pytest.raises(SystemExit, match="--force"):
        generate_lake.main(["--lake-root", str(tmp_path), "--customers", "50"])
    assert not (tmp_path / "_truth").exists()


def test_force_replaces_raw_and_truth(tmp_path: Path) -> None:
    stale = tmp_path / "raw" / "crm" / "contacts" / "load_date=1999-01-01" / "old.parquet"
    stale.parent.mkdir(parents=True)
    stale.write_text("stale")
    generate(tmp_path, "--customers", "50", "--force")
    assert not stale.exists()
    assert (tmp_path / "raw" / "crm" / "contacts" / "load_date=2026-01-01").is_dir()


def test_rejects_bad_arguments() -> None:
    for argv in (["--customers", "0"], ["--bad-row-rate", "-0.1"], ["--start-date", "2026-13-01"]):
        with pytest.raises(SystemExit):
            generate_lake.parse_args(argv)


def test_other_writers_get_the_customers_table(tmp_path: Path, monkeypatch) -> None:
    calls = []

    def fake_writer(customers, lake_root, rng, start, days):
        calls.append((customers, lake_root, rng, start, days))
        return {"web__clickstream": 7}

    assert generate_lake.load_writer("no_such_module", "write") is None
    monkeypatch.setattr(generate_lake, "load_writer", lambda module, function: fake_writer)
    root = generate(tmp_path, "--customers", "120", "--seed", "5", "--days", "10")
    assert len(calls) == len(generate_lake.OPTIONAL_WRITERS)
    customers, lake_root, rng, start, days = calls[0]
    assert customers.schema == CUSTOMERS_SCHEMA and customers.num_rows == 120
    assert (lake_root, start, days) == (root, dt.date(2026, 1, 1), 10)
    assert isinstance(rng, np.random.Generator)
    assert calls[0][2] is not calls[1][2]  # each writer has its own generator
    manifest = json.loads((root / "_truth" / "manifest.json").read_text())
    assert manifest["rows"]["web__clickstream"] == 7


def test_manifest_matches_files(lake: Path, db) -> None:
    manifest = json.loads((lake / "_truth" / "manifest.json").read_text())
    assert manifest["seed"] == 7
    assert manifest["customers"] == 1500
    assert manifest["start_date"] == "2026-01-01"
    assert manifest["days"] == 28
    assert manifest["load_dates"] == LOAD_DATES
    for feed in PROFILE_FEEDS:
        assert manifest["rows"][feed] == _one(db, f"select count(*) from {feed}")


# --- contract: layout, columns, keys -------------------------------------------------------


@pytest.mark.parametrize("feed", list(PROFILE_FEEDS))
def test_feed_has_exactly_the_contract_columns(db, feed: str) -> None:
    described = _rows(db, f"describe select * from {feed}")
    columns = [(name, kind) for name, kind, *_ in described]
    assert columns == [*CONTRACT[feed], ("load_date", "DATE")]


@pytest.mark.parametrize("feed", list(PROFILE_FEEDS))
def test_partitions_are_weekly_load_dates(lake: Path, feed: str) -> None:
    root = lake / "raw" / PROFILE_FEEDS[feed][1]
    partitions = sorted(p.name for p in root.iterdir())
    assert partitions == [f"load_date={d}" for d in LOAD_DATES]
    for part in root.iterdir():
        files = list(part.iterdir())
        assert [f.name for f in files] == ["part-00000.parquet"]
        assert "load_date" not in pq.read_schema(files[0]).names


@pytest.mark.parametrize("feed", list(PROFILE_FEEDS))
def test_keys_unique_within_a_load_date(db, feed: str) -> None:
    key = PROFILE_FEEDS[feed][2]
    repeated = _one(
        db,
        f"select count(*) from (select load_date, {key} from {feed} where {_valid(feed)} "
        f"group by all having count(*) > 1)",
    )
    assert repeated == 0


@pytest.mark.parametrize("feed", list(PROFILE_FEEDS))
def test_first_load_is_a_full_extract_and_later_loads_are_deltas(db, feed: str) -> None:
    key = PROFILE_FEEDS[feed][2]
    counts = dict(_rows(db, f"select cast(load_date as varchar), count(*) from {feed} group by 1"))
    assert counts[LOAD_DATES[0]] > 5 * max(counts[d] for d in LOAD_DATES[1:])
    assert all(counts[d] > 0 for d in LOAD_DATES)
    new_versions = _one(
        db,
        f"select count(*) from (select {key} from {feed} where {_valid(feed)} "
        f"group by 1 having count(distinct load_date) > 1)",
    )
    assert new_versions > 0


def test_formats_of_ids_phones_and_timestamps(db) -> None:
    def all_match(feed: str, column: str, pattern: str, where: str = "true") -> None:
        bad = _one(
            db,
            f"select count(*) from {feed} where {column} is not null and {where} "
            f"and not regexp_matches({column}, '{pattern}')",
        )
        assert bad == 0, (feed, column)

    all_match("crm__contacts", "contact_id", r"^CRM-\d{8}$", "contact_id <> ''")
    all_match("billing__accounts", "AccountNo", r"^B-\d{8}$", "AccountNo <> ''")
    all_match("connect__customer_profiles", "ProfileId", r"^[0-9a-f]{32}$", "ProfileId <> ''")
    all_match(
        "ticketing__requesters", "requester_id",
        r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
        "requester_id <> ''",
    )  # fmt: skip
    all_match("crm__contacts", "created_at", TIMESTAMP_FORMATS["crm__contacts"][1])
    all_match("crm__contacts", "phone", r"^(\(\d{3}\) \d{3}-\d{4}|\d{3}[.-]\d{3}[.-]\d{4}|\d{3})$")
    all_match("billing__accounts", "PhoneNumber", r"^(1?\d{10}|\d{3})$")
    all_match("shipping__recipients", "phone", r"^(\+1 \d{3}-\d{3}-\d{4}|\+1\d{10}|\d{3})$")
    all_match("crm__contacts", "mailing_zip", r"^\d{5}(-\d{4})?$")
    all_match("crm__contacts", "mailing_state", r"^[A-Z]{2}$")
    all_match("crm__contacts", "birth_date", r"^\d\d/\d\d/\d{4}$")
    all_match("connect__customer_profiles", "BirthDate", r"^\d{4}-\d\d-\d\d$")
    all_match("billing__accounts", "BillingCountry", r"^(US|USA|United States)$")
    all_match("billing__accounts", "AccountStatus", r"^(active|suspended|closed)$")
    all_match("crm__contacts", "lead_source", r"^(web|referral|event|partner)$")
    all_match("connect__customer_profiles", "Gender", r"^(MALE|FEMALE|UNSPECIFIED)$")
    for feed, (column, pattern) in TIMESTAMP_FORMATS.items():
        broken = ", ".join(f"'{v}'" for v in FEEDS[PROFILE_FEEDS[feed][0]].bad_timestamps)
        all_match(feed, column, pattern, f"{column} not in ({broken})")
    offsets = _one(db, "select count(distinct right(created_at, 6)) from crm__contacts")
    assert offsets >= 3  # several US zones, with and without daylight saving


def test_records_are_created_by_adults(db) -> None:
    minors = _one(
        db,
        f"select count(*) from ({_joined('ticketing__requesters')}) t "
        "join truth_customers c on c.customer_id = t.true_customer_id "
        "where cast(t.created_at as date) < c.birth_date + interval 18 year",
    )
    assert minors == 0


def test_timestamps_fall_before_their_load_date(db) -> None:
    late = {
        "crm__contacts": "try_cast(modified_at as timestamptz)",
        "billing__accounts": "make_timestamp(LastModified * 1000)",
        "ticketing__requesters": "updated_at",
        "connect__customer_profiles": "try_cast(LastUpdatedTimestamp as timestamptz)",
    }
    for feed, expr in late.items():
        bad = _one(
            db,
            f"select count(*) from {feed} where {expr} is not null "
            f"and cast({expr} as timestamp) >= cast(load_date as timestamp)",
        )
        assert bad == 0, feed


# --- truth ---------------------------------------------------------------------------------


@pytest.mark.parametrize("feed", list(PROFILE_FEEDS))
def test_truth_covers_every_source_record(db, feed: str) -> None:
    system, _, key = PROFILE_FEEDS[feed]
    unknown = _one(
        db,
        f"select count(*) from {feed} f where {_valid(feed)} and cast({key} as varchar) not in "
        f"(select source_record_id from truth_source_records where source_system = '{system}')",
    )
    assert unknown == 0
    absent = _one(
        db,
        f"select count(*) from truth_source_records where source_system = '{system}' "
        f"and source_record_id not in (select cast({key} as varchar) from {feed} "
        f"where {_valid(feed)})",
    )
    assert absent == 0


def test_every_customer_is_in_some_system_at_the_documented_rates(db) -> None:
    assert _one(db, "select count(*) from truth_customers") == 1500
    missing = _one(
        db,
        "select count(*) from truth_customers where customer_id not in "
        "(select customer_id from truth_source_records)",
    )
    assert missing == 0
    coverage = dict(
        _rows(
            db,
            "select source_system, count(distinct customer_id) / 1500 from truth_source_records "
            "group by 1",
        )
    )
    expected = {"crm": 0.70, "billing": 0.60, "shipping": 0.40, "ticketing": 0.30, "connect": 0.50}
    for system, share in expected.items():
        assert abs(coverage[system] - share) < 0.05, system


def test_some_customers_have_two_records_in_one_system(db) -> None:
    per_system = dict(
        _rows(
            db,
            "select source_system, count(*) from (select source_system, customer_id "
            "from truth_source_records group by all having count(*) > 1) group by 1",
        )
    )
    assert set(per_system) == set(FEEDS)
    assert 0.01 < sum(per_system.values()) / 1500 < 0.15


def test_customers_truth_has_households_twins_and_juniors(db) -> None:
    columns = [name for name, *_ in _rows(db, "describe truth_customers")]
    for needed in ("customer_id", "household_id", "first_name", "last_name", "birth_date",
                   "email", "phone"):  # fmt: skip
        assert needed in columns
    assert _one(db, "select count(distinct customer_id) from truth_customers") == 1500
    twins = _one(
        db,
        "select count(*) from truth_customers a join truth_customers b "
        "on a.household_id = b.household_id and a.birth_date = b.birth_date "
        "and a.last_name = b.last_name and a.first_name < b.first_name "
        "where a.is_twin and b.is_twin",
    )
    assert twins > 0
    juniors = _one(
        db,
        "select count(*) from truth_customers jr join truth_customers sr "
        "on jr.household_id = sr.household_id and jr.first_name = sr.first_name "
        "and jr.last_name = sr.last_name and jr.birth_date > sr.birth_date "
        "where jr.name_suffix = 'Jr' and sr.name_suffix = 'Sr'",
    )
    assert juniors > 0
    assert _one(db, "select count(*) from truth_customers where household_role = 'head'") < 1500
    shared = _one(
        db,
        "select count(*) from (select household_id from truth_customers "
        "group by 1 having count(*) > 1)",
    )
    assert shared > 100


def test_bad_rows_are_listed_and_can_be_found(lake: Path, db) -> None:
    bad = pq.read_table(lake / "_truth" / "bad_rows.parquet").to_pylist()
    assert {row["feed"] for row in bad} == set(PROFILE_FEEDS)
    kinds = {row["kind"] for row in bad}
    assert kinds == {"missing_key", "unparseable_timestamp", "missing_timestamp"}
    known_ids = {r[0] for r in _rows(db, "select source_record_id from truth_source_records")}
    for row in bad:
        spec = FEEDS[PROFILE_FEEDS[row["feed"]][0]]
        table = pq.read_table(lake / row["file"])
        found = table.slice(row["row_number"], 1).to_pylist()[0]
        if row["kind"] == "missing_key":
            assert row["source_record_id"] is None
            assert found[spec.key] in (None, "")
        else:
            assert str(found[spec.key]) == row["source_record_id"]
            assert row["source_record_id"] in known_ids  # mangled, but still a real record
            if row["kind"] == "unparseable_timestamp":
                assert found[spec.timestamp] in spec.bad_timestamps
            else:
                assert found[spec.timestamp] is None
    for feed in PROFILE_FEEDS:
        missing_keys = _one(db, f"select count(*) from {feed} where not ({_valid(feed)})")
        listed = sum(1 for r in bad if r["feed"] == feed and r["kind"] == "missing_key")
        assert missing_keys == listed


def test_share_of_bad_rows_follows_the_rate(lake: Path) -> None:
    manifest = json.loads((lake / "_truth" / "manifest.json").read_text())
    total = sum(manifest["rows"][feed] for feed in PROFILE_FEEDS)
    bad = pq.read_metadata(lake / "_truth" / "bad_rows.parquet").num_rows
    assert 0.01 * total < bad < 0.03 * total


# --- realism: noise the models must survive -------------------------------------------------


def test_names_are_swapped_reordered_nicknamed_and_mistyped(db) -> None:
    swapped = _one(
        db,
        f"select count(*) from ({_joined('billing__accounts')}) "
        "where lower(FirstName) = lower(true_last) and lower(LastName) = lower(true_first) "
        "and true_first <> true_last",
    )
    assert swapped > 0
    comma = _one(db, "select count(*) from crm__contacts where full_name like '%, %'")
    assert comma > 0
    nick_pairs = ", ".join(
        f"('{formal}', '{nick}')" for formal, nicks in data.NICKNAMES.items() for nick in nicks
    )
    nicknamed = _one(
        db,
        f"select count(*) from ({_joined('billing__accounts')}) b "
        f"join (values {nick_pairs}) n(formal, nick) "
        "on b.true_first = n.formal and lower(trim(b.FirstName)) = lower(n.nick)",
    )
    assert nicknamed > 0
    mistyped = _one(
        db,
        f"select count(*) from ({_joined('billing__accounts')}) "
        "where damerau_levenshtein(lower(LastName), lower(true_last)) = 1",
    )
    assert mistyped > 0
    upper_names = _one(
        db, "select count(*) from shipping__recipients where recipient_name = upper(recipient_name)"
    )
    assert upper_names > _one(db, "select count(*) from shipping__recipients") / 2
    spaced = _one(
        db, "select count(*) from crm__contacts where full_name <> trim(full_name) "
        "or full_name like '%  %'",
    )  # fmt: skip
    assert spaced > 0


def test_phones_come_with_and_without_country_code(db) -> None:
    lengths = dict(
        _rows(db, "select length(PhoneNumber), count(*) from billing__accounts group by 1")
    )
    assert lengths.get(10, 0) > 0 and lengths.get(11, 0) > 0
    assert lengths.get(3, 0) > 0  # a few broken 3-digit phones
    styles = _one(
        db,
        "select count(distinct regexp_replace(phone, '\\d', '9', 'g')) from crm__contacts "
        "where length(phone) > 3",
    )
    assert styles == 3


def _digits(column: str) -> str:
    return f"right(regexp_replace({column}, '[^0-9]', '', 'g'), 10)"


def test_households_share_phones_and_addresses(db) -> None:
    shared_phone = _one(
        db,
        f"select count(*) from (select {_digits('phone')} p from ({_joined('crm__contacts')}) "
        "where length(phone) > 3 group by 1 "
        "having count(distinct true_customer_id) > 1 and count(distinct household_id) = 1)",
    )
    assert shared_phone > 0
    shared_address = _one(
        db,
        f"select count(*) from (select lower(mailing_street), mailing_city "
        f"from ({_joined('crm__contacts')}) where mailing_street is not null group by all "
        "having count(distinct true_customer_id) > 1 and count(distinct household_id) = 1)",
    )
    assert shared_address > 0
    emails = " union all ".join(
        f"select true_customer_id, lower(trim({column})) as email from ({_joined(feed)})"
        for feed, column in (
            ("crm__contacts", "email"),
            ("billing__accounts", "EmailAddress"),
            ("shipping__recipients", "email"),
            ("ticketing__requesters", "email"),
            ("connect__customer_profiles", "EmailAddress"),
            ("connect__customer_profiles", "PersonalEmailAddress"),
        )
    )
    family_email = _one(
        db,
        f"select count(*) from (select email from ({emails}) "
        "where email in (select family_email from truth_customers) group by 1 "
        "having count(distinct true_customer_id) > 1)",
    )
    assert family_email > 0


def test_recycled_phones_point_at_an_unrelated_customer(db) -> None:
    feeds = ["crm__contacts", "billing__accounts", "shipping__recipients"]
    columns = {"crm__contacts": "phone", "billing__accounts": "PhoneNumber",
               "shipping__recipients": "phone"}  # fmt: skip
    recycled = 0
    for feed in feeds:
        recycled += _one(
            db,
            f"select count(*) from ({_joined(feed)}) f join truth_customers owner "
            f"on right(owner.phone, 10) = {_digits('f.' + columns[feed])} "
            "and owner.household_id <> f.household_id",
        )
    assert recycled > 0


def test_stale_records_carry_previous_email_and_address(db) -> None:
    old_email = _one(
        db,
        f"select count(*) from ({_joined('crm__contacts')}) f join truth_customers c "
        "on c.customer_id = f.true_customer_id where lower(f.email) = c.previous_email",
    )
    assert old_email > 0
    old_address = _one(
        db,
        f"select count(*) from ({_joined('billing__accounts')}) f join truth_customers c "
        "on c.customer_id = f.true_customer_id where c.previous_street is not null "
        "and f.BillingCity = c.previous_city and f.BillingPostalCode = c.previous_postal_code",
    )
    assert old_address > 0
    corrected = _one(
        db,
        "select count(*) from (select contact_id from crm__contacts where contact_id <> '' "
        "group by 1 having count(distinct coalesce(email, '')) > 1 "
        "or count(distinct coalesce(mailing_street, '')) > 1)",
    )
    assert corrected > 0


def test_invalid_values_are_present_but_rare(db) -> None:
    impossible = _one(
        db, "select count(*) from crm__contacts where try_strptime(birth_date, '%m/%d/%Y') is null "
        "and birth_date is not null",
    )  # fmt: skip
    future = _one(
        db, "select count(*) from connect__customer_profiles where BirthDate > '2026-01-01'"
    )
    malformed = _one(
        db,
        "select count(*) from (select email from crm__contacts union all "
        "select EmailAddress from billing__accounts union all "
        "select EmailAddress from connect__customer_profiles) "
        "where not regexp_matches(email, '^[^@ ]+@[^@ ]+\\.[a-zA-Z]+$')",
    )
    total = _one(db, "select count(*) from crm__contacts")
    assert 0 < impossible < 0.02 * total
    assert future >= 0
    assert 0 < malformed < 0.02 * 3 * total


def test_connect_profiles_link_to_billing_accounts(db) -> None:
    linked = _one(
        db,
        "select count(*) from connect__customer_profiles p join billing__accounts b "
        "on p.AccountNumber = b.AccountNo",
    )
    assert linked > 0
    attributes = _one(
        db,
        "select count(*) from connect__customer_profiles where Attributes['LoyaltyTier'] "
        "is not null",
    )
    assert attributes > 0


# --- determinism and the hand-over to the other writers -----------------------------------


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_same_seed_same_bytes_other_seed_other_data(tmp_path: Path) -> None:
    args = ["--customers", "300", "--days", "14", "--bad-row-rate", "0.01"]
    first = _files(generate(tmp_path / "a", *args, "--seed", "3"))
    second = _files(generate(tmp_path / "b", *args, "--seed", "3"))
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    other = _files(generate(tmp_path / "c", *args, "--seed", "4"))
    for feed in PROFILE_FEEDS:
        part = f"raw/{PROFILE_FEEDS[feed][1]}/load_date=2026-01-01/part-00000.parquet"
        assert first[part] != other[part], feed
        a, b = (pq.read_table(tmp_path / d / part) for d in "ac")
        assert not a.equals(b)


def test_customers_table_for_web_and_contact_centre(lake: Path, db) -> None:
    from lakegen.population import build_population as build
    from lakegen.profiles import write_profiles
    from lakegen.records import Calendar

    root = lake.parent / "customers_table"
    pop = build(200, np.random.default_rng([1, 0]), dt.date(2026, 1, 1))
    result = write_profiles(
        pop, root, 1, Calendar(dt.date(2026, 1, 1), 14), 0.0, log=lambda _: None
    )
    table = result.customers
    assert table.schema == CUSTOMERS_SCHEMA
    assert table.num_rows == 200
    rows = table.to_pylist()
    assert all(r["phone_e164"] is None or re.fullmatch(r"\+1\d{10}", r["phone_e164"]) for r in rows)
    assert all(r["email"] is None or r["email"] == r["email"].lower() for r in rows)
    crm = pa.concat_tables(
        pq.read_table(p) for p in sorted((root / "raw/crm/contacts").rglob("*.parquet"))
    )
    crm_ids = set(crm.column("contact_id").to_pylist())
    with_crm = [r for r in rows if r["crm_contact_id"] is not None]
    assert 0.6 * 200 < len(with_crm) < 0.8 * 200
    assert all(r["crm_contact_id"] in crm_ids for r in with_crm)


# --- units ------------------------------------------------------------------------------


def _edit_distance_one(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        swap = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
        return len(diff) == 1 or (swap and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def test_typo_makes_one_edit_and_keeps_the_first_letter() -> None:
    names = strings(["Jonathan", "Elizabeth", "Christopher", "Al", ""] * 200)
    out = typo(names, np.random.default_rng(0), 1.0)
    changed = [(a, b) for a, b in zip(names.tolist(), out.tolist(), strict=True) if a != b]
    assert len(changed) > 400  # transposing equal letters may leave a few unchanged
    assert all(_edit_distance_one(a, b) and a[0] == b[0] for a, b in changed)
    assert all(a == b for a, b in zip(names.tolist(), out.tolist(), strict=True) if len(a) < 3)


def test_nicknames_map_formal_names() -> None:
    codes = np.array([FIRST_NAMES.tolist().index(n) for n in ("Robert", "William", "Zoe")] * 50)
    out, used = nickname(codes, np.random.default_rng(1), 1.0)
    values = out.tolist()
    assert set(values[0::3]) <= set(data.NICKNAMES["Robert"])
    assert set(values[1::3]) <= set(data.NICKNAMES["William"])
    assert set(values[2::3]) == {"Zoe"} and not used[2::3].any()
    assert len(data.NICKNAMES) >= 60
    assert set(data.NICKNAMES) <= set(FIRST_NAMES.tolist())


def test_time_formats_respect_zones_and_daylight_saving() -> None:
    winter = dt.datetime(2026, 1, 5, 14, 12, 44, tzinfo=dt.UTC).timestamp()
    summer = dt.datetime(2025, 7, 4, 3, 5, 6, tzinfo=dt.UTC).timestamp()
    utc = np.array([winter, summer], dtype=np.int64)
    assert us_12h(utc, "America/Chicago").tolist() == [
        "01/05/2026 08:12:44 AM",
        "07/03/2025 10:05:06 PM",
    ]
    zones = ("America/New_York", "America/Phoenix")
    assert iso_offset(utc, np.array([0, 1]), zones).tolist() == [
        "2026-01-05T09:12:44-05:00",
        "2025-07-03T20:05:06-07:00",
    ]
    assert zulu(utc).tolist() == ["2026-01-05T14:12:44Z", "2025-07-04T03:05:06Z"]


def test_phone_templates() -> None:
    national = strings(["3125550123"])
    assert format_phone(national, "(A) E-L").tolist() == ["(312) 555-0123"]
    assert format_phone(national, "+1-A-E-L").tolist() == ["+1-312-555-0123"]
    assert format_phone(national, "1AEL").tolist() == ["13125550123"]


def test_population_is_skewed_and_unique() -> None:
    pop = build_population(5000, np.random.default_rng(5), dt.date(2026, 1, 1))
    emails = [e for e in pop.email.tolist() if e]
    assert len(emails) == len(set(emails)) > 4500
    phones = [p for p in pop.mobile.tolist() if p]
    assert len(phones) == len(set(phones))
    _, counts = np.unique(pop.last, return_counts=True)
    assert counts.max() > 50  # Smith-like names are common
    assert (counts == 1).sum() > 50  # and rare names exist
    assert len(set(pop.customer_id.tolist())) == 5000
