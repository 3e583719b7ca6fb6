"""The five profile feeds (CRM, billing, shipping, ticketing, Connect) and their truth.

`write_profiles` plans every system's records (`records.py`), renders each feed in its own
format with its own quirks (`docs/lake_format.md`), writes it (`lakeio.py`) and writes
`_truth/source_records.parquet` and `_truth/bad_rows.parquet`. It returns the rows written
per feed and the `customers` table the web and contact-centre writers take.

System quirks rendered here:

* CRM: one `full_name` (`John Doe`, `Doe, John`, `John Q. Doe Jr`), phones `(555) 010-0000`
  / `555.010.0000` / `555-010-0000`, one-line street with unit, ZIP or ZIP+4, `MM/DD/YYYY`
  birth dates, ISO timestamps with the offset of the record's US time zone.
* billing: split names, upper-case e-mails, digits-only phones with or without the leading 1,
  unit in `BillingStreet2` (`Apt 4`, `Unit 4`, `#4`), ZIPs that lost their leading zero,
  `US`/`USA`/`United States`, epoch-millisecond `LastModified`.
* shipping: upper-case names and one-line addresses, `+1 555-010-0000` / `+15550100000`,
  e-mail mostly missing, `MM/DD/YYYY hh:mm:ss AM` America/Chicago local times.
* ticketing: display names (`John Doe`, `John D.`, `john`), work e-mails, phone extensions,
  organization, real UTC timestamps.
* Connect: the Customer Profiles standard profile: `AccountNumber` often the billing
  `AccountNo`, three phones and three e-mails, address structs, an `Attributes` map,
  `yyyy-mm-ddThh:mm:ssZ` timestamps.

Invalid values that do *not* break the contract (a malformed e-mail, a 3-digit phone,
`02/30/1990`, a future birth date) are sprinkled in at well under 1%; they are data quality
problems for the models to survive, not bad rows.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from lakegen import data
from lakegen.lakeio import BAD_ROWS_SCHEMA, FeedSpec, WrittenFeed, source_records, write_feed
from lakegen.noise import short_phone, stray_spaces, vary_case
from lakegen.population import (
    CITY_NAMES,
    CITY_STATES,
    ORG_NAMES,
    Address,
    Population,
    e164,
    street_line,
    unit_text,
)
from lakegen.records import SYSTEMS, Calendar, SystemPlan, plan_all
from lakegen.render import (
    EmailMix,
    NameNoise,
    Names,
    PhoneMix,
    RowContext,
    addresses,
    birth_dates,
    emails,
    format_phones,
    names,
    phones,
)
from lakegen.timefmt import iso_date, iso_offset, us_12h, us_date, zulu
from lakegen.vec import STR, cat, chance, draw, int_str, pick, strings, to_arrow

FEEDS: dict[str, FeedSpec] = {
    "crm": FeedSpec(
        "crm__contacts", "crm", "crm/contacts", "contact_id", "modified_at",
        ("not a date", "2026-13-45T99:00:00Z", "N/A"),
    ),
    "billing": FeedSpec(
        "billing__accounts", "billing", "billing/accounts", "AccountNo", "LastModified", ()
    ),
    "shipping": FeedSpec(
        "shipping__recipients", "shipping", "shipping/recipients", "recipient_id", "updated",
        ("not a date", "13/45/2026 25:61:00 PM", "N/A"),
    ),
    "ticketing": FeedSpec(
        "ticketing__requesters", "ticketing", "ticketing/requesters", "requester_id",
        "updated_at", (),
    ),
    "connect": FeedSpec(
        "connect__customer_profiles", "connect", "connect/customer_profiles", "ProfileId",
        "LastUpdatedTimestamp", ("not a date", "2026-13-45T99:00:00Z", "N/A"),
    ),
}  # fmt: skip

ZONES = tuple(sorted(set(data.STATE_ZONES.values())))
CITY_ZONES = np.array([ZONES.index(data.STATE_ZONES[c[1]]) for c in data.CITIES])
UTC_US = pa.timestamp("us", tz="UTC")
ADDRESS_FIELDS = (
    "Address1", "Address2", "Address3", "Address4", "City", "County", "State", "Province",
    "Country", "PostalCode",
)  # fmt: skip
ADDRESS_TYPE = pa.struct([(f, pa.string()) for f in ADDRESS_FIELDS])
ATTRIBUTES_TYPE = pa.map_(pa.string(), pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    "crm": pa.schema(
        [(c, pa.string()) for c in (
            "contact_id", "full_name", "email", "phone", "mailing_street", "mailing_city",
            "mailing_state", "mailing_zip", "birth_date", "lead_source", "created_at",
            "modified_at",
        )]
    ),
    "billing": pa.schema(
        [(c, pa.string()) for c in (
            "AccountNo", "FirstName", "LastName", "EmailAddress", "PhoneNumber",
            "BillingStreet1", "BillingStreet2", "BillingCity", "BillingState",
            "BillingPostalCode", "BillingCountry", "AccountStatus",
        )] + [("LastModified", pa.int64())]
    ),
    "shipping": pa.schema(
        [("recipient_id", pa.int64())]
        + [(c, pa.string()) for c in ("recipient_name", "ship_to_address", "phone", "email",
                                      "updated")]
    ),
    "ticketing": pa.schema(
        [(c, pa.string()) for c in ("requester_id", "name", "email", "phone", "organization")]
        + [("created_at", UTC_US), ("updated_at", UTC_US)]
    ),
    "connect": pa.schema(
        [(c, pa.string()) for c in (
            "ProfileId", "AccountNumber", "FirstName", "MiddleName", "LastName", "BirthDate",
            "Gender", "PhoneNumber", "MobilePhoneNumber", "HomePhoneNumber", "EmailAddress",
            "PersonalEmailAddress", "BusinessEmailAddress",
        )]
        + [("Address", ADDRESS_TYPE), ("ShippingAddress", ADDRESS_TYPE),
           ("BillingAddress", ADDRESS_TYPE), ("Attributes", ATTRIBUTES_TYPE),
           ("LastUpdatedTimestamp", pa.string())]
    ),
}  # fmt: skip

CUSTOMERS_SCHEMA = pa.schema(
    [
        ("customer_id", pa.string()),
        ("email", pa.string()),
        ("phone_e164", pa.string()),
        ("crm_contact_id", pa.string()),
        ("connect_profile_id", pa.string()),
        ("household_id", pa.string()),
    ]
)


@dataclass(frozen=True)
class RenderEnv:
    """What renderers need beyond their own rows."""

    calendar: Calendar
    plans: dict[str, SystemPlan]


@dataclass(frozen=True)
class ProfilesResult:
    """Rows written per feed and the `customers` table for the other writers."""

    rows: dict[str, int]
    customers: pa.Table


Renderer = Callable[[RowContext, np.random.Generator, RenderEnv], dict[str, pa.Array]]


def _ids(ctx: RowContext) -> np.ndarray:
    return ctx.plan.record_id[ctx.rec]


def _record_zones(ctx: RowContext, rng: np.random.Generator) -> np.ndarray:
    """Per-row US time zone code: usually the customer's home zone."""
    home = CITY_ZONES[ctx.pop.address.city[ctx.cust]]
    other = rng.integers(0, len(ZONES), ctx.plan.records)[ctx.rec]
    return np.where(ctx.record_chance(rng, 0.75), home, other)


