"""What each row of a system shows: its name, e-mail, phone, address and birth date.

`RowContext` joins a `SystemPlan` to the `Population`. The helpers return one value per row,
already noisy but not yet in the system's format (the renderers in `profiles.py` do that):

* names are decided per record (every version of a record spells the name the same way):
  nickname, typo, swapped first/last, optional middle name and Jr/Sr suffix;
* the e-mail is the personal one (or the previous one on a stale row), a family or business
  address, or missing; typos and malformed values per row;
* the phone is the mobile (or the previous, possibly recycled, number on a stale row), the
  household landline, or missing;
* the address is the household's current one, or the previous one on a stale row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lakegen.noise import malformed_email, nickname, typo
from lakegen.population import FIRST_NAMES, LAST_NAMES, SUFFIXES, Address, Population
from lakegen.records import SystemPlan
from lakegen.timefmt import date_parts
from lakegen.vec import STR, cat, chance, draw, pick


@dataclass(frozen=True)
class RowContext:
    """A plan's rows joined to their customers."""

    plan: SystemPlan
    pop: Population
    cust: np.ndarray  # customer of each row
    rec: np.ndarray  # record of each row
    first_version: np.ndarray  # row is the record's first export

    @classmethod
    def of(cls, plan: SystemPlan, pop: Population) -> RowContext:
        """Context for `plan`."""
        return cls(plan, pop, plan.cust[plan.row_rec], plan.row_rec, plan.row_version == 0)

    @property
    def rows(self) -> int:
        """Number of rows."""
        return len(self.rec)

    def record_chance(self, rng: np.random.Generator, p: float) -> np.ndarray:
        """A per-record coin flip, repeated on every row of the record."""
        return chance(rng, p, self.plan.records)[self.rec]

    def record_draw(self, rng: np.random.Generator, weights: tuple[float, ...]) -> np.ndarray:
        """A per-record category code, repeated on every row of the record."""
        return draw(rng, weights, self.plan.records)[self.rec]

    def stale(self, per_record: np.ndarray) -> np.ndarray:
        """Per-record staleness, which only the first version of a record shows."""
        return per_record[self.rec] & self.first_version


@dataclass(frozen=True)
class NameNoise:
    """Rates of name noise in one system."""

    nickname: float = 0.07
    typo: float = 0.03
    swap: float = 0.02
    middle: float = 0.3  # share of people with a middle name whose middle name is shown
    suffix: float = 0.6  # share of Jr/Sr whose suffix is shown


@dataclass(frozen=True)
class Names:
    """Per-row name parts (`""` where absent)."""

    first: np.ndarray
    middle: np.ndarray
    last: np.ndarray
    suffix: np.ndarray


def names(ctx: RowContext, rng: np.random.Generator, noise: NameNoise) -> Names:
    """Noisy name parts, identical on every version of a record."""
    pop, cust, r = ctx.pop, ctx.plan.cust, ctx.plan.records
    first, _ = nickname(pop.first[cust], rng, noise.nickname)
    first = typo(first, rng, noise.typo)
    last = typo(LAST_NAMES[pop.last[cust]], rng, noise.typo)
    middle_code = pop.middle[cust]
    show_middle = (middle_code >= 0) & chance(rng, noise.middle, r)
    middle = pick(show_middle, FIRST_NAMES[np.maximum(middle_code, 0)], "")
    suffix = pick(chance(rng, noise.suffix, r), SUFFIXES[pop.suffix[cust]], "")
    swap = chance(rng, noise.swap, r)
    first, last = pick(swap, last, first), pick(swap, first, last)
    rec = ctx.rec
    return Names(first[rec], middle[rec], last[rec], suffix[rec])


@dataclass(frozen=True)
class EmailMix:
    """Where a system's e-mail comes from, and how often it is broken."""

    missing: float
    family: float = 0.0  # share using the household's family address (if any)
    business: float = 0.0  # share using the work address (if any)
    typo: float = 0.004
    malformed: float = 0.004


