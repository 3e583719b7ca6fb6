"""Real-life noise applied to clean values, vectorized over whole columns.

Each function takes a `StringDType` array (`""` = missing, left untouched), a generator and
a rate, and returns a new array:

* `typo`: insert, delete, substitute or transpose one character (never the first one, as in
  real keying errors: `Jhn`, `Jonh`, `Johhn`);
* `nickname`: `Bob` for `Robert`, `Liz` for `Elizabeth` (about 90 formal names in `data.py`);
* `vary_case`: all upper / all lower / as is;
* `stray_spaces`: leading, trailing or doubled inner spaces;
* `malformed_email`: missing `@`, doubled `@@`, `,com`, no top-level domain, inner space;
* `short_phone`: a 3-digit fragment instead of a number.

Swapped first/last names, `Doe, John` ordering and missing values are decided where names are
assembled (`render.py`), because they depend on the system's columns.
"""

from __future__ import annotations

import numpy as np

from lakegen import data
from lakegen.population import FIRST_NAMES
from lakegen.vec import STR, cat, chance, pick, strings

LETTERS = strings(list("abcdefghijklmnopqrstuvwxyz"))


def _nickname_table() -> tuple[np.ndarray, np.ndarray]:
    index = {name: k for k, name in enumerate(FIRST_NAMES.tolist())}
    width = max(len(v) for v in data.NICKNAMES.values())
    table = np.full((len(FIRST_NAMES), width), "", dtype=STR)
    count = np.zeros(len(FIRST_NAMES), dtype=np.int64)
    for formal, nicks in data.NICKNAMES.items():
        table[index[formal], : len(nicks)] = nicks
        count[index[formal]] = len(nicks)
    return table, count


NICKNAME_TABLE, NICKNAME_COUNT = _nickname_table()


def nickname(
    first_codes: np.ndarray, rng: np.random.Generator, rate: float
) -> tuple[np.ndarray, np.ndarray]:
    """First names with a nickname in place of a share `rate` of the formal ones.

    Returns the names and a mask of where a nickname was used.
    """
    n = len(first_codes)
    count = NICKNAME_COUNT[first_codes]
    used = chance(rng, rate, n) & (count > 0)
    choice = (rng.random(n) * np.maximum(count, 1)).astype(np.int64)
    nick = NICKNAME_TABLE[first_codes, choice]
    return pick(used, nick, FIRST_NAMES[first_codes]), used


def typo(values: np.ndarray, rng: np.random.Generator, rate: float) -> np.ndarray:
    """One keying error in a share `rate` of the values that have 3+ characters."""
    out = values.copy()
    length = np.strings.str_len(values)
    idx = np.flatnonzero(chance(rng, rate, len(values)) & (length >= 3))
    if len(idx) == 0:
        return out
    s, n, k = values[idx], length[idx], len(idx)
    pos = 1 + (rng.random(k) * (n - 1)).astype(np.int64)  # 1 .. n-1
    char = LETTERS[rng.integers(0, len(LETTERS), k)]
    char = pick(np.strings.isupper(s), np.strings.upper(char), char)
    head = np.strings.slice(s, 0, pos)
    keep, skip = np.strings.slice(s, pos, n), np.strings.slice(s, pos + 1, n)
    t = np.minimum(pos, n - 2)  # transpose s[t] and s[t + 1]
    swapped = cat(
        np.strings.slice(s, 0, t),
        np.strings.slice(s, t + 1, t + 2),
        np.strings.slice(s, t, t + 1),
        np.strings.slice(s, t + 2, n),
    )
    op = rng.integers(0, 4, k)
    edited = pick(op == 0, cat(head, char, keep), cat(head, skip))  # insert / delete
    edited = pick(op == 2, cat(head, char, skip), edited)  # substitute
    out[idx] = pick(op == 3, swapped, edited)  # transpose
    return out


def vary_case(
    values: np.ndarray, rng: np.random.Generator, upper: float, lower: float
) -> np.ndarray:
    """All upper case for a share `upper`, all lower case for a share `lower`."""
    u = rng.random(len(values))
    out = values.copy()
    up, low = u < upper, (u >= upper) & (u < upper + lower)
    out[up] = np.strings.upper(values[up])
    out[low] = np.strings.lower(values[low])
    return out


def stray_spaces(values: np.ndarray, rng: np.random.Generator, rate: float) -> np.ndarray:
    """A leading, a trailing or a doubled inner space in a share `rate` of the values."""
    hit = chance(rng, rate, len(values)) & (values != "")
    kind = rng.integers(0, 3, len(values))
    out = values.copy()
    lead, trail, double = hit & (kind == 0), hit & (kind == 1), hit & (kind == 2)
    out[lead] = cat(" ", values[lead])
    out[trail] = cat(values[trail], " ")
    out[double] = np.strings.replace(values[double], " ", "  ", 1)
    return out


def malformed_email(values: np.ndarray, rng: np.random.Generator, rate: float) -> np.ndarray:
    """Break a share `rate` of the e-mails the way forms and imports break them."""
    hit = np.flatnonzero(chance(rng, rate, len(values)) & (values != ""))
    out = values.copy()
    s = values[hit]
    kind = rng.integers(0, 5, len(hit))
    broken = pick(kind == 0, np.strings.replace(s, "@", "", 1), s)
    broken = pick(kind == 1, np.strings.replace(s, "@", "@@", 1), broken)
    broken = pick(kind == 2, np.strings.replace(s, ".", ",", 1), broken)
    local, _, domain = np.strings.partition(s, np.array("@", dtype=STR))
    dot_free = np.strings.partition(domain, np.array(".", dtype=STR))[0]
    broken = pick(kind == 3, cat(local, "@", dot_free), broken)
    broken = pick(kind == 4, np.strings.replace(s, "@", " @", 1), broken)
    out[hit] = broken
    return out


def short_phone(
    formatted: np.ndarray, national: np.ndarray, rng: np.random.Generator, rate: float
) -> np.ndarray:
    """Replace a share `rate` of the formatted phones by a 3-digit fragment of the number."""
    hit = chance(rng, rate, len(formatted)) & (formatted != "")
    return pick(hit, np.strings.slice(national, 3, 6), formatted)