def _middle_initial(n: Names) -> np.ndarray:
    return pick(n.middle != "", cat(" ", np.strings.slice(n.middle, 0, 1), "."), "")


def _suffix(n: Names) -> np.ndarray:
    return pick(n.suffix != "", cat(" ", n.suffix), "")


def _one_line_name(n: Names) -> np.ndarray:
    """`John Q. Doe Jr` (middle initial and suffix where shown)."""
    return cat(n.first, _middle_initial(n), " ", n.last, _suffix(n))


def render_crm(ctx: RowContext, rng: np.random.Generator, env: RenderEnv) -> dict[str, pa.Array]:
    """`crm/contacts` columns, one per row of the plan."""
    n = names(ctx, rng, NameNoise(middle=0.35))
    comma = cat(n.last, _suffix(n), ", ", n.first, _middle_initial(n))
    full = pick(ctx.record_chance(rng, 0.14), comma, _one_line_name(n))
    full = stray_spaces(vary_case(full, rng, 0.05, 0.06), rng, 0.03)
    email = vary_case(emails(ctx, rng, EmailMix(missing=0.07, family=0.08)), rng, 0.03, 0.0)
    national = phones(ctx, rng, PhoneMix(missing=0.12, home=0.12))
    phone = format_phones(national, rng, ("(A) E-L", "A.E.L", "A-E-L"), (0.45, 0.2, 0.35))
    phone = short_phone(phone, national, rng, 0.003)
    addr = addresses(ctx)
    no_addr = ctx.record_chance(rng, 0.08)
    unit = unit_text(addr)
    street = cat(street_line(addr, ctx.record_chance(rng, 0.25)), pick(unit != "", " ", ""), unit)
    zip5 = int_str(addr.zip5, 5)
    zip_code = pick(ctx.record_chance(rng, 0.3), cat(zip5, "-", int_str(addr.zip4, 4)), zip5)
    year, month, day = birth_dates(ctx, rng, 0.006, env.calendar.start.year)
    birth = pick(ctx.record_chance(rng, 0.35), "", us_date(year, month, day))
    lead = strings(["web", "referral", "event", "partner"])[ctx.record_draw(rng, (45, 25, 15, 15))]
    zones = _record_zones(ctx, rng)
    return {
        "contact_id": to_arrow(_ids(ctx)),
        "full_name": to_arrow(full),
        "email": to_arrow(email),
        "phone": to_arrow(phone),
        "mailing_street": to_arrow(street, no_addr),
        "mailing_city": to_arrow(CITY_NAMES[addr.city], no_addr),
        "mailing_state": to_arrow(CITY_STATES[addr.city], no_addr),
        "mailing_zip": to_arrow(zip_code, no_addr),
        "birth_date": to_arrow(birth),
        "lead_source": to_arrow(lead),
        "created_at": to_arrow(iso_offset(ctx.plan.created[ctx.rec], zones, ZONES)),
        "modified_at": to_arrow(iso_offset(ctx.plan.row_modified, zones, ZONES)),
    }


