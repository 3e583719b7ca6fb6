"""Vectorized helpers over numpy `StringDType` arrays and random draws.

Strings are numpy `StringDType` arrays throughout the generator; a missing value is the empty
string `""` until a feed is converted to Arrow (`to_arrow` turns `""` into null). Every helper
works on whole columns: no Python loop runs per row.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
from numpy.dtypes import StringDType

STR = StringDType()
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
TWO_DIGITS = np.array([f"{i:02d}" for i in range(100)], dtype=STR)
FOUR_DIGITS = np.array([f"{i:04d}" for i in range(10_000)], dtype=STR)


def strings(values: Sequence[str]) -> np.ndarray:
    """A `StringDType` array from Python strings."""
    return np.array(list(values), dtype=STR)


def cat(*parts: np.ndarray | str) -> np.ndarray:
    """Element-wise concatenation of string arrays and scalars."""
    return functools.reduce(np.strings.add, parts)


def pick(mask: np.ndarray | bool, yes: np.ndarray | str, no: np.ndarray | str) -> np.ndarray:
    """`np.where` that always returns a `StringDType` array (fast paths for a scalar side)."""
    if np.ndim(mask) == 0:
        return np.asarray(yes if mask else no, dtype=STR)
    if isinstance(no, str) and isinstance(yes, np.ndarray):
        out = yes.astype(STR, copy=True)
        out[~mask] = no
        return out
    if isinstance(yes, str) and isinstance(no, np.ndarray):
        out = no.astype(STR, copy=True)
        out[mask] = yes
        return out
    return np.where(mask, yes, no).astype(STR, copy=False)


def int_str(values: np.ndarray, width: int = 0) -> np.ndarray:
    """Non-negative integers as decimal strings, zero-padded to `width`."""
    values = np.asarray(values)
    if width == 2:
        return TWO_DIGITS[values]
    if width == 4:
        return FOUR_DIGITS[values]
    out = values.astype(np.int64).astype(STR)
    return np.strings.zfill(out, width) if width else out


def zipf_weights(n: int, exponent: float = 1.0, offset: float = 0.0) -> np.ndarray:
    """Normalized weights 1 / (rank + offset) ** exponent for ranks 1..n."""
    ranks = np.arange(1, n + 1, dtype=np.float64)
    weights = 1.0 / (ranks + offset) ** exponent
    return weights / weights.sum()


def draw(rng: np.random.Generator, weights: Sequence[float] | np.ndarray, size: int) -> np.ndarray:
    """`size` category codes drawn with the given (unnormalized) weights."""
    p = np.asarray(weights, dtype=np.float64)
    return rng.choice(len(p), size=size, p=p / p.sum())


def chance(rng: np.random.Generator, p: float | np.ndarray, size: int) -> np.ndarray:
    """Boolean array, each element True with probability `p`."""
    return rng.random(size) < p


def random_hex(rng: np.random.Generator, size: int, nbytes: int) -> np.ndarray:
    """`size` random lower-case hex strings of `2 * nbytes` characters."""
    raw = rng.integers(0, 256, size=(size, nbytes), dtype=np.uint8)
    return _hex_bytes(raw).view(f"S{2 * nbytes}").ravel().astype(STR)


def uuid4(rng: np.random.Generator, size: int) -> np.ndarray:
    """`size` random version-4 UUID strings (`8-4-4-4-12` lower-case hex)."""
    raw = rng.integers(0, 256, size=(size, 16), dtype=np.uint8)
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    hexed = _hex_bytes(raw)
    dash = np.full((size, 1), ord("-"), dtype=np.uint8)
    parts = [
        hexed[:, 0:8],
        dash,
        hexed[:, 8:12],
        dash,
        hexed[:, 12:16],
        dash,
        hexed[:, 16:20],
        dash,
        hexed[:, 20:32],
    ]
    return np.ascontiguousarray(np.hstack(parts)).view("S36").ravel().astype(STR)


def _hex_bytes(raw: np.ndarray) -> np.ndarray:
    out = np.empty((raw.shape[0], raw.shape[1] * 2), dtype=np.uint8)
    out[:, 0::2] = _HEX[raw >> 4]
    out[:, 1::2] = _HEX[raw & 0x0F]
    return out


def unique_ints(rng: np.random.Generator, size: int, low: int, high: int) -> np.ndarray:
    """`size` distinct random integers in [low, high), in random order."""
    return low + rng.choice(high - low, size=size, replace=False).astype(np.int64)


def string_hash(values: np.ndarray) -> np.ndarray:
    """A 64-bit hash per string (ASCII strings; collisions are astronomically rare)."""
    width = max(8, -(-int(np.strings.str_len(values).max(initial=0)) // 8) * 8)
    words = values.astype(f"S{width}").view(np.uint64).reshape(len(values), width // 8)
    h = np.full(len(values), 0xCBF29CE484222325, dtype=np.uint64)
    for j in range(words.shape[1]):
        h = (h ^ words[:, j]) * np.uint64(0x100000001B3)
        h ^= h >> np.uint64(29)
    return h


def occurrence_rank(values: np.ndarray) -> np.ndarray:
    """0 for the first occurrence of a value, 1 for the second, and so on (array order)."""
    keys = string_hash(values) if values.dtype == STR else values
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    group_start = np.repeat(starts, np.diff(np.r_[starts, len(keys)]))
    rank = np.empty(len(keys), dtype=np.int64)
    rank[order] = np.arange(len(keys)) - group_start
    return rank


def first_occurrence(values: np.ndarray) -> np.ndarray:
    """True where a value appears for the first time (in array order)."""
    return occurrence_rank(values) == 0


def to_arrow(values: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    """A string Arrow array; `""` and positions in `null` become null."""
    mask = values == ""
    if null is not None:
        mask |= null
    return pa.array(values, type=pa.string(), mask=mask)
