"""Timestamp conversion and the per-system string formats, vectorized.

Instants are int64 epoch seconds (UTC). Local wall-clock times come from pandas' tz database
conversion (DST included) and are formatted with numpy string operations:

* `iso_offset`   `2026-01-05T09:12:44-05:00`   (CRM)
* `us_12h`       `01/05/2026 08:12:44 AM`      (shipping, America/Chicago local)
* `zulu`         `2026-01-05T14:12:44Z`        (Connect)
* `us_date` / `iso_date` for birth dates stored as days since 1970-01-01.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from lakegen.vec import STR, TWO_DIGITS, cat, int_str, pick

DAY = 86_400


def epoch_seconds(day: dt.date) -> int:
    """Midnight UTC of `day` as epoch seconds."""
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def epoch_days(day: dt.date) -> int:
    """`day` as days since 1970-01-01."""
    return (day - dt.date(1970, 1, 1)).days


def wall_clock(utc_s: np.ndarray, zone: str) -> np.ndarray:
    """Local wall-clock time in `zone`, as epoch-like seconds (naive)."""
    index = pd.to_datetime(utc_s, unit="s", utc=True).tz_convert(zone).tz_localize(None)
    return index.asi8 // 1_000_000_000


def iso_naive(wall_s: np.ndarray) -> np.ndarray:
    """`YYYY-MM-DDThh:mm:ss` for naive epoch seconds."""
    return np.datetime_as_string(wall_s.astype("datetime64[s]")).astype(STR)


def zulu(utc_s: np.ndarray) -> np.ndarray:
    """`YYYY-MM-DDThh:mm:ssZ`."""
    return cat(iso_naive(utc_s), "Z")


def iso_offset(utc_s: np.ndarray, zones: np.ndarray, zone_names: tuple[str, ...]) -> np.ndarray:
    """ISO 8601 local time with UTC offset; `zones[i]` indexes `zone_names`."""
    wall = np.empty_like(utc_s)
    for code, name in enumerate(zone_names):
        sel = zones == code
        if sel.any():
            wall[sel] = wall_clock(utc_s[sel], name)
    offset_min = (wall - utc_s) // 60
    sign = pick(offset_min < 0, "-", "+")
    magnitude = np.abs(offset_min)
    return cat(iso_naive(wall), sign, TWO_DIGITS[magnitude // 60], ":", TWO_DIGITS[magnitude % 60])


def us_12h(utc_s: np.ndarray, zone: str) -> np.ndarray:
    """`MM/DD/YYYY hh:mm:ss AM` local time in `zone`."""
    wall = wall_clock(utc_s, zone)
    iso = iso_naive(wall)
    seconds = wall % DAY
    hour = seconds // 3600
    hour12 = (hour + 11) % 12 + 1
    ampm = pick(hour < 12, " AM", " PM")
    return cat(
        np.strings.slice(iso, 5, 7),
        "/",
        np.strings.slice(iso, 8, 10),
        "/",
        np.strings.slice(iso, 0, 4),
        " ",
        TWO_DIGITS[hour12],
        ":",
        TWO_DIGITS[(seconds // 60) % 60],
        ":",
        TWO_DIGITS[seconds % 60],
        ampm,
    )


def date_parts(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(year, month, day) integer arrays for days since 1970-01-01."""
    d = days.astype("datetime64[D]")
    year = d.astype("datetime64[Y]").astype(np.int64) + 1970
    month = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (d - d.astype("datetime64[M]")).astype(np.int64) + 1
    return year, month, day


def us_date(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """`MM/DD/YYYY` from parts (parts may describe impossible dates on purpose)."""
    return cat(TWO_DIGITS[month], "/", TWO_DIGITS[day], "/", int_str(year, 4))


def iso_date(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """`YYYY-MM-DD` from parts."""
    return cat(int_str(year, 4), "-", TWO_DIGITS[month], "-", TWO_DIGITS[day])