def _unit_designators(ctx: RowContext, rng: np.random.Generator, addr: Address) -> np.ndarray:
    """The unit's true designator, or another one (`Apt` written as `#`)."""
    other = rng.integers(0, 3, ctx.plan.records)[ctx.rec]
    return np.where(ctx.record_chance(rng, 0.3), other, addr.unit_kind)


def render_billing(
    ctx: RowContext, rng: np.random.Generator, env: RenderEnv
) -> dict[str, pa.Array]:
    """`billing/accounts` columns."""
    n = names(ctx, rng, NameNoise(nickname=0.05, swap=0.03, middle=0.0, suffix=0.3))
    last = cat(n.last, _suffix(n))
    first, last = vary_case(n.first, rng, 0.04, 0.01), vary_case(last, rng, 0.04, 0.01)
    email = emails(ctx, rng, EmailMix(missing=0.08, family=0.1))
    email = pick(ctx.record_chance(rng, 0.4), np.strings.upper(email), email)
    national = phones(ctx, rng, PhoneMix(missing=0.1, home=0.15))
    phone = format_phones(
        national, rng, ("AEL", "1AEL"), (0.65, 0.35), ctx.record_draw(rng, (0.65, 0.35))
    )
    phone = short_phone(phone, national, rng, 0.003)
    addr = addresses(ctx)
    zip5 = int_str(addr.zip5, 5)
    zip5 = pick(ctx.record_chance(rng, 0.03), np.strings.lstrip(zip5, "0"), zip5)
    country = strings(["US", "USA", "United States"])[ctx.record_draw(rng, (60, 25, 15))]
    statuses, status_weights = strings(["active", "suspended", "closed"]), (80, 7, 13)
    status = statuses[ctx.record_draw(rng, status_weights)]
    changed = ~ctx.first_version & chance(rng, 0.3, ctx.rows)  # a later version may change it
    status = pick(changed, statuses[draw(rng, status_weights, ctx.rows)], status)
    ms = rng.integers(0, 1000, ctx.rows)
    return {
        "AccountNo": to_arrow(_ids(ctx)),
        "FirstName": to_arrow(first),
        "LastName": to_arrow(last),
        "EmailAddress": to_arrow(email),
        "PhoneNumber": to_arrow(phone),
        "BillingStreet1": to_arrow(street_line(addr, ctx.record_chance(rng, 0.15))),
        "BillingStreet2": to_arrow(unit_text(addr, _unit_designators(ctx, rng, addr))),
        "BillingCity": to_arrow(CITY_NAMES[addr.city]),
        "BillingState": to_arrow(CITY_STATES[addr.city]),
        "BillingPostalCode": to_arrow(zip5),
        "BillingCountry": to_arrow(country),
        "AccountStatus": to_arrow(status),
        "LastModified": pa.array(ctx.plan.row_modified * 1000 + ms, pa.int64()),
    }


