"""Synthetic web clickstream (`raw/web/clickstream`) and its cookie ground truth.

The model, all vectorised with numpy / pyarrow:

* A share of the customers that have a login email visit the site. Each visitor browses
  on 1-3 devices; every device is one first-party cookie.
* A few devices are shared: a second customer (usually from the same household, the
  family tablet, sometimes anyone) also uses the cookie and logs in on it.
* Every (cookie, user) pair has a few sessions. The first sessions may be fully
  anonymous; then one session identifies the user with a ``login`` (or, for the user's
  first identification ever when the customer is new, a ``registration``) after some
  anonymous ``page_view`` / ``product_view`` / ``add_to_cart`` events. Later sessions
  log in again or stay anonymous on the already-known cookie.
* ``login``, ``registration`` and ``checkout`` (only in sessions that logged in) carry the
  customer's email, sometimes in a different case or with stray spaces.
* Purely anonymous visitors browse and never identify.

Ground truth, ``_truth/cookies.parquet``: one row per cookie with ``customer_id`` = the
customer who used the cookie in the most sessions (the device owner on a tie; null for a
never-identified visitor) and ``is_shared_device`` = more than one customer logged in on it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

FEED = "web__clickstream"
SITE = "https://www.example-shop.com"

VISIT_SHARE = 0.40  # customers with an email who visit during the period
DEVICE_COUNT_P = (0.55, 0.30, 0.15)  # 1, 2 or 3 devices per visitor
SHARED_DEVICE_SHARE = 0.03  # identified cookies that a second customer also uses
SAME_HOUSEHOLD_SHARE = 0.75  # of shared devices: the second user is a household member
ANONYMOUS_COOKIES_PER_IDENTIFIED = 0.5
NEW_CUSTOMER_SHARE = 0.20  # visitors whose first identification is a registration
RELOGIN_SHARE = 0.35  # later sessions on a known cookie that log in again
CHECKOUT_SHARE = 0.30  # of logged-in sessions
LOGOUT_SHARE = 0.15  # of logged-in sessions
N_PRODUCTS = 2_000

PAGE_VIEW, PRODUCT_VIEW, ADD_TO_CART, LOGIN, REGISTRATION, CHECKOUT, LOGOUT = range(7)
EVENT_NAMES = (
    "page_view",
    "product_view",
    "add_to_cart",
    "login",
    "registration",
    "checkout",
    "logout",
)
BROWSE_P = (0.50, 0.35, 0.15)  # page_view, product_view, add_to_cart

PAGES = (
    "/",
    "/deals",
    "/new-arrivals",
    "/category/home",
    "/category/kitchen",
    "/category/garden",
    "/category/electronics",
    "/category/toys",
    "/category/clothing",
    "/category/sports",
    "/search?q=blender",
    "/search?q=headphones",
    "/search?q=rain+jacket",
    "/stores",
    "/help",
    "/help/returns",
    "/help/shipping",
    "/account/orders",
    "/gift-cards",
    "/blog/spring-cleaning",
)
ACCOUNT_PAGES = ("/account/login", "/account/register", "/checkout/confirmation", "/account/logout")
EXTERNAL_REFERRERS = (
    "https://www.google.com/",
    "https://www.bing.com/",
    "https://duckduckgo.com/",
    "https://www.facebook.com/",
    "https://www.instagram.com/",
    "https://www.pinterest.com/",
    "https://mail.example-shop.com/newsletter",
)
DIRECT_TRAFFIC_SHARE = 0.30  # first events of a session without a referrer
USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4.1 Safari/605.1.15",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.6367.82 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 14; SM-S921U) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.6367.82 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/123.0.6312.118 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36",
)
# Share of sessions starting in each UTC hour: a US audience, busiest in the US evening.
HOUR_WEIGHTS = np.array(
    [6, 6, 5, 4, 3, 2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 6, 6, 7], dtype=np.float64
)
MEAN_EVENT_GAP_S = 40.0
MIN_EVENT_GAP_S = 2.0

TIMESTAMP_TYPE = pa.timestamp("us", tz="UTC")
US_PER_DAY = 86_400_000_000
_UUID_HEX_POSITIONS = np.array([i for i in range(36) if i not in (8, 13, 18, 23)])
_HEX_DIGITS = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def random_uuids(rng: np.random.Generator, n: int) -> pa.StringArray:
    """``n`` version-4 UUID strings drawn from ``rng`` (deterministic, unlike uuid4)."""
    raw = np.frombuffer(rng.bytes(16 * n), dtype=np.uint8).reshape(n, 16).copy()
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    nibbles = np.empty((n, 32), dtype=np.uint8)
    nibbles[:, 0::2] = raw >> 4
    nibbles[:, 1::2] = raw & 0x0F
    chars = np.full((n, 36), ord("-"), dtype=np.uint8)
    chars[:, _UUID_HEX_POSITIONS] = _HEX_DIGITS[nibbles]
    offsets = np.arange(0, 36 * (n + 1), 36, dtype=np.int64)
    return pa.LargeStringArray.from_buffers(
        n, pa.py_buffer(offsets), pa.py_buffer(chars.reshape(-1))
    ).cast(pa.string())


def segment_starts(counts: np.ndarray) -> np.ndarray:
    """Index of the first row of each segment when segments of ``counts`` rows are stacked."""
    return np.cumsum(counts) - counts


def position_in_segment(counts: np.ndarray) -> np.ndarray:
    """0-based row position inside its segment, for segments of ``counts`` rows stacked."""
    return np.arange(int(counts.sum())) - np.repeat(segment_starts(counts), counts)


@dataclass(frozen=True)
class _Cookies:
    """One entry per cookie (device). Customer indices are rows of ``customers``."""

    owner: np.ndarray  # int64; -1 for an anonymous visitor's cookie
    second: np.ndarray  # int64; the customer sharing the device, -1 for none
    user_agent: np.ndarray  # int64 index into USER_AGENTS


@dataclass(frozen=True)
class _Sessions:
    """One entry per session, sorted by cookie, user, start."""

    cookie: np.ndarray  # int64 cookie index
    user: np.ndarray  # int64 customer index; -1 for an anonymous visitor
    start_us: np.ndarray  # int64 epoch microseconds
    identify: np.ndarray  # int8: 0 stays anonymous, LOGIN or REGISTRATION


@dataclass(frozen=True)
class _Events:
    """One entry per event, grouped by session."""

    session: np.ndarray  # int64 session index
    code: np.ndarray  # int8 index into EVENT_NAMES
    ts_us: np.ndarray  # int64 epoch microseconds
    url: np.ndarray  # int64 index into the URL pool
    referrer: np.ndarray  # int64 index into the referrer pool; -1 for none


def _email_customers(customers: pa.Table) -> np.ndarray:
    """Indices of customers that have a login email (only they can identify on the web)."""
    return np.flatnonzero(customers.column("email").is_valid().to_numpy(zero_copy_only=False))


def _household_partner(
    customers: pa.Table, people: np.ndarray, can_login: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Another customer of the same household with an email, or a random emailed customer."""
    households = customers.column("household_id")
    order = pc.sort_indices(households).to_numpy().astype(np.int64)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    sorted_households = households.take(pa.array(order)).to_numpy(zero_copy_only=False)
    n = len(order)
    partner = np.full(len(people), -1, dtype=np.int64)
    for step in (1, -1):
        pos = rank[people] + step
        inside = (pos >= 0) & (pos < n)
        pos = np.clip(pos, 0, n - 1)
        same = inside & (sorted_households[pos] == sorted_households[rank[people]])
        candidate = order[pos]
        take = (partner < 0) & same & can_login[candidate]
        partner[take] = candidate[take]
    emailed = np.flatnonzero(can_login)
    anyone = (partner < 0) | (rng.random(len(people)) > SAME_HOUSEHOLD_SHARE)
    partner[anyone] = emailed[rng.integers(0, len(emailed), int(anyone.sum()))]
    partner[partner == people] = -1
    return partner


