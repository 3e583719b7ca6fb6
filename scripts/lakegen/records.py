"""Which source records exist, who they belong to, and when each version is exported.

For each profile system a `SystemPlan` lists its records (one customer each; a few customers
have two records in the same system) and the rows written for them:

* every customer is in at least one system; coverage is about CRM 70%, billing 60%,
  shipping 40%, ticketing 30%, Connect 50%;
* the first load date holds every record created before the start date (a full extract);
  weekly load dates after it hold records created that week and new versions of older records
  (a corrected e-mail, phone or address, always with a later modified time);
* a record may be *stale*: it still carries the customer's previous e-mail, phone (possibly
  recycled to another customer by now) or address. Older systems are staler. A stale record
  is the one most likely to get a corrected version in a later load.

Record ids are drawn here (not in the renderers) because other feeds refer to them: Connect's
`AccountNumber` is the billing `AccountNo`, and the web and contact-centre feeds get each
customer's CRM `contact_id` and Connect `ProfileId`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from lakegen.population import Population
from lakegen.timefmt import DAY, epoch_seconds
from lakegen.vec import cat, chance, int_str, random_hex, unique_ints, uuid4

SYSTEMS = ("crm", "billing", "shipping", "ticketing", "connect")
YEAR = 365 * DAY


@dataclass(frozen=True)
class SystemRates:
    """How a system samples customers and ages its records."""

    coverage: float  # share of customers with a record
    duplicate: float  # share of members with a second record in the same system
    stale: float  # chance a record keeps a superseded e-mail / phone / address
    new: float  # share of records first exported in a weekly delta
    fix_stale: float  # chance a stale record gets a corrected version in a delta
    touch: float  # chance any other older record is re-exported in a delta
    history_years: float  # how far back records were created


RATES: dict[str, SystemRates] = {
    "crm": SystemRates(0.70, 0.05, 0.30, 0.07, 0.40, 0.05, 8.0),
    "billing": SystemRates(0.60, 0.03, 0.45, 0.06, 0.30, 0.06, 10.0),
    "shipping": SystemRates(0.40, 0.06, 0.55, 0.09, 0.20, 0.04, 6.0),
    "ticketing": SystemRates(0.30, 0.04, 0.30, 0.10, 0.30, 0.05, 5.0),
    "connect": SystemRates(0.50, 0.04, 0.20, 0.08, 0.45, 0.05, 3.0),
}


@dataclass(frozen=True)
class Calendar:
    """Weekly load dates from `start` while inside `days`."""

    start: dt.date
    days: int

    @property
    def load_dates(self) -> tuple[dt.date, ...]:
        """`start`, `start + 7`, ... (at least one)."""
        return tuple(self.start + dt.timedelta(days=k) for k in range(0, max(self.days, 1), 7))

    @property
    def bounds(self) -> np.ndarray:
        """Epoch seconds of midnight UTC of every load date."""
        return np.array([epoch_seconds(d) for d in self.load_dates], dtype=np.int64)


@dataclass(frozen=True)
class SystemPlan:
    """The records of one system (per-record arrays) and the rows written (per-row arrays)."""

    system: str
    record_id: np.ndarray  # StringDType, or int64 for shipping
    cust: np.ndarray  # customer index of each record
    is_dup: np.ndarray  # the customer's second record in this system
    created: np.ndarray  # epoch seconds
    stale_email: np.ndarray  # first version carries the previous e-mail
    stale_phone: np.ndarray
    stale_address: np.ndarray
    row_rec: np.ndarray  # record index of each row
    row_version: np.ndarray  # 0: first export of the record, 1: a later version
    row_load: np.ndarray  # index into Calendar.load_dates
    row_modified: np.ndarray  # epoch seconds

    @property
    def records(self) -> int:
        """Number of records."""
        return len(self.cust)

    @property
    def rows(self) -> int:
        """Number of rows (record versions)."""
        return len(self.row_rec)

    def primary_record(self, n_customers: int) -> np.ndarray:
        """Per customer, the index of their first record here, or -1."""
        out = np.full(n_customers, -1, dtype=np.int64)
        first = np.flatnonzero(~self.is_dup)
        out[self.cust[first]] = first
        return out


def membership(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Which customers have a record in which system; nobody is in none."""
    member = {s: chance(rng, RATES[s].coverage, n) for s in SYSTEMS}
    nowhere = ~np.logical_or.reduce(list(member.values()))
    weights = np.array([RATES[s].coverage for s in SYSTEMS])
    fallback = rng.choice(len(SYSTEMS), size=n, p=weights / weights.sum())
    for k, s in enumerate(SYSTEMS):
        member[s] |= nowhere & (fallback == k)
    return member