def render_shipping(
    ctx: RowContext, rng: np.random.Generator, env: RenderEnv
) -> dict[str, pa.Array]:
    """`shipping/recipients` columns."""
    n = names(ctx, rng, NameNoise(nickname=0.1, typo=0.04, swap=0.01, middle=0.0, suffix=0.2))
    upper = ctx.record_chance(rng, 0.7)
    name = _one_line_name(n)
    name = stray_spaces(pick(upper, np.strings.upper(name), name), rng, 0.04)
    addr = addresses(ctx)
    unit = unit_text(addr, _unit_designators(ctx, rng, addr))
    line = cat(
        street_line(addr, ctx.record_chance(rng, 0.1)),
        pick(unit != "", ", ", ""),
        unit,
        ", ",
        CITY_NAMES[addr.city],
        ", ",
        CITY_STATES[addr.city],
        " ",
        int_str(addr.zip5, 5),
    )
    line = pick(ctx.record_chance(rng, 0.75), np.strings.upper(line), line)
    national = phones(ctx, rng, PhoneMix(missing=0.08, home=0.1))
    phone = format_phones(national, rng, ("+1 A-E-L", "+1AEL"), (0.5, 0.5))
    email = emails(ctx, rng, EmailMix(missing=0.6, family=0.1))
    return {
        "recipient_id": pa.array(_ids(ctx), pa.int64()),
        "recipient_name": to_arrow(name),
        "ship_to_address": to_arrow(line),
        "phone": to_arrow(short_phone(phone, national, rng, 0.003)),
        "email": to_arrow(email),
        "updated": to_arrow(us_12h(ctx.plan.row_modified, "America/Chicago")),
    }


def render_ticketing(
    ctx: RowContext, rng: np.random.Generator, env: RenderEnv
) -> dict[str, pa.Array]:
    """`ticketing/requesters` columns."""
    n = names(ctx, rng, NameNoise(nickname=0.15, typo=0.02, swap=0.01, middle=0.0, suffix=0.0))
    style = ctx.record_draw(rng, (62, 15, 13, 10))
    display = pick(style == 0, cat(n.first, " ", n.last), n.first)
    display = pick(style == 1, cat(n.first, " ", np.strings.slice(n.last, 0, 1), "."), display)
    display = pick(style == 2, np.strings.lower(n.first), display)
    email = emails(ctx, rng, EmailMix(missing=0.03, family=0.05, business=0.35))
    email = vary_case(email, rng, 0.05, 0.0)
    national = phones(ctx, rng, PhoneMix(missing=0.55, home=0.05))
    phone = format_phones(national, rng, ("A-E-L", "(A) E-L", "+1 A-E-L"), (0.5, 0.3, 0.2))
    extension = cat(" x", int_str(rng.integers(10, 10_000, ctx.rows)))
    phone = pick(ctx.record_chance(rng, 0.12) & (phone != ""), cat(phone, extension), phone)
    org_code = ctx.pop.org[ctx.cust]
    org = pick(
        (org_code >= 0) & ctx.record_chance(rng, 0.7), ORG_NAMES[np.maximum(org_code, 0)], ""
    )
    return {
        "requester_id": to_arrow(_ids(ctx)),
        "name": to_arrow(display),
        "email": to_arrow(email),
        "phone": to_arrow(short_phone(phone, national, rng, 0.003)),
        "organization": to_arrow(vary_case(org, rng, 0.1, 0.02)),
        "created_at": _utc_timestamps(ctx.plan.created[ctx.rec]),
        "updated_at": _utc_timestamps(ctx.plan.row_modified),
    }


def _utc_timestamps(epoch_s: np.ndarray) -> pa.Array:
    return pa.array(epoch_s.astype("datetime64[s]").astype("datetime64[us]"), UTC_US)