def _build_cookies(customers: pa.Table, rng: np.random.Generator) -> _Cookies:
    """Cookies of visitors (1-3 each, a few shared) followed by anonymous visitors' cookies."""
    emailed = _email_customers(customers)
    visitors = emailed[rng.random(len(emailed)) < VISIT_SHARE]
    devices = rng.choice(len(DEVICE_COUNT_P), size=len(visitors), p=DEVICE_COUNT_P) + 1
    owner = np.repeat(visitors, devices)
    second = np.full(len(owner), -1, dtype=np.int64)
    shared = np.flatnonzero(rng.random(len(owner)) < SHARED_DEVICE_SHARE)
    if len(shared) and len(emailed) > 1:
        can_login = np.zeros(customers.num_rows, dtype=bool)
        can_login[emailed] = True
        second[shared] = _household_partner(customers, owner[shared], can_login, rng)
    n_anonymous = round(len(owner) * ANONYMOUS_COOKIES_PER_IDENTIFIED)
    owner = np.concatenate([owner, np.full(n_anonymous, -1, dtype=np.int64)])
    second = np.concatenate([second, np.full(n_anonymous, -1, dtype=np.int64)])
    user_agent = rng.integers(0, len(USER_AGENTS), len(owner))
    return _Cookies(owner=owner, second=second, user_agent=user_agent)