def emails(ctx: RowContext, rng: np.random.Generator, mix: EmailMix) -> np.ndarray:
    """Per-row lower-case e-mail, `""` when missing."""
    pop, cust = ctx.pop, ctx.cust
    value = pop.email[cust]
    _overlay(value, ctx.stale(ctx.plan.stale_email), pop.old_email, cust)
    source = ctx.record_draw(rng, (mix.family, mix.business, 1.0 - mix.family - mix.business))
    _overlay(value, source == 0, pop.family_email, cust)
    _overlay(value, source == 1, pop.business_email, cust)
    value[ctx.record_chance(rng, mix.missing)] = ""
    value = typo(value, rng, mix.typo)
    return malformed_email(value, rng, mix.malformed)


def _overlay(value: np.ndarray, where: np.ndarray, source: np.ndarray, cust: np.ndarray) -> None:
    """In place: `source[cust]` where `where` and the source value is not missing."""
    rows = np.flatnonzero(where)
    replacement = source[cust[rows]]
    keep = replacement != ""
    value[rows[keep]] = replacement[keep]


@dataclass(frozen=True)
class PhoneMix:
    """Where a system's phone comes from."""

    missing: float
    home: float = 0.1  # share showing the household landline (if any)


def phones(ctx: RowContext, rng: np.random.Generator, mix: PhoneMix) -> np.ndarray:
    """Per-row 10-digit national number, `""` when missing."""
    pop, cust = ctx.pop, ctx.cust
    value = pop.mobile[cust]
    stale = ctx.stale(ctx.plan.stale_phone)
    value[stale] = pop.old_phone[cust[stale]]  # every stale row has a previous number
    _overlay(value, ctx.record_chance(rng, mix.home) | (value == ""), pop.home_phone, cust)
    value[ctx.record_chance(rng, mix.missing)] = ""
    return value


def addresses(ctx: RowContext) -> Address:
    """Per-row address: the previous one on stale rows."""
    stale = ctx.stale(ctx.plan.stale_address)
    return ctx.pop.address.take(ctx.cust).where(stale, ctx.pop.old_address.take(ctx.cust))


def format_phone(national: np.ndarray, template: str) -> np.ndarray:
    """Format 10-digit numbers: in `template`, `A` is the area code, `E` the exchange, `L` the
    line number, anything else literal, e.g. `(A) E-L`, `+1-A-E-L`."""
    parts = {
        "A": np.strings.slice(national, 0, 3),
        "E": np.strings.slice(national, 3, 6),
        "L": np.strings.slice(national, 6, 10),
    }
    pieces: list[np.ndarray | str] = [parts.get(ch, ch) for ch in template]
    if not isinstance(pieces[0], np.ndarray):
        pieces.insert(0, np.full(len(national), "", dtype=STR))
    return cat(*pieces)


def format_phones(
    national: np.ndarray,
    rng: np.random.Generator,
    templates: tuple[str, ...],
    weights: tuple[float, ...],
    per_row_style: np.ndarray | None = None,
) -> np.ndarray:
    """Each number in one of `templates` (drawn with `weights`); `""` stays `""`."""
    style = draw(rng, weights, len(national)) if per_row_style is None else per_row_style
    out = np.zeros(len(national), dtype=STR)
    for k, template in enumerate(templates):
        sel = np.flatnonzero(style == k)
        out[sel] = format_phone(national[sel], template)
    return pick(national == "", "", out)


def birth_dates(
    ctx: RowContext, rng: np.random.Generator, invalid: float, start_year: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-row (year, month, day); a share `invalid` is impossible (`02/30`) or in the future."""
    year, month, day = date_parts(ctx.pop.birth[ctx.plan.cust])
    r = ctx.plan.records
    kind = np.where(chance(rng, invalid, r), rng.integers(1, 3, r), 0)
    impossible = kind == 1
    month = np.where(impossible, 2, month)
    day = np.where(impossible, rng.integers(30, 32, r), day)
    year = np.where(kind == 2, start_year + rng.integers(1, 8, r), year)
    return year[ctx.rec], month[ctx.rec], day[ctx.rec]
