"""The true customers behind every source record: people, households and their attributes.

`build_population(n, rng, start)` returns a `Population` of numpy arrays, one element per
customer, in random order (customer ids carry no household information). It models:

* households of 1-5 people sharing an address; families share a surname, roommates do not;
  some families share a landline or a family e-mail (`thesmiths@...`);
* twins (same surname, address and birth date, different first names);
* Jr/Sr: a son with his father's first, middle and last name and address, a later birth date,
  suffix `Jr` (the father's true suffix is `Sr`);
* Zipf-skewed first and last names (`data.py`), plus a long tail of rare synthesized surnames;
* personal e-mails built from the name at free-mail domains or random handles, unique per
  person; an older e-mail for some; business e-mails at the employer's domain;
* mobiles with area codes of the home city (or elsewhere), unique per person; some people had
  an older number, and some of those old numbers now belong to an unrelated customer
  (recycled numbers);
* a current address for every household and an older one for households that moved.

Strings are `StringDType` arrays with `""` for "none"; phones are 10-digit national numbers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from lakegen import data
from lakegen.timefmt import epoch_days
from lakegen.vec import (
    STR,
    cat,
    chance,
    draw,
    first_occurrence,
    int_str,
    occurrence_rank,
    pick,
    strings,
    to_arrow,
    zipf_weights,
)

ROLE_HEAD, ROLE_SPOUSE, ROLE_CHILD, ROLE_ROOMMATE = 0, 1, 2, 3
ROLE_NAMES = ("head", "spouse", "child", "roommate")
SUFFIX_NONE, SUFFIX_JR, SUFFIX_SR = 0, 1, 2
SUFFIXES = strings(["", "Jr", "Sr"])

N_MALE = len(data.MALE_FIRST_NAMES)
FIRST_NAMES = strings(data.MALE_FIRST_NAMES + data.FEMALE_FIRST_NAMES)
_RARE_LAST = tuple(p + s for p in data.LAST_PREFIXES for s in data.LAST_SUFFIXES)
N_COMMON_LAST = len(data.LAST_NAMES)
LAST_NAMES = strings(data.LAST_NAMES + _RARE_LAST)

CITY_NAMES = strings([c[0] for c in data.CITIES])
CITY_STATES = strings([c[1] for c in data.CITIES])
CITY_ZIPS = np.array([c[2] for c in data.CITIES], dtype=np.int64)
CITY_AREA_CODES = np.array([c[3] for c in data.CITIES], dtype=np.int64)
ALL_AREA_CODES = np.unique(np.concatenate([CITY_AREA_CODES, data.EXTRA_AREA_CODES]))
STREET_NAMES = strings(data.STREET_NAMES)
STREET_ABBR = strings([t[0] for t in data.STREET_TYPES])
STREET_FULL = strings([t[1] for t in data.STREET_TYPES])
UNIT_DESIGNATORS = strings(data.UNIT_DESIGNATORS)
ORG_NAMES = strings([o[0] for o in data.ORGANIZATIONS])
ORG_DOMAINS = strings([o[1] for o in data.ORGANIZATIONS])

HOUSEHOLD_SIZE_P = (0.52, 0.28, 0.11, 0.06, 0.03)


def _slug(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalpha())


FIRST_SLUGS = strings([_slug(x) for x in FIRST_NAMES.tolist()])
LAST_SLUGS = strings([_slug(x) for x in LAST_NAMES.tolist()])


@dataclass(frozen=True)
class Address:
    """Street addresses as codes and numbers; render them with `render.py`."""

    number: np.ndarray
    street: np.ndarray
    street_type: np.ndarray
    unit_kind: np.ndarray  # -1: no unit, else index into UNIT_DESIGNATORS
    unit: np.ndarray
    city: np.ndarray
    zip5: np.ndarray
    zip4: np.ndarray

    def take(self, idx: np.ndarray) -> Address:
        """The addresses at positions `idx`."""
        return Address(*(getattr(self, f.name)[idx] for f in dataclasses.fields(self)))

    def where(self, mask: np.ndarray, other: Address) -> Address:
        """Element-wise `other` where `mask`, else self."""
        return Address(
            *(
                np.where(mask, getattr(other, f.name), getattr(self, f.name))
                for f in dataclasses.fields(self)
            )
        )

    def key(self) -> np.ndarray:
        """An int64 identifying the address (for de-duplication)."""
        k = self.number.astype(np.int64) * 1_000 + self.street
        k = (k * 100 + self.street_type) * 1_000 + self.city
        return (k * 10 + self.unit_kind + 1) * 10_000 + self.unit


@dataclass(frozen=True)
class Population:
    """One element per true customer (see the module docstring)."""

    customer_id: np.ndarray
    household: np.ndarray
    household_id: np.ndarray
    role: np.ndarray
    is_twin: np.ndarray
    is_male: np.ndarray
    first: np.ndarray  # index into FIRST_NAMES
    middle: np.ndarray  # index into FIRST_NAMES, -1 for none
    last: np.ndarray  # index into LAST_NAMES
    suffix: np.ndarray  # index into SUFFIXES
    birth: np.ndarray  # days since 1970-01-01
    email: np.ndarray
    old_email: np.ndarray
    family_email: np.ndarray
    business_email: np.ndarray
    org: np.ndarray  # index into ORG_NAMES, -1 for none
    mobile: np.ndarray
    old_phone: np.ndarray
    old_phone_recycled: np.ndarray
    home_phone: np.ndarray
    address: Address
    old_address: Address
    moved: np.ndarray

    @property
    def size(self) -> int:
        """Number of customers."""
        return len(self.customer_id)


def build_population(n: int, rng: np.random.Generator, start: dt.date) -> Population:
    """`n` true customers as of `start`, in random order with ids `C00000001`..."""
    sizes = _household_sizes(n, rng)
    hh = np.repeat(np.arange(len(sizes)), sizes)
    head = (np.cumsum(sizes) - sizes)[hh]
    rank = np.arange(n) - head
    kind = _household_kinds(sizes, rng)
    role = np.select(
        [rank == 0, kind.roommates[hh], rank == 1],
        [ROLE_HEAD, ROLE_ROOMMATE, ROLE_SPOUSE],
        ROLE_CHILD,
    )
    junior = kind.junior[hh] & (rank == 2)
    twin_b = kind.twins[hh] & (rank == 3)
    is_male = _genders(rng, role, hh, kind.head_male, junior)
    first, middle = _first_names(rng, is_male, head, junior, twin_b)
    last = _last_names(rng, role, head)
    suffix = np.where(junior, SUFFIX_JR, SUFFIX_NONE)
    suffix = np.where((role == ROLE_HEAD) & kind.junior[hh], SUFFIX_SR, suffix).astype(np.int8)
    birth = _birth_dates(rng, role, hh, kind, twin_b, epoch_days(start))
    is_twin = kind.twins[hh] & ((rank == 2) | (rank == 3))
    head_last = last[head]
    # shuffle now, while everything is still small integer arrays: ids carry no household
    perm = rng.permutation(n)
    hh, role, is_twin, is_male = hh[perm], role[perm], is_twin[perm], is_male[perm]
    first, middle, last, suffix = first[perm], middle[perm], last[perm], suffix[perm]
    birth, head_last = birth[perm], head_last[perm]
    address, old_address, moved = _addresses(rng, len(sizes))
    emails = _emails(rng, first, last, birth, hh, head_last, kind)
    phones = _phones(rng, hh, address.city, kind)
    return Population(
        customer_id=cat("C", int_str(np.arange(1, n + 1), 8)),
        household=hh,
        household_id=cat("H", int_str(hh + 1, 8)),
        role=role.astype(np.int8),
        is_twin=is_twin,
        is_male=is_male,
        first=first,
        middle=middle,
        last=last,
        suffix=suffix,
        birth=birth,
        email=emails["email"],
        old_email=emails["old_email"],
        family_email=emails["family_email"],
        business_email=emails["business_email"],
        org=emails["org"],
        mobile=phones["mobile"],
        old_phone=phones["old_phone"],
        old_phone_recycled=phones["recycled"],
        home_phone=phones["home_phone"],
        address=address.take(hh),
        old_address=old_address.take(hh),
        moved=moved[hh],
    )


def _household_sizes(n: int, rng: np.random.Generator) -> np.ndarray:
    sizes = rng.choice(len(HOUSEHOLD_SIZE_P), size=n, p=HOUSEHOLD_SIZE_P) + 1
    total = np.cumsum(sizes)
    m = int(np.searchsorted(total, n)) + 1
    sizes = sizes[:m].copy()
    sizes[-1] -= int(total[m - 1]) - n
    return sizes


@dataclass(frozen=True)
class _Kinds:
    """Per-household flags."""

    roommates: np.ndarray
    twins: np.ndarray
    junior: np.ndarray
    head_male: np.ndarray
    has_kids: np.ndarray
    landline: np.ndarray
    family_email: np.ndarray


def _household_kinds(sizes: np.ndarray, rng: np.random.Generator) -> _Kinds:
    h = len(sizes)
    roommates = (sizes >= 2) & chance(rng, 0.12, h)
    family = (sizes >= 2) & ~roommates
    head_male = chance(rng, 0.5, h)
    return _Kinds(
        roommates=roommates,
        twins=(sizes >= 4) & ~roommates & chance(rng, 0.35, h),
        junior=(sizes >= 3) & ~roommates & head_male & chance(rng, 0.35, h),
        head_male=head_male,
        has_kids=(sizes >= 3) & ~roommates,
        landline=chance(rng, np.where(family, 0.30, 0.08), h),
        family_email=family & chance(rng, 0.18, h),
    )


def _genders(
    rng: np.random.Generator,
    role: np.ndarray,
    hh: np.ndarray,
    head_male: np.ndarray,
    junior: np.ndarray,
) -> np.ndarray:
    n = len(role)
    spouse_male = ~head_male[hh] ^ chance(rng, 0.08, n)
    male = np.where(role == ROLE_HEAD, head_male[hh], chance(rng, 0.5, n))
    male = np.where(role == ROLE_SPOUSE, spouse_male, male)
    return male | junior


def _gendered_first(rng: np.random.Generator, is_male: np.ndarray) -> np.ndarray:
    n = len(is_male)
    male = draw(rng, zipf_weights(N_MALE, 1.0, 4.0), n)
    female = N_MALE + draw(rng, zipf_weights(len(FIRST_NAMES) - N_MALE, 1.0, 4.0), n)
    return np.where(is_male, male, female)


def _first_names(
    rng: np.random.Generator,
    is_male: np.ndarray,
    head: np.ndarray,
    junior: np.ndarray,
    twin_b: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    first = _gendered_first(rng, is_male)
    middle = np.where(chance(rng, 0.55, len(first)), _gendered_first(rng, is_male), -1)
    first = np.where(junior, first[head], first)
    middle = np.where(junior, middle[head], middle)
    # twins never share a first name: shift the second twin's name within its gender block
    clash = twin_b & (first == np.roll(first, 1))
    block = np.where(is_male, N_MALE, len(FIRST_NAMES) - N_MALE)
    base = np.where(is_male, 0, N_MALE)
    shifted = base + (first - base + 1 + rng.integers(0, 5, len(first))) % block
    return np.where(clash, shifted, first).astype(np.int32), middle.astype(np.int32)


def draw_last_names(rng: np.random.Generator, size: int) -> np.ndarray:
    """Surname codes: Zipf over the common list, 7% from the rare synthesized tail."""
    common = draw(rng, zipf_weights(N_COMMON_LAST, 1.0, 8.0), size)
    rare = N_COMMON_LAST + rng.integers(0, len(_RARE_LAST), size)
    return np.where(chance(rng, 0.07, size), rare, common).astype(np.int32)


def _last_names(rng: np.random.Generator, role: np.ndarray, head: np.ndarray) -> np.ndarray:
    own = draw_last_names(rng, len(role))
    keep_own = (role == ROLE_HEAD) | (role == ROLE_ROOMMATE)
    keep_own |= (role == ROLE_SPOUSE) & chance(rng, 0.15, len(role))
    return np.where(keep_own, own, own[head])


def _birth_dates(
    rng: np.random.Generator,
    role: np.ndarray,
    hh: np.ndarray,
    kind: _Kinds,
    twin_b: np.ndarray,
    today: int,
) -> np.ndarray:
    h, n = len(kind.roommates), len(role)
    head_age = np.where(kind.has_kids, rng.uniform(47, 88, h), 19 + rng.beta(1.6, 2.2, h) * 71)[hh]
    age = np.select(
        [role == ROLE_HEAD, role == ROLE_SPOUSE, role == ROLE_CHILD],
        [
            head_age,
            np.clip(head_age + rng.normal(0, 4, n), 18.2, 96),
            np.maximum(head_age - rng.uniform(22, 36, n), 18.2),
        ],
        rng.uniform(20, 45, n),
    )
    birth = today - (age * 365.25).astype(np.int64)
    # the second twin was born on the first twin's day (households are contiguous here)
    return np.where(twin_b, np.roll(birth, 1), birth).astype(np.int32)


def random_addresses(rng: np.random.Generator, size: int) -> Address:
    """`size` random, mutually distinct street addresses."""
    city = draw(rng, zipf_weights(len(CITY_NAMES), 0.9, 3.0), size)
    has_unit = chance(rng, 0.28, size)
    addr = Address(
        number=np.clip((10 ** rng.uniform(0.0, 4.3, size)).astype(np.int64), 1, 19_999),
        street=rng.integers(0, len(STREET_NAMES), size),
        street_type=draw(rng, data.STREET_TYPE_WEIGHTS, size),
        unit_kind=np.where(has_unit, draw(rng, (6, 2, 1.5, 0.5), size), -1),
        unit=np.where(has_unit, (10 ** rng.uniform(0.0, 3.2, size)).astype(np.int64), 0),
        city=city,
        zip5=CITY_ZIPS[city] + rng.integers(0, 40, size),
        zip4=rng.integers(1, 10_000, size),
    )
    for _ in range(20):
        clash = ~first_occurrence(addr.key())
        if not clash.any():
            break
        bumped = addr.number + rng.integers(1, 500, size)
        addr = dataclasses.replace(addr, number=np.where(clash, bumped, addr.number))
    return addr


def _addresses(rng: np.random.Generator, h: int) -> tuple[Address, Address, np.ndarray]:
    both = random_addresses(rng, 2 * h)
    current, old = both.take(np.arange(h)), both.take(np.arange(h, 2 * h))
    moved = chance(rng, 0.15, h)
    same_city = chance(rng, 0.5, h)
    old = dataclasses.replace(
        old,
        city=np.where(same_city, current.city, old.city),
        zip5=np.where(same_city, CITY_ZIPS[current.city] + rng.integers(0, 40, h), old.zip5),
    )
    return current, old, moved


def _email_locals(
    rng: np.random.Generator, first: np.ndarray, last: np.ndarray, birth: np.ndarray
) -> np.ndarray:
    """Name-based local parts (`john.doe`, `jdoe`, `john_doe84`) and random handles."""
    n = len(first)
    fs, ls = FIRST_SLUGS[first], LAST_SLUGS[last]
    fi, li = np.strings.slice(fs, 0, 1), np.strings.slice(ls, 0, 1)
    yy = int_str((birth.astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 70) % 100, 2)
    nn = pick(chance(rng, 0.5, n), yy, int_str(rng.integers(1, 100, n)))
    words = strings(data.EMAIL_HANDLE_WORDS)
    w1 = words[rng.integers(0, len(words), n)]
    w2 = words[rng.integers(0, len(words), n)]
    patterns = [
        (30, lambda s: cat(fs[s], ".", ls[s])),
        (14, lambda s: cat(fs[s], ls[s])),
        (12, lambda s: cat(fi[s], ls[s])),
        (5, lambda s: cat(fs[s], "_", ls[s])),
        (10, lambda s: cat(fs[s], ".", ls[s], nn[s])),
        (8, lambda s: cat(fs[s], nn[s])),
        (4, lambda s: cat(ls[s], ".", fs[s])),
        (10, lambda s: cat(w1[s], w2[s], nn[s])),
        (7, lambda s: cat(fs[s], li[s], nn[s])),
    ]
    code = draw(rng, [w for w, _ in patterns], n)
    out = np.zeros(n, dtype=STR)
    for k, (_, build) in enumerate(patterns):
        sel = np.flatnonzero(code == k)
        out[sel] = build(sel)
    return out


def _at(local: np.ndarray, domains: np.ndarray) -> np.ndarray:
    return cat(local, "@", domains)


def _make_unique(emails: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Number repeated e-mails (`john.smith2@`, `john.smith3@`) until all are distinct.

    Numbering can collide with an existing address (`john12@`); those few get random digits.
    """
    emails = emails.copy()
    present = np.flatnonzero(emails != "")
    values = emails[present]
    at = np.array("@", dtype=STR)
    for attempt in range(20):
        rank = occurrence_rank(values)
        clash = rank > 0
        if not clash.any():
            emails[present] = values
            return emails
        local, _, domain = np.strings.partition(values[clash], at)
        suffix = rank[clash] + 1 if attempt == 0 else rng.integers(1000, 10_000, int(clash.sum()))
        values[clash] = cat(local, int_str(suffix), "@", domain)
    raise RuntimeError("could not make e-mails unique")