def _session_starts(n: int, rng: np.random.Generator, start: dt.date, days: int) -> np.ndarray:
    """Epoch microseconds of ``n`` session starts over the period, US-evening heavy."""
    epoch_day = (start - dt.date(1970, 1, 1)).days
    day = rng.integers(0, days, n)
    hour = rng.choice(24, size=n, p=HOUR_WEIGHTS / HOUR_WEIGHTS.sum())
    offset_us = rng.integers(0, 3_600_000_000, n)
    return (epoch_day + day) * US_PER_DAY + hour * 3_600_000_000 + offset_us


def _identification_plan(
    counts: np.ndarray, is_user: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Per session of (cookie, user) groups: LOGIN where the user logs in, else 0.

    The first login comes in the group's first session most of the time, sometimes
    after one or two fully anonymous sessions; later sessions log in again at times.
    """
    first_login = rng.choice(3, size=len(counts), p=(0.6, 0.25, 0.15))
    first_login = np.minimum(first_login, counts - 1)
    pos = position_in_segment(counts)
    first = np.repeat(first_login, counts)
    relogin = rng.random(len(pos)) < RELOGIN_SHARE
    logs_in = (pos == first) | ((pos > first) & relogin)
    return np.where(logs_in & np.repeat(is_user, counts), LOGIN, 0).astype(np.int8)


def _mark_registrations(
    user: np.ndarray, start_us: np.ndarray, identify: np.ndarray, rng: np.random.Generator
) -> None:
    """Turn each new customer's earliest login into a registration (in place)."""
    logins = np.flatnonzero(identify == LOGIN)
    order = logins[np.lexsort((start_us[logins], user[logins]))]
    _, first = np.unique(user[order], return_index=True)
    earliest = order[first]
    is_new = rng.random(len(earliest)) < NEW_CUSTOMER_SHARE
    identify[earliest[is_new]] = REGISTRATION


def _build_sessions(
    cookies: _Cookies, rng: np.random.Generator, start: dt.date, days: int
) -> _Sessions:
    """Sessions of every (cookie, user) pair, with which ones identify the user."""
    n = len(cookies.owner)
    has_second = cookies.second >= 0
    group_cookie = np.concatenate([np.arange(n), np.flatnonzero(has_second)])
    group_user = np.concatenate([cookies.owner, cookies.second[has_second]])
    is_owner = np.arange(len(group_cookie)) < n
    identified = group_user >= 0
    mean_extra = np.where(identified, np.where(is_owner, 1.5, 1.0), 0.6)
    counts = 1 + rng.poisson(mean_extra)
    order = np.lexsort((group_user, group_cookie))
    group_cookie, group_user, counts = group_cookie[order], group_user[order], counts[order]
    identified = group_user >= 0

    cookie = np.repeat(group_cookie, counts)
    user = np.repeat(group_user, counts)
    start_us = _session_starts(len(cookie), rng, start, days)
    seg = np.repeat(np.arange(len(counts)), counts)
    by_time = np.lexsort((start_us, seg))
    start_us = start_us[by_time]
    identify = _identification_plan(counts, identified, rng)
    _mark_registrations(user, start_us, identify, rng)
    return _Sessions(cookie=cookie, user=user, start_us=start_us, identify=identify)


def _segment_of_events(sessions: _Sessions, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    """Per session, the number of events in each part of it.

    The parts: anonymous browsing, the identifying event, logged-in browsing,
    add_to_cart + checkout, logout.
    """
    n = len(sessions.cookie)
    identifies = sessions.identify > 0
    pre = np.where(identifies, rng.poisson(1.5, n), 1 + rng.poisson(2.5, n))
    post = np.where(identifies, rng.poisson(2.0, n), 0)
    checkout = identifies & (rng.random(n) < CHECKOUT_SHARE)
    logout = identifies & (rng.random(n) < LOGOUT_SHARE)
    return pre, identifies.astype(np.int64), post, checkout.astype(np.int64), logout


def _event_codes(
    sessions: _Sessions, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Event name codes, their session and position inside the session."""
    pre, ident, post, checkout, logout = _segment_of_events(sessions, rng)
    parts = np.stack([pre, ident, post, checkout, checkout, logout.astype(np.int64)], axis=1)
    bounds = np.cumsum(parts, axis=1)
    total = bounds[:, -1]
    session = np.repeat(np.arange(len(total)), total)
    pos = position_in_segment(total)
    part = np.zeros(len(pos), dtype=np.int8)
    for k in range(bounds.shape[1] - 1):
        part += pos >= bounds[session, k]
    browse = rng.choice(3, size=len(pos), p=BROWSE_P).astype(np.int8)
    ident_code = sessions.identify[session]
    code = np.choose(
        part,
        [browse, ident_code, browse, np.int8(ADD_TO_CART), np.int8(CHECKOUT), np.int8(LOGOUT)],
    ).astype(np.int8)
    return code, session, pos


def _url_pool() -> tuple[pa.Array, np.ndarray]:
    """All page URLs, and per event code the offset of its URLs in the pool."""
    products = [f"/products/sku-{i:05d}" for i in range(N_PRODUCTS)]
    carts = [f"/cart/add?sku=sku-{i:05d}" for i in range(N_PRODUCTS)]
    paths = [*PAGES, *products, *carts, *ACCOUNT_PAGES]
    first_account = len(PAGES) + 2 * N_PRODUCTS
    offsets = np.array(
        [0, len(PAGES), len(PAGES) + N_PRODUCTS, *(first_account + np.arange(4))], dtype=np.int64
    )
    return pa.array([SITE + p for p in paths], pa.string()), offsets


def _event_urls(
    code: np.ndarray, pos: np.ndarray, url_offsets: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """URL index of each event and its referrer index (previous page, or external)."""
    n = len(code)
    spread = np.where(code == PAGE_VIEW, len(PAGES), np.where(code <= ADD_TO_CART, N_PRODUCTS, 1))
    url = url_offsets[code] + (rng.random(n) * spread).astype(np.int64)
    previous = np.roll(url, 1)
    external = url_offsets[-1] + 1 + rng.integers(0, len(EXTERNAL_REFERRERS), n)
    external[rng.random(n) < DIRECT_TRAFFIC_SHARE] = -1
    return url, np.where(pos == 0, external, previous)


def _build_events(sessions: _Sessions, rng: np.random.Generator) -> _Events:
    """Expand sessions into timed events with pages and referrers."""
    code, session, pos = _event_codes(sessions, rng)
    gap_us = ((MIN_EVENT_GAP_S + rng.exponential(MEAN_EVENT_GAP_S, len(pos))) * 1e6).astype(
        np.int64
    )
    gap_us[pos == 0] = 0
    elapsed = np.cumsum(gap_us)
    elapsed -= np.repeat(elapsed[segment_starts(np.bincount(session))], np.bincount(session))
    ts_us = sessions.start_us[session] + elapsed
    _, url_offsets = _url_pool()
    url, referrer = _event_urls(code, pos, url_offsets, rng)
    return _Events(session=session, code=code, ts_us=ts_us, url=url, referrer=referrer)


def _noisy_emails(emails: pa.Array, rng: np.random.Generator) -> pa.Array:
    """Emails as typed: mostly as stored, some upper/title case or with stray spaces."""
    draw = rng.random(len(emails))
    variants = [
        (draw < 0.08, pc.utf8_upper(emails)),
        ((draw >= 0.08) & (draw < 0.13), pc.utf8_capitalize(emails)),
        ((draw >= 0.13) & (draw < 0.16), pc.utf8_title(emails)),
        ((draw >= 0.16) & (draw < 0.21), pc.replace_substring_regex(emails, "^(.*)$", r" \1  ")),
    ]
    out = emails
    for mask, variant in variants:
        out = pc.if_else(pa.array(mask), variant, out)
    return out


def _pick(pool: pa.Array, idx: np.ndarray) -> pa.Array:
    """``pool[idx]`` with nulls where ``idx`` is negative."""
    return pool.take(pa.array(np.maximum(idx, 0), mask=idx < 0))


@dataclass(frozen=True)
class _Pools:
    """String pools the event columns index into."""

    cookie_ids: pa.Array
    session_ids: pa.Array
    urls: pa.Array
    referrers: pa.Array
    user_agents: pa.Array
    event_names: pa.Array
    emails: pa.Array


def _pools(
    customers: pa.Table, cookies: _Cookies, sessions: _Sessions, rng: np.random.Generator
) -> _Pools:
    """Cookie and session ids (drawn from ``rng``) and the fixed string pools."""
    urls, _ = _url_pool()
    return _Pools(
        cookie_ids=random_uuids(rng, len(cookies.owner)),
        session_ids=random_uuids(rng, len(sessions.cookie)),
        urls=urls,
        referrers=pa.concat_arrays([urls, pa.array(EXTERNAL_REFERRERS, pa.string())]),
        user_agents=pa.array(USER_AGENTS, pa.string()),
        event_names=pa.array(EVENT_NAMES, pa.string()),
        emails=customers.column("email").combine_chunks().cast(pa.string()),
    )


def _event_table(
    rows: np.ndarray,
    events: _Events,
    sessions: _Sessions,
    cookies: _Cookies,
    pools: _Pools,
    event_ids: pa.Array,
    rng: np.random.Generator,
) -> pa.Table:
    """The contract columns for the events at ``rows``."""
    session = events.session[rows]
    cookie = sessions.cookie[session]
    code = events.code[rows]
    carries_email = (code == LOGIN) | (code == REGISTRATION) | (code == CHECKOUT)
    user = np.where(carries_email, sessions.user[session], -1)
    return pa.table(
        {
            "event_id": event_ids.take(pa.array(rows)),
            "cookie_id": _pick(pools.cookie_ids, cookie),
            "session_id": _pick(pools.session_ids, session),
            "event_name": _pick(pools.event_names, code.astype(np.int64)),
            "page_url": _pick(pools.urls, events.url[rows]),
            "referrer": _pick(pools.referrers, events.referrer[rows]),
            "user_agent": _pick(pools.user_agents, cookies.user_agent[cookie]),
            "email": _noisy_emails(_pick(pools.emails, user), rng),
            "event_timestamp": pa.array(events.ts_us[rows], TIMESTAMP_TYPE),
        }
    )


def _write_partitions(
    root: Path,
    events: _Events,
    sessions: _Sessions,
    cookies: _Cookies,
    pools: _Pools,
    rng: np.random.Generator,
) -> int:
    """Write one Parquet file per UTC event date, rows in time order; return rows."""
    event_ids = random_uuids(rng, len(events.ts_us))
    order = np.argsort(events.ts_us, kind="stable")
    day = events.ts_us[order] // US_PER_DAY
    bounds = np.flatnonzero(np.diff(day)) + 1
    for rows in np.split(order, bounds):
        date = dt.date(1970, 1, 1) + dt.timedelta(days=int(events.ts_us[rows[0]] // US_PER_DAY))
        folder = root / f"event_date={date.isoformat()}"
        folder.mkdir(parents=True, exist_ok=True)
        table = _event_table(rows, events, sessions, cookies, pools, event_ids, rng)
        pq.write_table(table, folder / "part-00000.parquet", compression="zstd")
    return len(order)


def _cookie_truth(
    customers: pa.Table, cookies: _Cookies, sessions: _Sessions, pools: _Pools
) -> pa.Table:
    """cookie_id, customer_id (main user, null if never identified), is_shared_device."""
    n = len(cookies.owner)
    owner_sessions = np.bincount(
        sessions.cookie[sessions.user == cookies.owner[sessions.cookie]], minlength=n
    )
    shared = cookies.second >= 0
    second_sessions = np.bincount(
        sessions.cookie[
            shared[sessions.cookie] & (sessions.user == cookies.second[sessions.cookie])
        ],
        minlength=n,
    )
    main = np.where(shared & (second_sessions > owner_sessions), cookies.second, cookies.owner)
    customer_ids = customers.column("customer_id").combine_chunks()
    return pa.table(
        {
            "cookie_id": pools.cookie_ids,
            "customer_id": _pick(customer_ids, main).cast(pa.string()),
            "is_shared_device": pa.array(shared, pa.bool_()),
        }
    )


def write_clickstream(
    customers: pa.Table,
    lake_root: Path,
    rng: np.random.Generator,
    start: dt.date,
    days: int,
) -> dict[str, int]:
    """Write ``raw/web/clickstream`` and ``_truth/cookies.parquet``; return rows per feed."""
    lake_root = Path(lake_root)
    cookies = _build_cookies(customers, rng)
    sessions = _build_sessions(cookies, rng, start, days)
    events = _build_events(sessions, rng)
    pools = _pools(customers, cookies, sessions, rng)
    rows = _write_partitions(
        lake_root / "raw" / "web" / "clickstream", events, sessions, cookies, pools, rng
    )
    truth_dir = lake_root / "_truth"
    truth_dir.mkdir(parents=True, exist_ok=True)
    pq.write_table(
        _cookie_truth(customers, cookies, sessions, pools), truth_dir / "cookies.parquet"
    )
    return {FEED: rows}