def render_connect(
    ctx: RowContext, rng: np.random.Generator, env: RenderEnv
) -> dict[str, pa.Array]:
    """`connect/customer_profiles` columns."""
    pop, cust = ctx.pop, ctx.cust
    n = names(ctx, rng, NameNoise(nickname=0.05, swap=0.03, middle=0.4, suffix=0.2))
    last = cat(n.last, _suffix(n))
    year, month, day = birth_dates(ctx, rng, 0.006, env.calendar.start.year)
    birth = pick(ctx.record_chance(rng, 0.5), "", iso_date(year, month, day))
    gender = pick(pop.is_male[cust], "MALE", "FEMALE")
    gender = pick(ctx.record_chance(rng, 0.1), "UNSPECIFIED", gender)
    gender = pick(ctx.record_chance(rng, 0.15), "", gender)
    templates, weights = ("+1AEL", "+1-A-E-L"), (0.6, 0.4)
    national = phones(ctx, rng, PhoneMix(missing=0.15, home=0.1))
    phone = short_phone(format_phones(national, rng, templates, weights), national, rng, 0.003)
    mobile = pick(ctx.record_chance(rng, 0.3), pop.mobile[cust], "")
    home = pick(ctx.record_chance(rng, 0.5), pop.home_phone[cust], "")
    email = emails(ctx, rng, EmailMix(missing=0.1, family=0.05))
    email = vary_case(email, rng, 0.08, 0.0)
    family = pop.family_email[cust]
    personal = pick(ctx.record_chance(rng, 0.15), pop.email[cust], "")
    personal = pick(ctx.record_chance(rng, 0.4) & (family != ""), family, personal)
    business = pick(ctx.record_chance(rng, 0.4), pop.business_email[cust], "")
    current = pop.address.take(cust)
    return {
        "ProfileId": to_arrow(_ids(ctx)),
        "AccountNumber": to_arrow(_account_numbers(ctx, rng, env.plans["billing"])),
        "FirstName": to_arrow(n.first),
        "MiddleName": to_arrow(n.middle),
        "LastName": to_arrow(last),
        "BirthDate": to_arrow(birth),
        "Gender": to_arrow(gender),
        "PhoneNumber": to_arrow(phone),
        "MobilePhoneNumber": to_arrow(format_phones(mobile, rng, templates, weights)),
        "HomePhoneNumber": to_arrow(format_phones(home, rng, templates, weights)),
        "EmailAddress": to_arrow(email),
        "PersonalEmailAddress": to_arrow(personal),
        "BusinessEmailAddress": to_arrow(business),
        "Address": _address_struct(addresses(ctx), ctx.record_chance(rng, 0.8)),
        "ShippingAddress": _address_struct(current, ctx.record_chance(rng, 0.25)),
        "BillingAddress": _address_struct(current, ctx.record_chance(rng, 0.2)),
        "Attributes": _attributes(ctx, rng),
        "LastUpdatedTimestamp": to_arrow(zulu(ctx.plan.row_modified)),
    }


def _account_numbers(ctx: RowContext, rng: np.random.Generator, billing: SystemPlan) -> np.ndarray:
    """The customer's billing `AccountNo` on most profiles of billing customers."""
    account = billing.primary_record(ctx.pop.size)[ctx.cust]
    known = (account >= 0) & ctx.record_chance(rng, 0.65)
    return pick(known, _take_ids(billing, account), "")


def _take_ids(plan: SystemPlan, records: np.ndarray) -> np.ndarray:
    """`plan.record_id[records]` where records >= 0, `""` elsewhere (also for empty plans)."""
    if plan.records == 0:
        return np.zeros(len(records), dtype=STR)
    return pick(records >= 0, plan.record_id[np.maximum(records, 0)], "")


def _address_struct(addr: Address, present: np.ndarray) -> pa.Array:
    size = len(present)
    none = pa.nulls(size, pa.string())
    fields = {
        "Address1": to_arrow(street_line(addr)),
        "Address2": to_arrow(unit_text(addr)),
        "Address3": none,
        "Address4": none,
        "City": to_arrow(CITY_NAMES[addr.city]),
        "County": none,
        "State": to_arrow(CITY_STATES[addr.city]),
        "Province": none,
        "Country": to_arrow(np.full(size, "US", dtype=STR)),
        "PostalCode": to_arrow(int_str(addr.zip5, 5)),
    }
    return pa.StructArray.from_arrays(
        list(fields.values()), fields=list(ADDRESS_TYPE), mask=pa.array(~present)
    )