def _emails(
    rng: np.random.Generator,
    first: np.ndarray,
    last: np.ndarray,
    birth: np.ndarray,
    hh: np.ndarray,
    head_last: np.ndarray,
    kind: _Kinds,
) -> dict[str, np.ndarray]:
    n, h = len(first), len(kind.roommates)
    free = strings(data.FREE_MAIL_DOMAINS)
    legacy = strings(data.LEGACY_MAIL_DOMAINS)
    personal = _at(
        _email_locals(rng, first, last, birth), free[draw(rng, data.FREE_MAIL_WEIGHTS, n)]
    )
    personal = pick(chance(rng, 0.95, n), personal, "")
    old = _at(_email_locals(rng, first, last, birth), legacy[rng.integers(0, len(legacy), n)])
    old = pick(chance(rng, 0.14, n) & (personal != ""), old, "")
    org = np.where(chance(rng, 0.45, n), rng.integers(0, len(ORG_NAMES), n), -1)
    fs, ls = FIRST_SLUGS[first], LAST_SLUGS[last]
    business = _at(
        pick(chance(rng, 0.7, n), cat(fs, ".", ls), cat(np.strings.slice(fs, 0, 1), ls)),
        ORG_DOMAINS[np.maximum(org, 0)],
    )
    business = pick((org >= 0) & chance(rng, 0.6, n), business, "")
    family = _family_emails(rng, head_last, free, hh)
    family = pick(kind.family_email, family, "")
    everything = _make_unique(np.concatenate([personal, business, family, old]), rng)
    personal, business, family, old = np.split(everything, [n, 2 * n, 2 * n + h])
    return {
        "email": personal,
        "old_email": old,
        "family_email": family[hh],
        "business_email": business,
        "org": org.astype(np.int16),
    }