def plan_system(
    system: str,
    members: np.ndarray,
    pop: Population,
    calendar: Calendar,
    rng: np.random.Generator,
) -> SystemPlan:
    """Records and rows of one system for the customers in `members` (boolean mask)."""
    rates = RATES[system]
    base = np.flatnonzero(members)
    dups = base[chance(rng, rates.duplicate, len(base))]
    cust = np.concatenate([base, dups])
    is_dup = np.r_[np.zeros(len(base), bool), np.ones(len(dups), bool)]
    # records in customer order: rendering then reads the population almost sequentially
    order = np.argsort(cust, kind="stable")
    cust, is_dup = cust[order], is_dup[order]
    r = len(cust)
    bounds = calendar.bounds
    deltas = len(bounds) - 1
    is_new = chance(rng, rates.new, r) & (deltas > 0)
    load0 = np.where(is_new, rng.integers(1, max(deltas, 1) + 1, r), 0)
    adult_since = (pop.birth[cust].astype(np.int64) + 18 * 366) * DAY
    created, modified0 = _first_times(rng, load0, bounds, rates.history_years, adult_since)
    old = ~is_new
    stale_email = old & chance(rng, rates.stale, r) & (pop.old_email[cust] != "")
    stale_phone = old & chance(rng, rates.stale, r) & (pop.old_phone[cust] != "")
    stale_address = old & chance(rng, rates.stale, r) & pop.moved[cust]
    stale = stale_email | stale_phone | stale_address
    p_update = np.where(stale, rates.fix_stale, rates.touch)
    updated = np.flatnonzero(old & chance(rng, p_update, r) & (deltas > 0))
    load1 = rng.integers(1, max(deltas, 1) + 1, len(updated))
    modified1 = _in_window(rng, load1, bounds)
    return SystemPlan(
        system=system,
        record_id=make_ids(system, r, rng),
        cust=cust,
        is_dup=is_dup,
        created=created,
        stale_email=stale_email,
        stale_phone=stale_phone,
        stale_address=stale_address,
        row_rec=np.r_[np.arange(r), updated],
        row_version=np.r_[np.zeros(r, np.int8), np.ones(len(updated), np.int8)],
        row_load=np.r_[load0, load1].astype(np.int16),
        row_modified=np.r_[modified0, modified1],
    )


def _in_window(rng: np.random.Generator, load: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """A time in the week before load date `load` (load >= 1)."""
    low = bounds[np.maximum(load - 1, 0)]
    return low + (rng.random(len(load)) * (bounds[load] - low)).astype(np.int64)


def _first_times(
    rng: np.random.Generator,
    load0: np.ndarray,
    bounds: np.ndarray,
    history_years: float,
    adult_since: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Created and first-modified times: in the past for the full extract (never before the
    customer turned 18), else in the week before the record's load date."""
    r = len(load0)
    start = bounds[0]
    age = (rng.random(r) ** 1.3 * history_years * YEAR).astype(np.int64) + 3600
    created_old = np.minimum(np.maximum(start - age, adult_since), start - 3600)
    modified_old = created_old + (rng.random(r) * (start - created_old)).astype(np.int64)
    created_new = _in_window(rng, load0, bounds)
    until_export = bounds[load0] - created_new
    modified_new = created_new + (rng.random(r) * np.minimum(until_export, DAY)).astype(np.int64)
    is_new = load0 > 0
    return np.where(is_new, created_new, created_old), np.where(is_new, modified_new, modified_old)


def make_ids(system: str, size: int, rng: np.random.Generator) -> np.ndarray:
    """Unique record ids in each system's own format."""
    if system == "crm":
        return cat("CRM-", int_str(unique_ints(rng, size, 0, 10**8), 8))
    if system == "billing":
        return cat("B-", int_str(unique_ints(rng, size, 0, 10**8), 8))
    if system == "shipping":
        return unique_ints(rng, size, 10**6, 10**9)
    if system == "ticketing":
        return uuid4(rng, size)
    if system == "connect":
        return random_hex(rng, size, 16)
    raise ValueError(f"unknown system {system!r}")


def plan_all(pop: Population, calendar: Calendar, seed: int) -> dict[str, SystemPlan]:
    """Plans of all five systems; each system uses its own child generator."""
    member = membership(pop.size, np.random.default_rng([seed, 1]))
    return {
        s: plan_system(s, member[s], pop, calendar, np.random.default_rng([seed, 2, k]))
        for k, s in enumerate(SYSTEMS)
    }