def _attributes(ctx: RowContext, rng: np.random.Generator) -> pa.Array:
    """`{LoyaltyTier: Gold, PreferredChannel: VOICE}`-style maps (possibly empty)."""
    tier = strings(["Bronze", "Silver", "Gold", "Platinum"])[ctx.record_draw(rng, (5, 3, 2, 1))]
    channel = strings(["VOICE", "CHAT", "EMAIL", "SMS"])[ctx.record_draw(rng, (4, 3, 2, 1))]
    has_tier, has_channel = ctx.record_chance(rng, 0.6), ctx.record_chance(rng, 0.5)
    counts = has_tier.astype(np.int32) + has_channel
    offsets = np.r_[0, np.cumsum(counts)].astype(np.int32)
    keys = np.zeros(int(offsets[-1]), dtype=STR)
    items = np.zeros(int(offsets[-1]), dtype=STR)
    tier_at = offsets[:-1][has_tier]
    channel_at = (offsets[:-1] + has_tier)[has_channel]
    keys[tier_at], items[tier_at] = "LoyaltyTier", tier[has_tier]
    keys[channel_at], items[channel_at] = "PreferredChannel", channel[has_channel]
    return pa.MapArray.from_arrays(
        pa.array(offsets), pa.array(keys, pa.string()), pa.array(items, pa.string())
    )


RENDERERS: dict[str, Renderer] = {
    "crm": render_crm,
    "billing": render_billing,
    "shipping": render_shipping,
    "ticketing": render_ticketing,
    "connect": render_connect,
}


def write_profiles(
    pop: Population,
    lake_root: Path,
    seed: int,
    calendar: Calendar,
    bad_rate: float,
    log: Callable[[str], None] = print,
) -> ProfilesResult:
    """Write the five profile feeds and their truth; see the module docstring."""
    plans = plan_all(pop, calendar, seed)
    env = RenderEnv(calendar, plans)
    written: dict[str, WrittenFeed] = {}
    for k, system in enumerate(SYSTEMS):
        started = time.perf_counter()
        spec, plan = FEEDS[system], plans[system]
        columns = RENDERERS[system](
            RowContext.of(plan, pop), np.random.default_rng([seed, 3, k]), env
        )
        table = pa.table(columns, schema=SCHEMAS[system])
        written[system] = write_feed(
            spec,
            table,
            plan,
            calendar,
            lake_root,
            pop,
            np.random.default_rng([seed, 4, k]),
            bad_rate,
        )
        w = written[system]
        log(
            f"  {spec.feed:<28} {w.rows:>10,} rows  {w.files} files  "
            f"{len(w.bad_rows)} bad  {time.perf_counter() - started:5.1f} s"
        )
    _write_truth(lake_root, pop, plans, written)
    return ProfilesResult(
        rows={FEEDS[s].feed: written[s].rows for s in SYSTEMS},
        customers=customers_table(pop, plans, written),
    )


def _write_truth(
    lake_root: Path, pop: Population, plans: dict[str, SystemPlan], written: dict[str, WrittenFeed]
) -> None:
    truth = lake_root / "_truth"
    truth.mkdir(parents=True, exist_ok=True)
    records = pa.concat_tables(
        [source_records(FEEDS[s], plans[s], pop, written[s].present) for s in SYSTEMS]
    )
    pq.write_table(records, truth / "source_records.parquet", compression="zstd")
    bad = pa.concat_tables([written[s].bad_rows for s in SYSTEMS]).cast(BAD_ROWS_SCHEMA)
    pq.write_table(bad, truth / "bad_rows.parquet", compression="zstd")


def customers_table(
    pop: Population, plans: dict[str, SystemPlan], written: dict[str, WrittenFeed]
) -> pa.Table:
    """One row per true customer for the web and contact-centre writers."""

    def readable_id(system: str) -> pa.Array:
        plan = plans[system]
        rec = plan.primary_record(pop.size)
        ok = rec >= 0
        ok[ok] = written[system].present[rec[ok]]
        return to_arrow(_take_ids(plan, np.where(ok, rec, -1)))

    return pa.table(
        {
            "customer_id": to_arrow(pop.customer_id),
            "email": to_arrow(pop.email),
            "phone_e164": to_arrow(e164(pop.mobile)),
            "crm_contact_id": readable_id("crm"),
            "connect_profile_id": readable_id("connect"),
            "household_id": to_arrow(pop.household_id),
        },
        schema=CUSTOMERS_SCHEMA,
    )