def _family_emails(
    rng: np.random.Generator, head_last: np.ndarray, free: np.ndarray, hh: np.ndarray
) -> np.ndarray:
    """One shared address per household: `thesmiths@`, `smithfamily@`, `smithhouse12@`."""
    h = int(hh.max()) + 1
    ls = np.zeros(h, dtype=STR)
    ls[hh] = LAST_SLUGS[head_last]
    style = rng.integers(0, 3, h)
    nn = int_str(rng.integers(1, 100, h))
    local = np.select(
        [style == 0, style == 1], [cat("the", ls, "s"), cat(ls, "family")], cat(ls, "house", nn)
    ).astype(STR)
    return _at(local, free[draw(rng, data.FREE_MAIL_WEIGHTS, h)])


def _phone_numbers(rng: np.random.Generator, area: np.ndarray) -> np.ndarray:
    size = len(area)
    return area * 10**7 + rng.integers(200, 1000, size) * 10**4 + rng.integers(0, 10_000, size)


def _phones(
    rng: np.random.Generator, hh: np.ndarray, household_city: np.ndarray, kind: _Kinds
) -> dict[str, np.ndarray]:
    n, h = len(hh), len(kind.roommates)
    home_area = CITY_AREA_CODES[household_city]
    elsewhere = ALL_AREA_CODES[rng.integers(0, len(ALL_AREA_CODES), n)]
    mobile_area = np.where(chance(rng, 0.7, n), home_area[hh], elsewhere)
    numbers = np.concatenate(
        [
            _phone_numbers(rng, mobile_area),
            _phone_numbers(rng, home_area),
            _phone_numbers(rng, ALL_AREA_CODES[rng.integers(0, len(ALL_AREA_CODES), n)]),
        ]
    )
    for _ in range(50):
        clash = ~first_occurrence(numbers)
        if not clash.any():
            break
        numbers[clash] = _phone_numbers(rng, numbers[clash] // 10**7)
    mobile, landline, old = np.split(numbers, [n, n + h])
    has_mobile = chance(rng, 0.94, n)
    has_old = chance(rng, 0.09, n)
    # a recycled number: the old number now belongs to an unrelated customer
    other = (np.arange(n) + rng.integers(1, n, n)) % n if n > 1 else np.zeros(n, dtype=int)
    recycled = has_old & chance(rng, 0.4, n) & has_mobile[other] & (hh[other] != hh)
    old = np.where(recycled, mobile[other], old)
    text = int_str(np.concatenate([mobile, landline, old]), 10)
    mobile_s, landline_s, old_s = np.split(text, [n, n + h])
    return {
        "mobile": pick(has_mobile, mobile_s, ""),
        "home_phone": pick(kind.landline[hh], landline_s[hh], ""),
        "old_phone": pick(has_old, old_s, ""),
        "recycled": recycled,
    }


def street_line(addr: Address, full_type: np.ndarray | bool = False) -> np.ndarray:
    """`12 Main St` (or `12 Main Street` where `full_type`)."""
    kind = pick(full_type, STREET_FULL[addr.street_type], STREET_ABBR[addr.street_type])
    return cat(int_str(addr.number), " ", STREET_NAMES[addr.street], " ", kind)


def unit_text(addr: Address, designator: np.ndarray | None = None) -> np.ndarray:
    """`Apt 4` / `Unit 4` / `#4` / `Suite 4`, `""` when there is no unit."""
    kind = addr.unit_kind if designator is None else designator
    label = UNIT_DESIGNATORS[np.maximum(kind, 0)]
    sep = pick(label == "#", "", " ")
    return pick(addr.unit_kind >= 0, cat(label, sep, int_str(addr.unit)), "")


def e164(national: np.ndarray) -> np.ndarray:
    """`+1` and the 10-digit national number; `""` stays `""`."""
    return pick(national != "", cat("+1", national), "")


def customers_truth(pop: Population) -> pa.Table:
    """`_truth/customers.parquet`: the true, current attributes of every customer."""
    addr, old = pop.address, pop.old_address
    columns = {
        "customer_id": to_arrow(pop.customer_id),
        "household_id": to_arrow(pop.household_id),
        "household_role": to_arrow(strings(ROLE_NAMES)[pop.role]),
        "first_name": to_arrow(FIRST_NAMES[pop.first]),
        "middle_name": to_arrow(pick(pop.middle >= 0, FIRST_NAMES[np.maximum(pop.middle, 0)], "")),
        "last_name": to_arrow(LAST_NAMES[pop.last]),
        "name_suffix": to_arrow(SUFFIXES[pop.suffix]),
        "gender": to_arrow(pick(pop.is_male, "MALE", "FEMALE")),
        "birth_date": pa.array(pop.birth.astype("datetime64[D]"), type=pa.date32()),
        "is_twin": pa.array(pop.is_twin),
        "email": to_arrow(pop.email),
        "phone": to_arrow(e164(pop.mobile)),
        "home_phone": to_arrow(e164(pop.home_phone)),
        "family_email": to_arrow(pop.family_email),
        "business_email": to_arrow(pop.business_email),
        "organization": to_arrow(pick(pop.org >= 0, ORG_NAMES[np.maximum(pop.org, 0)], "")),
        "street": to_arrow(street_line(addr)),
        "unit": to_arrow(unit_text(addr)),
        "city": to_arrow(CITY_NAMES[addr.city]),
        "state": to_arrow(CITY_STATES[addr.city]),
        "postal_code": to_arrow(int_str(addr.zip5, 5)),
        "previous_email": to_arrow(pop.old_email),
        "previous_phone": to_arrow(e164(pop.old_phone)),
        "previous_phone_recycled": pa.array(pop.old_phone_recycled),
        "previous_street": to_arrow(pick(pop.moved, street_line(old), "")),
        "previous_city": to_arrow(pick(pop.moved, CITY_NAMES[old.city], "")),
        "previous_state": to_arrow(pick(pop.moved, CITY_STATES[old.city], "")),
        "previous_postal_code": to_arrow(pick(pop.moved, int_str(old.zip5, 5), "")),
    }
    return pa.table(columns)
