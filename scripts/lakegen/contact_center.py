"""Synthetic Amazon Connect feeds: contact trace records (CTR) and the agent event stream.

Both feeds land as Kinesis Firehose writes them: newline-delimited JSON under
``raw/connect/<feed>/year=YYYY/month=MM/day=DD/`` in files named
``<stream>-1-YYYY-MM-DD-HH-MM-SS-<id>`` (no extension). The partition is the UTC date of
``InitiationTimestamp`` (CTR) or ``EventTimestamp`` (agent events); records are grouped into
files by their arrival time in 15-minute Firehose buffers, and a file is named after the
arrival time of its first record.

The model is agent first, which keeps the two feeds consistent by construction:

1. About ``CONTACTS_PER_CUSTOMER`` contacts per customer are spread over the days (weekends
   quieter); ~4 % are abandoned in queue, the rest are handled by agents.
2. Each day is staffed with one 8.5-hour shift per ~30 handled contacts (early 08:00 or late
   11:30 America/Chicago starts); the roster has at least ``MIN_AGENTS`` agents.
3. A shift is a sequence of items, the contacts it handles plus a ``Break`` and a ``Lunch``,
   separated by idle gaps that share the shift's spare time. An agent therefore handles one
   contact at a time (no overlapping voice contacts) and the CTR timestamps, the queue wait
   before the agent connected and the hold / after-contact-work durations derive from the
   same timeline that produces the agent's STATE_CHANGE events.
4. ~5 % of the records are transfer second legs: a handled inbound call starting shortly
   after another agent's call ended becomes ``InitiationMethod=TRANSFER`` of that call
   (``InitialContactId``/``PreviousContactId`` point at the first leg, which gets
   ``NextContactId``); both legs share the caller.
5. Callers: voice callers dial from their ``phone_e164``, ~10 % of inbound calls come from
   numbers no customer has; chats and tasks have no ``CustomerEndpoint`` (a chat is
   identified only by the ``customerId`` attribute the web widget passes). ``customerId``
   (the CRM contact id) is set for ~30 % of identified voice callers, ~60 % of chats and
   ~90 % of tasks.
6. ~3 % of the records are delivered again with a later ``LastUpdateTimestamp`` and,
   mostly, a ``postCallSurveyScore`` attribute added.

Agent events per shift: ``LOGIN`` (status Offline), ``STATE_CHANGE`` to Available, per
contact ``STATE_CHANGE`` events whose snapshot holds the contact as CONNECTING, CONNECTED,
CONNECTED_ONHOLD / CONNECTED per hold, ENDED at disconnect (after-contact work), then an
event without the contact when the work is done; Break / Lunch (CUSTOM) status changes;
``HEART_BEAT`` every 120 s of silence while the agent has no contact (at most three per
gap); ``LOGOUT`` (status Offline). ``PreviousAgentSnapshot`` is the snapshot of the agent's
previous event (null on ``LOGIN``). Heartbeats during long calls are not generated.

Contract details the references leave open, as generated here:

* A contact that is not part of a transfer has ``InitialContactId`` null (in the CTR and in
  the agent snapshot); the first leg of a transfer has it null too and ``NextContactId`` set.
* ``OUTBOUND`` calls carry the routing profile's ``OutboundQueue`` with null enqueue/dequeue
  timestamps and ``Duration`` 0; ``ConnectedToSystemTimestamp`` is when the customer answered.
* Tasks use ``InitiationMethod`` ``API`` and ``DisconnectReason`` ``AGENT_DISCONNECT``.
* ``Attributes`` keys: ``customerId``, ``intent``, ``language``, ``postCallSurveyScore``
  (only on some redelivered copies).
* Beyond the contract's field list the CTR also carries ``AgentConnectionAttempts``,
  ``MediaStreams`` and ``Recording`` (voice with an agent), as in the documented example.
* Business hours and shifts are in America/Chicago; a late shift runs past midnight UTC, so
  the last day's contacts can land in the partition after ``start + days - 1``.

JSON is produced by DuckDB (``to_json`` over flat Arrow columns); Python only slices the
resulting buffer into files.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lakegen.web import position_in_segment, random_uuids, segment_starts

CTR_FEED = "connect__contact_records"
AGENT_EVENT_FEED = "connect__agent_events"
ACCOUNT_ID = "111122223333"
REGION = "us-east-1"
CTR_FORMAT_VERSION = "2017-03-10"
AGENT_EVENT_VERSION = "2019-05-25"
CTR_STREAM = "connect-ctr"
AGENT_EVENT_STREAM = "connect-agent-events"
RECORDING_BUCKET = f"connect-recordings-{ACCOUNT_ID}/connect/example-contact-center"
CENTER_TZ = ZoneInfo("America/Chicago")

CONTACTS_PER_CUSTOMER = 0.75
ABANDONED_SHARE = 0.04
TRANSFER_SHARE = 0.05
REDELIVERY_SHARE = 0.03
SURVEY_ON_REDELIVERY_SHARE = 0.7
UNKNOWN_CALLER_SHARE = 0.10
ANONYMOUS_CHAT_SHARE = 0.10
CHANNEL_P = (0.76, 0.17, 0.07)  # VOICE, CHAT, TASK among handled contacts
VOICE_METHOD_P = (0.83, 0.11, 0.06)  # INBOUND, OUTBOUND, CALLBACK
ABANDONED_VOICE_SHARE = 0.85
CONTACTS_PER_SHIFT = 30
MIN_AGENTS = 5
ROSTER_SLACK = 1.3  # agents on the roster per shift on the busiest day
WEEKDAY_WEIGHT = (1.0, 1.0, 1.0, 1.0, 0.95, 0.45, 0.25)  # Monday .. Sunday

SECOND_MS = 1_000
DAY_MS = 86_400_000
SHIFT_MS = int(8.5 * 3600 * SECOND_MS)
SHIFT_STARTS_S = (8 * 3600, 11 * 3600 + 1800)  # local time of day
OPEN_S, CLOSE_S = 8 * 3600, 20 * 3600  # local business hours (abandoned contacts)
MIN_GAP_MS = 3 * SECOND_MS
BREAK_MS = (900 * SECOND_MS, 1800 * SECOND_MS)  # Break, Lunch
HEARTBEAT_MS = 120 * SECOND_MS
MAX_HEARTBEATS_PER_GAP = 3
FIREHOSE_BUFFER_MS = 900 * SECOND_MS
JSON_CHUNK_ROWS = 100_000
WRITER_THREADS = 2

VOICE, CHAT, TASK = range(3)
CHANNELS = ("VOICE", "CHAT", "TASK")
INBOUND, OUTBOUND, CALLBACK, TRANSFER, API = range(5)
METHODS = ("INBOUND", "OUTBOUND", "CALLBACK", "TRANSFER", "API")
QUEUES = ("BasicQueue", "Billing", "Support", "Sales", "OutboundQueue")
OUTBOUND_QUEUE = 4
QUEUE_INTENTS = ("general", "billing", "support", "sales", "outreach")
SYSTEM_NUMBERS = ("+18005550100", "+18005550101", "+18005550102", "+18005550103", "+18005550100")
PROFILES = (
    "Basic Routing Profile",
    "Billing Routing Profile",
    "Support Routing Profile",
    "Sales Routing Profile",
)  # profile i serves QUEUES[i] and BasicQueue
AVAILABLE, BREAK, LUNCH, OFFLINE = range(4)
STATUS_NAMES = ("Available", "Break", "Lunch", "Offline")
STATUS_TYPES = ("ROUTABLE", "CUSTOM", "CUSTOM", "OFFLINE")
CONNECTING, CONNECTED, CONNECTED_ONHOLD, ENDED = range(4)
CONTACT_STATES = ("CONNECTING", "CONNECTED", "CONNECTED_ONHOLD", "ENDED")
LOGIN, LOGOUT, STATE_CHANGE, HEART_BEAT = range(4)
EVENT_TYPES = ("LOGIN", "LOGOUT", "STATE_CHANGE", "HEART_BEAT")
CUSTOMER_DISCONNECT, AGENT_DISCONNECT, TELECOM_PROBLEM = range(3)
DISCONNECT_REASONS = ("CUSTOMER_DISCONNECT", "AGENT_DISCONNECT", "TELECOM_PROBLEM")
LANGUAGES = ("en-US", "es-US")
CUSTOMER_ID_SHARE = np.array([0.30, 0.60, 0.90])  # per channel, of identified customers
UNKNOWN_AREA_CODES = np.array([206, 212, 303, 305, 404, 415, 512, 617, 702, 713, 773, 929])
AGENT_FIRST_NAMES = (
    "Jane", "Carlos", "Priya", "Marcus", "Emily", "Wei", "Fatima", "Daniel", "Sofia", "Tyrone",
    "Hannah", "Luis", "Grace", "Omar", "Chloe", "Kenji", "Aisha", "Ryan", "Valerie", "Mateo",
)  # fmt: skip
AGENT_LAST_NAMES = (
    "Doe", "Martinez", "Patel", "Johnson", "Nguyen", "Chen", "Okafor", "Smith", "Rossi", "Brown",
    "Kowalski", "Garcia", "Kim", "Haddad", "Murphy", "Tanaka", "Williams", "Lopez", "Novak", "Reed",
)  # fmt: skip

MEDIA_STREAMS = ("AUDIO", "CHAT")  # per channel; a TASK has none
_POOLS = {
    name: pa.array(values, pa.string())
    for name, values in {
        "CHANNELS": CHANNELS,
        "METHODS": METHODS,
        "QUEUES": QUEUES,
        "PROFILES": PROFILES,
        "DISCONNECT_REASONS": DISCONNECT_REASONS,
        "QUEUE_INTENTS": QUEUE_INTENTS,
        "LANGUAGES": LANGUAGES,
        "SYSTEM_NUMBERS": SYSTEM_NUMBERS,
        "MEDIA_STREAMS": MEDIA_STREAMS,
        "STATUS_NAMES": STATUS_NAMES,
        "STATUS_TYPES": STATUS_TYPES,
        "CONTACT_STATES": CONTACT_STATES,
        "EVENT_TYPES": EVENT_TYPES,
    }.items()
}
CTR_TS = "%Y-%m-%dT%H:%M:%SZ"
EVENT_TS = "%Y-%m-%dT%H:%M:%S.%gZ"


# ---------------------------------------------------------------------------------------------
# Directory: instance, queues, routing profiles, agent statuses, agents
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Directory:
    """ARNs and names of the Connect instance's resources; agents indexed 0..n-1."""

    instance_arn: str
    queue_arns: pa.Array
    profile_arns: pa.Array
    status_arns: pa.Array
    agent_arns: pa.Array
    usernames: pa.Array
    first_names: pa.Array
    last_names: pa.Array
    agent_profile: np.ndarray  # int64 index into PROFILES


def _build_directory(n_agents: int, rng: np.random.Generator) -> _Directory:
    ids = random_uuids(rng, 1 + len(QUEUES) + len(PROFILES) + len(STATUS_NAMES) + n_agents)
    ids = ids.to_pylist()
    instance = f"arn:aws:connect:{REGION}:{ACCOUNT_ID}:instance/{ids.pop(0)}"

    def arns(kind: str, n: int) -> pa.Array:
        return pa.array([f"{instance}/{kind}/{ids.pop(0)}" for _ in range(n)], pa.string())

    queue_arns = arns("queue", len(QUEUES))
    profile_arns = arns("routing-profile", len(PROFILES))
    status_arns = arns("agent-state", len(STATUS_NAMES))
    agent_arns = arns("agent", n_agents)
    first = rng.integers(0, len(AGENT_FIRST_NAMES), n_agents)
    last = rng.integers(0, len(AGENT_LAST_NAMES), n_agents)
    first_names = [AGENT_FIRST_NAMES[i] for i in first]
    last_names = [AGENT_LAST_NAMES[i] for i in last]
    usernames = [
        f"{f[0]}{s}{i + 1:04d}".lower()
        for i, (f, s) in enumerate(zip(first_names, last_names, strict=True))
    ]
    return _Directory(
        instance_arn=instance,
        queue_arns=queue_arns,
        profile_arns=profile_arns,
        status_arns=status_arns,
        agent_arns=agent_arns,
        usernames=pa.array(usernames, pa.string()),
        first_names=pa.array(first_names, pa.string()),
        last_names=pa.array(last_names, pa.string()),
        agent_profile=rng.integers(0, len(PROFILES), n_agents),
    )


# ---------------------------------------------------------------------------------------------
# Volume plan and shifts
# ---------------------------------------------------------------------------------------------


def _local_midnights_ms(start: dt.date, days: int) -> np.ndarray:
    """UTC epoch ms of each day's local midnight (the offset in force during business hours)."""
    out = np.empty(days, dtype=np.int64)
    for d in range(days):
        day = start + dt.timedelta(days=d)
        offset = dt.datetime(day.year, day.month, day.day, 12, tzinfo=CENTER_TZ).utcoffset()
        epoch_s = (day - dt.date(1970, 1, 1)).days * 86_400
        out[d] = (epoch_s - int(offset.total_seconds())) * SECOND_MS
    return out


def _daily_volume(
    n_customers: int, rng: np.random.Generator, start: dt.date, days: int
) -> tuple[np.ndarray, np.ndarray]:
    """Handled and abandoned contacts per day."""
    weights = np.array(
        [WEEKDAY_WEIGHT[(start + dt.timedelta(days=d)).weekday()] for d in range(days)]
    )
    total = rng.poisson(CONTACTS_PER_CUSTOMER * n_customers)
    per_day = rng.multinomial(total, weights / weights.sum())
    abandoned = rng.binomial(per_day, ABANDONED_SHARE)
    return per_day - abandoned, abandoned


@dataclass(frozen=True)
class _Shifts:
    """One entry per agent shift, ordered by day."""

    agent: np.ndarray  # int64 agent index
    login_ms: np.ndarray  # int64 epoch ms
    contacts: np.ndarray  # int64 handled contacts in the shift


def _even_split(total: int, parts: int, rng: np.random.Generator) -> np.ndarray:
    """``total`` split into ``parts`` near-equal counts (routing keeps agents evenly busy)."""
    counts = np.full(parts, total // parts if parts else 0, dtype=np.int64)
    counts[rng.permutation(parts)[: total - int(counts.sum())]] += 1
    return counts


def _schedule_shifts(
    handled: np.ndarray, midnights_ms: np.ndarray, rng: np.random.Generator
) -> tuple[_Shifts, int]:
    """Shifts per day (one per ~30 contacts) staffed from a roster; return them and its size."""
    per_day = np.where(handled > 0, np.ceil(handled / CONTACTS_PER_SHIFT), 0).astype(np.int64)
    n_agents = max(MIN_AGENTS, math.ceil(int(per_day.max(initial=0)) * ROSTER_SLACK))
    agents, contacts = [], []
    for d, n_shifts in enumerate(per_day):
        agents.append(rng.permutation(n_agents)[:n_shifts])
        contacts.append(_even_split(int(handled[d]), int(n_shifts), rng))
    day = np.repeat(np.arange(len(per_day)), per_day)
    start_s = np.array(SHIFT_STARTS_S)[rng.integers(0, 2, len(day))] + rng.integers(
        0, 900, len(day)
    )
    login = midnights_ms[day] + start_s * SECOND_MS + rng.integers(0, SECOND_MS, len(day))
    shifts = _Shifts(
        agent=np.concatenate(agents).astype(np.int64),
        login_ms=login,
        contacts=np.concatenate(contacts).astype(np.int64),
    )
    return shifts, n_agents


# ---------------------------------------------------------------------------------------------
# Contacts: one entry per ContactId; handled contacts first (in shift order), then abandoned
# ---------------------------------------------------------------------------------------------


@dataclass
class _Contacts:
    """Per-contact arrays; times are epoch ms, ``-1`` means null / none."""

    channel: np.ndarray
    method: np.ndarray
    agent: np.ndarray
    shift: np.ndarray
    queue: np.ndarray
    offer_ms: np.ndarray  # agent side: contact offered (CONNECTING)
    connected_ms: np.ndarray  # agent side, with milliseconds
    acw_end_ms: np.ndarray
    hold_offset_s: np.ndarray  # (n, 3) hold starts, seconds after connected
    hold_s: np.ndarray  # (n, 3) hold lengths, 0 when there is no such hold
    talk_s: np.ndarray
    acw_s: np.ndarray
    initiation_ms: np.ndarray  # CTR side: whole seconds from here on
    system_ms: np.ndarray
    enqueue_ms: np.ndarray
    dequeue_ms: np.ndarray
    disconnect_ms: np.ndarray
    last_update_ms: np.ndarray
    reason: np.ndarray
    attempts: np.ndarray
    previous: np.ndarray
    next: np.ndarray
    initial: np.ndarray

    @property
    def handled(self) -> np.ndarray:
        """Contacts that reached an agent."""
        return self.agent >= 0


def _talk_and_holds(
    channel: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Talk seconds, hold starts and lengths (n, 3), after-contact-work seconds."""
    n = len(channel)
    talk_median = np.array([400.0, 540.0, 480.0])[channel]
    talk = np.clip(np.round(rng.lognormal(np.log(talk_median), 0.6)), 30, 3600).astype(np.int64)
    holds = np.where(channel == VOICE, rng.choice(4, n, p=(0.72, 0.20, 0.06, 0.02)), 0)
    slot = np.arange(4)[None, :]
    hold_s = np.clip(np.round(rng.lognormal(np.log(45.0), 0.7, (n, 3))), 5, 900).astype(np.int64)
    hold_s[slot[:, :3] >= holds[:, None]] = 0
    weight = rng.exponential(1.0, (n, 4))
    weight[slot > holds[:, None]] = 0
    share = weight / weight.sum(axis=1, keepdims=True)
    segment = np.floor(share * (talk - holds - 1)[:, None]).astype(np.int64) + (weight > 0)
    offset = np.cumsum(segment[:, :3], axis=1) + np.cumsum(hold_s, axis=1) - hold_s
    acw = np.clip(np.round(rng.lognormal(np.log(60.0), 0.6, n)), 5, 900).astype(np.int64)
    return talk, offset, hold_s, acw


def _item_layout(shifts: _Shifts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Item index of every handled contact and of each shift's Break and Lunch."""
    n_items = shifts.contacts + 2
    first = segment_starts(n_items)
    shift_of_contact = np.repeat(np.arange(len(n_items)), shifts.contacts)
    j = position_in_segment(shifts.contacts)
    b1, b2 = shifts.contacts // 3, (2 * shifts.contacts) // 3
    pos = j + (j >= b1[shift_of_contact]) + (j >= b2[shift_of_contact])
    contact_item = first[shift_of_contact] + pos
    break_items = np.stack([first + b1, first + b2 + 1], axis=1)
    return contact_item, break_items, shift_of_contact


@dataclass(frozen=True)
class _Layout:
    """Per shift: when the agent became Available, the Break/Lunch times and the logout."""

    available_ms: np.ndarray
    break_start_ms: np.ndarray  # (n_shifts, 2): Break, Lunch
    break_end_ms: np.ndarray
    logout_ms: np.ndarray


def _lay_out_shifts(
    shifts: _Shifts, busy_ms: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, _Layout]:
    """Start of every contact item and the shift layout around the contacts."""
    contact_item, break_items, _ = _item_layout(shifts)
    n_items = shifts.contacts + 2
    item_shift = np.repeat(np.arange(len(n_items)), n_items)
    duration = np.zeros(int(n_items.sum()), dtype=np.int64)
    duration[contact_item] = busy_ms
    break_ms = np.array(BREAK_MS)[None, :] + rng.integers(0, 300 * SECOND_MS, break_items.shape)
    duration[break_items] = break_ms
    available = shifts.login_ms + rng.integers(5 * SECOND_MS, 40 * SECOND_MS, len(n_items))
    busy_total = np.bincount(item_shift, duration, minlength=len(n_items)).astype(np.int64)
    idle = np.maximum(shifts.login_ms + SHIFT_MS - available - busy_total, 0)
    weight = rng.exponential(1.0, len(duration))
    trailing = rng.exponential(1.0, len(n_items))
    weight_sum = np.bincount(item_shift, weight, minlength=len(n_items)) + trailing
    gap = MIN_GAP_MS + np.floor(idle[item_shift] * weight / weight_sum[item_shift]).astype(np.int64)
    step = np.cumsum(gap + duration)
    before = np.repeat(
        step[segment_starts(n_items)] - (gap + duration)[segment_starts(n_items)], n_items
    )
    item_start = available[item_shift] + step - before - duration
    shift_end = available + np.bincount(item_shift, gap + duration, minlength=len(n_items)).astype(
        np.int64
    )
    logout = shift_end + MIN_GAP_MS + np.floor(idle * trailing / weight_sum).astype(np.int64)
    layout = _Layout(
        available_ms=available,
        break_start_ms=item_start[break_items],
        break_end_ms=item_start[break_items] + break_ms,
        logout_ms=logout,
    )
    return item_start[contact_item], layout


def _queue_wait_s(channel: np.ndarray, method: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Seconds in queue before an agent connected."""
    n = len(channel)
    mean = np.select(
        [method == CALLBACK, channel == TASK, channel == CHAT], [600.0, 900.0, 60.0], 45.0
    )
    wait = np.round(rng.exponential(mean, n) + 2)
    return np.clip(wait, 2, 3600).astype(np.int64)


def _ivr_s(channel: np.ndarray, method: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Seconds in the contact flow (IVR / chat bot) before entering the queue."""
    n = len(channel)
    voice = np.round(5 + rng.exponential(30.0, n)).clip(max=180)
    chat = np.round(2 + rng.exponential(10.0, n)).clip(max=60)
    ivr = np.where(channel == VOICE, voice, np.where(channel == CHAT, chat, 0))
    return np.where(method == CALLBACK, 0, ivr).astype(np.int64)


def _handled_contacts(
    shifts: _Shifts, directory: _Directory, rng: np.random.Generator
) -> tuple[_Contacts, _Layout]:
    """Contacts handled in the shifts, timed on the agents' timelines."""
    n = int(shifts.contacts.sum())
    channel = rng.choice(3, n, p=CHANNEL_P)
    method = np.where(
        channel == VOICE,
        rng.choice(3, n, p=VOICE_METHOD_P),
        np.where(channel == TASK, API, INBOUND),
    )
    talk, hold_offset, hold_s, acw = _talk_and_holds(channel, rng)
    ring_ms = np.where(
        method == OUTBOUND, rng.integers(8_000, 25_000, n), rng.integers(1_500, 9_000, n)
    )
    busy_ms = ring_ms + (talk + hold_s.sum(axis=1) + acw) * SECOND_MS
    offer, layout = _lay_out_shifts(shifts, busy_ms, rng)
    shift = np.repeat(np.arange(len(shifts.contacts)), shifts.contacts)
    agent = shifts.agent[shift]
    connected = offer + ring_ms
    connected_s = connected // SECOND_MS * SECOND_MS
    disconnect = connected_s + (talk + hold_s.sum(axis=1)) * SECOND_MS
    outbound = method == OUTBOUND
    primary = directory.agent_profile[agent]
    queue = np.where(outbound, OUTBOUND_QUEUE, np.where(rng.random(n) < 0.7, primary, 0))
    dequeue = np.where(outbound, -1, connected_s)
    enqueue = np.where(outbound, -1, connected_s - _queue_wait_s(channel, method, rng) * SECOND_MS)
    initiation = np.where(
        outbound, offer // SECOND_MS * SECOND_MS, enqueue - _ivr_s(channel, method, rng) * SECOND_MS
    )
    system = np.select(
        [outbound, method == CALLBACK],
        [connected_s, connected_s + rng.integers(3, 16, n) * SECOND_MS],
        initiation,
    )
    reason = np.where(
        channel == TASK,
        AGENT_DISCONNECT,
        rng.choice(3, n, p=(0.55, 0.42, 0.03)),
    )
    reason = np.where((channel == CHAT) & (reason == TELECOM_PROBLEM), CUSTOMER_DISCONNECT, reason)
    none = np.full(n, -1, dtype=np.int64)
    contacts = _Contacts(
        channel=channel,
        method=method,
        agent=agent,
        shift=shift,
        queue=queue,
        offer_ms=offer,
        connected_ms=connected,
        acw_end_ms=connected + (talk + hold_s.sum(axis=1) + acw) * SECOND_MS,
        hold_offset_s=hold_offset,
        hold_s=hold_s,
        talk_s=talk,
        acw_s=acw,
        initiation_ms=initiation,
        system_ms=system,
        enqueue_ms=enqueue,
        dequeue_ms=dequeue,
        disconnect_ms=disconnect,
        last_update_ms=disconnect + (acw + rng.integers(2, 90, n)) * SECOND_MS,
        reason=reason,
        attempts=np.where(rng.random(n) < 0.05, 2, 1),
        previous=none,
        next=none.copy(),
        initial=none.copy(),
    )
    return contacts, layout


def _abandoned_contacts(
    abandoned: np.ndarray, midnights_ms: np.ndarray, rng: np.random.Generator
) -> _Contacts:
    """Contacts that hung up in queue: a Queue with timestamps, no Agent."""
    n = int(abandoned.sum())
    day = np.repeat(np.arange(len(abandoned)), abandoned)
    initiation = midnights_ms[day] + rng.integers(OPEN_S, CLOSE_S, n) * SECOND_MS
    channel = np.where(rng.random(n) < ABANDONED_VOICE_SHARE, VOICE, CHAT)
    method = np.full(n, INBOUND)
    enqueue = initiation + _ivr_s(channel, method, rng) * SECOND_MS
    dequeue = (
        enqueue
        + np.clip(np.round(10 + rng.exponential(120.0, n)), 10, 1800).astype(np.int64) * SECOND_MS
    )
    none = np.full(n, -1, dtype=np.int64)
    zeros = np.zeros(n, dtype=np.int64)
    return _Contacts(
        channel=channel,
        method=method,
        agent=none,
        shift=none.copy(),
        queue=rng.integers(0, OUTBOUND_QUEUE, n),
        offer_ms=none.copy(),
        connected_ms=none.copy(),
        acw_end_ms=none.copy(),
        hold_offset_s=np.zeros((n, 3), dtype=np.int64),
        hold_s=np.zeros((n, 3), dtype=np.int64),
        talk_s=zeros,
        acw_s=zeros.copy(),
        initiation_ms=initiation,
        system_ms=initiation.copy(),
        enqueue_ms=enqueue,
        dequeue_ms=dequeue,
        disconnect_ms=dequeue.copy(),
        last_update_ms=dequeue + rng.integers(2, 60, n) * SECOND_MS,
        reason=np.full(n, CUSTOMER_DISCONNECT),
        attempts=zeros.copy(),
        previous=none.copy(),
        next=none.copy(),
        initial=none.copy(),
    )


def _concat_contacts(a: _Contacts, b: _Contacts) -> _Contacts:
    """``a`` followed by ``b``."""
    fields = _Contacts.__dataclass_fields__
    return _Contacts(**{f: np.concatenate([getattr(a, f), getattr(b, f)]) for f in fields})


# ---------------------------------------------------------------------------------------------
# Transfers, callers, attributes
# ---------------------------------------------------------------------------------------------


def _pair_transfers(c: _Contacts, rng: np.random.Generator) -> None:
    """Turn ~TRANSFER_SHARE of the records into second legs of an earlier call (in place).

    A second leg is a handled inbound call that an agent connected 10-300 s after another
    agent's call (the first leg) disconnected; the first leg is the one transferred.
    """
    target = round(TRANSFER_SHARE * len(c.channel))
    voice = c.handled & (c.channel == VOICE)
    candidates = np.flatnonzero(voice & (c.method == INBOUND))
    if target == 0 or len(candidates) < 2:
        return
    second = rng.choice(
        candidates, size=min(len(candidates) // 2, int(target * 1.5)), replace=False
    )
    pool = np.flatnonzero(voice & (c.method != OUTBOUND))
    pool = np.setdiff1d(pool, second)
    pool = pool[np.argsort(c.disconnect_ms[pool], kind="stable")]
    ends = c.disconnect_ms[pool]
    first = np.full(len(second), -1, dtype=np.int64)
    used = np.zeros(len(c.channel), dtype=bool)
    latest = np.searchsorted(ends, c.dequeue_ms[second] - 10 * SECOND_MS, side="right") - 1
    for back in range(8):
        j = latest - back
        open_ = (first < 0) & (j >= 0)
        cand = pool[np.maximum(j, 0)]
        ok = open_ & ~used[cand] & (c.agent[cand] != c.agent[second])
        ok &= c.dequeue_ms[second] - c.disconnect_ms[cand] <= 300 * SECOND_MS
        idx = np.flatnonzero(ok)
        _, keep = np.unique(cand[idx], return_index=True)
        idx = idx[keep]
        first[idx] = cand[idx]
        used[cand[idx]] = True
    paired = np.flatnonzero(first >= 0)[:target]
    _link_transfer(c, first[paired], second[paired])


def _link_transfer(c: _Contacts, first: np.ndarray, second: np.ndarray) -> None:
    """Make each ``second`` the TRANSFER leg of ``first`` (in place)."""
    c.method[second] = TRANSFER
    c.initiation_ms[second] = c.disconnect_ms[first]
    c.system_ms[second] = c.disconnect_ms[first]
    c.enqueue_ms[second] = c.disconnect_ms[first]
    c.previous[second] = first
    c.initial[second] = first
    c.next[first] = second
    c.reason[first] = AGENT_DISCONNECT


def _unknown_numbers(n: int, known: pa.Array, rng: np.random.Generator) -> pa.Array:
    """``n`` E.164 numbers that no customer has."""
    numbers = np.empty(0, dtype=np.int64)
    known_set = pc.unique(known.drop_null())
    while len(numbers) < n:
        draw = UNKNOWN_AREA_CODES[rng.integers(0, len(UNKNOWN_AREA_CODES), n)] * 10_000_000
        draw += rng.integers(2_000_000, 10_000_000, n)
        text = pc.binary_join_element_wise("+1", pc.cast(pa.array(draw), pa.string()), "")
        numbers = np.concatenate(
            [numbers, draw[~pc.is_in(text, known_set).to_numpy(zero_copy_only=False)]]
        )
    numbers = numbers[:n]
    return pc.binary_join_element_wise("+1", pc.cast(pa.array(numbers), pa.string()), "")


@dataclass(frozen=True)
class _Callers:
    """Per contact: who is on it, from which number, what the IVR / chat widget captured."""

    customer: np.ndarray  # customer row, -1 for an unknown caller or anonymous chat
    unknown_number: np.ndarray  # index into the unknown-number pool, -1 for none
    customer_id_attribute: np.ndarray  # bool: Attributes.customerId holds the CRM id
    intent: np.ndarray  # index into QUEUE_INTENTS, -1 for none
    language: np.ndarray  # index into LANGUAGES, -1 for none


def _assign_callers(c: _Contacts, customers: pa.Table, rng: np.random.Generator) -> _Callers:
    """Callers of every contact; a transfer's second leg keeps the first leg's."""
    n = len(c.channel)
    phones = customers.column("phone_e164").is_valid().to_numpy(zero_copy_only=False)
    crm = customers.column("crm_contact_id").is_valid().to_numpy(zero_copy_only=False)
    with_phone = np.flatnonzero(phones)
    voice = (c.channel == VOICE) & (c.method != TRANSFER)
    inbound_voice = voice & (c.method == INBOUND)
    unknown = inbound_voice & (rng.random(n) < UNKNOWN_CALLER_SHARE)
    if len(with_phone) == 0:
        unknown = voice.copy()
    customer = np.full(n, -1, dtype=np.int64)
    known_voice = voice & ~unknown
    if len(with_phone):
        customer[known_voice] = with_phone[rng.integers(0, len(with_phone), int(known_voice.sum()))]
    others = (c.channel != VOICE) & ~((c.channel == CHAT) & (rng.random(n) < ANONYMOUS_CHAT_SHARE))
    customer[others] = rng.integers(0, customers.num_rows, int(others.sum()))
    unknown_number = np.full(n, -1, dtype=np.int64)
    unknown_number[unknown] = np.arange(int(unknown.sum()))
    attribute = (customer >= 0) & crm[np.maximum(customer, 0)]
    attribute &= rng.random(n) < CUSTOMER_ID_SHARE[c.channel]
    intent = np.where(c.channel == TASK, -1, c.queue)
    language = np.where(c.channel == TASK, -1, (rng.random(n) < 0.12).astype(np.int64))
    legs = np.flatnonzero(c.method == TRANSFER)
    for values in (customer, unknown_number, attribute, intent, language):
        values[legs] = values[c.previous[legs]]
    return _Callers(
        customer=customer,
        unknown_number=unknown_number,
        customer_id_attribute=attribute,
        intent=intent,
        language=language,
    )


# ---------------------------------------------------------------------------------------------
# NDJSON writing: DuckDB renders the JSON, Python slices it into Firehose files
# ---------------------------------------------------------------------------------------------


def _pick(pool: pa.Array, idx: np.ndarray) -> pa.Array:
    """``pool[idx]`` with nulls where ``idx`` is negative."""
    return pool.take(pa.array(np.maximum(idx, 0), mask=idx < 0))


def _nullable(values: np.ndarray, null: np.ndarray) -> pa.Array:
    """``values`` as an Arrow array, null where ``null``."""
    return pa.array(values, mask=null)


def _firehose_name(stream: str, arrival_ms: int, file_id: str) -> str:
    """``<stream>-1-YYYY-MM-DD-HH-MM-SS-<id>``, the Firehose object name."""
    when = dt.datetime.fromtimestamp(arrival_ms / 1000, tz=dt.UTC)
    return f"{stream}-1-{when:%Y-%m-%d-%H-%M-%S}-{file_id}"


def _file_groups(partition_ms: np.ndarray, arrival_ms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row order (by day partition, Firehose buffer, arrival) and each file's first row."""
    day = partition_ms // DAY_MS
    buffer = arrival_ms // FIREHOSE_BUFFER_MS
    order = np.lexsort((arrival_ms, buffer, day))
    key = day[order] * 10_000_000 + buffer[order]
    starts = (
        np.concatenate([[0], np.flatnonzero(np.diff(key)) + 1])
        if len(order)
        else np.zeros(0, np.int64)
    )
    return order, starts


def _file_paths(
    folder: Path,
    stream: str,
    first_rows: np.ndarray,
    partition_ms: np.ndarray,
    arrival_ms: np.ndarray,
    rng: np.random.Generator,
) -> list[Path]:
    """``<folder>/year=/month=/day=/<firehose name>`` of each file (folders created)."""
    file_ids = random_uuids(rng, len(first_rows)).to_pylist()
    epoch = dt.date(1970, 1, 1)
    paths = []
    for row, file_id in zip(first_rows.tolist(), file_ids, strict=True):
        day = epoch + dt.timedelta(days=int(partition_ms[row] // DAY_MS))
        target = folder / f"year={day:%Y}" / f"month={day:%m}" / f"day={day:%d}"
        paths.append(target / _firehose_name(stream, int(arrival_ms[row]), file_id))
    for target in {p.parent for p in paths}:
        target.mkdir(parents=True, exist_ok=True)
    return paths


def _render(sql: str, table: pa.Table) -> pa.Array:
    """The single column ``sql`` computes over ``table`` (as ``rows``), in row order.

    One single-threaded connection per call: callers run several in parallel, which is
    faster than one multi-threaded query that has to preserve insertion order.
    """
    con = duckdb.connect(config={"threads": 1})
    try:
        con.register("rows", table)
        return con.execute(sql).to_arrow_table().column(0).combine_chunks()
    finally:
        con.close()


def _render_chunk(sql: str, table: pa.Table, row_bounds: np.ndarray, paths: list[Path]) -> None:
    """Render ``table`` to JSON lines and write rows [b_i, b_i+1) to ``paths[i]``."""
    lines = _render(sql, table)
    if not pa.types.is_string(lines.type):
        lines = lines.cast(pa.large_string())
    width = np.int32 if pa.types.is_string(lines.type) else np.int64
    offsets = np.frombuffer(lines.buffers()[1], dtype=width)[lines.offset :]
    data = memoryview(lines.buffers()[2])
    for path, a, b in zip(paths, row_bounds[:-1], row_bounds[1:], strict=True):
        path.write_bytes(data[offsets[a] : offsets[b]])


def _write_files(
    folder: Path,
    stream: str,
    sql: str,
    build: Callable[[np.ndarray], pa.Table],
    partition_ms: np.ndarray,
    arrival_ms: np.ndarray,
    rng: np.random.Generator,
) -> int:
    """Render rows to NDJSON with ``sql`` (over table ``rows``) and write Firehose files.

    Chunks of ~JSON_CHUNK_ROWS rows (whole files) render in parallel.
    """
    order, starts = _file_groups(partition_ms, arrival_ms)
    paths = _file_paths(folder, stream, order[starts], partition_ms, arrival_ms, rng)
    bounds = np.append(starts, len(order))
    chunk_starts = [0]
    while chunk_starts[-1] < len(starts):
        limit = bounds[chunk_starts[-1]] + JSON_CHUNK_ROWS
        stop = int(np.searchsorted(starts, limit, side="right"))
        chunk_starts.append(max(stop, chunk_starts[-1] + 1))

    def run(begin: int, stop: int) -> None:
        rows = order[bounds[begin] : bounds[stop]]
        _render_chunk(sql, build(rows), bounds[begin : stop + 1] - bounds[begin], paths[begin:stop])

    with ThreadPoolExecutor(max_workers=WRITER_THREADS) as pool:
        for future in [pool.submit(run, a, b) for a, b in itertools.pairwise(chunk_starts)]:
            future.result()
    return len(order)


def _ts(column: str, fmt: str) -> str:
    """SQL formatting the epoch-ms ``column`` as a UTC timestamp string."""
    return f"strftime(epoch_ms({column}), '{fmt}')"


CTR_SQL = f"""
select to_json({{
    'AWSAccountId': '{ACCOUNT_ID}',
    'AWSContactTraceRecordFormatVersion': '{CTR_FORMAT_VERSION}',
    'InstanceARN': instance_arn,
    'ContactId': contact_id,
    'InitialContactId': initial_contact_id,
    'PreviousContactId': previous_contact_id,
    'NextContactId': next_contact_id,
    'Channel': channel,
    'InitiationMethod': initiation_method,
    'InitiationTimestamp': {_ts("initiation_ms", CTR_TS)},
    'ConnectedToSystemTimestamp': {_ts("system_ms", CTR_TS)},
    'DisconnectTimestamp': {_ts("disconnect_ms", CTR_TS)},
    'LastUpdateTimestamp': {_ts("last_update_ms", CTR_TS)},
    'CustomerEndpoint': case when customer_address is not null
        then {{'Address': customer_address, 'Type': 'TELEPHONE_NUMBER'}} end,
    'SystemEndpoint': case when system_address is not null
        then {{'Address': system_address, 'Type': 'TELEPHONE_NUMBER'}} end,
    'Agent': case when agent_arn is not null then {{
        'ARN': agent_arn,
        'Username': agent_username,
        'ConnectedToAgentTimestamp': {_ts("connected_ms", CTR_TS)},
        'AgentInteractionDuration': interaction_s,
        'AfterContactWorkDuration': acw_s,
        'CustomerHoldDuration': hold_s,
        'LongestHoldDuration': longest_hold_s,
        'NumberOfHolds': holds,
        'RoutingProfile': {{'ARN': profile_arn, 'Name': profile_name}}
    }} end,
    'AgentConnectionAttempts': attempts,
    'Queue': {{
        'ARN': queue_arn,
        'Name': queue_name,
        'EnqueueTimestamp': {_ts("enqueue_ms", CTR_TS)},
        'DequeueTimestamp': {_ts("dequeue_ms", CTR_TS)},
        'Duration': queue_s
    }},
    'Attributes': map_from_entries(list_filter([
        {{'key': 'customerId', 'value': customer_id}},
        {{'key': 'intent', 'value': intent}},
        {{'key': 'language', 'value': language}},
        {{'key': 'postCallSurveyScore', 'value': survey}}
    ], e -> e.value is not null)),
    'DisconnectReason': disconnect_reason,
    'MediaStreams': list_filter([{{'Type': media}}], m -> m.Type is not null),
    'Recording': case when channel = 'VOICE' and agent_arn is not null then {{
        'Location': '{RECORDING_BUCKET}/CallRecordings/'
            || strftime(epoch_ms(initiation_ms), '%Y/%m/%d/') || contact_id || '_'
            || strftime(epoch_ms(disconnect_ms), '%Y%m%dT%H:%M') || '_UTC.wav',
        'Status': 'AVAILABLE',
        'Type': 'AUDIO',
        'DeletionReason': null::varchar
    }} end
}}) || chr(10) as line
from rows
"""


@dataclass(frozen=True)
class _CtrRows:
    """One entry per delivered CTR line: the contact, its LastUpdateTimestamp and survey."""

    contact: np.ndarray
    last_update_ms: np.ndarray
    survey: np.ndarray  # -1 none, else score 1..5


def _redeliveries(c: _Contacts, rng: np.random.Generator) -> _CtrRows:
    """Every record once, plus ~3 % delivered again later, mostly with a survey score."""
    n = len(c.channel)
    again = np.sort(rng.choice(n, size=round(REDELIVERY_SHARE * n), replace=False))
    later = c.last_update_ms[again] + rng.integers(300, 3 * 3600, len(again)) * SECOND_MS
    survey = np.where(
        rng.random(len(again)) < SURVEY_ON_REDELIVERY_SHARE, rng.integers(1, 6, len(again)), -1
    )
    return _CtrRows(
        contact=np.concatenate([np.arange(n), again]),
        last_update_ms=np.concatenate([c.last_update_ms, later]),
        survey=np.concatenate([np.full(n, -1), survey]),
    )


@dataclass(frozen=True)
class _Strings:
    """String pools shared by both feeds."""

    contact_ids: pa.Array
    unknown_numbers: pa.Array
    phones: pa.Array
    crm_ids: pa.Array


def _ctr_table(
    rows: np.ndarray, r: _CtrRows, c: _Contacts, who: _Callers, d: _Directory, s: _Strings
) -> pa.Table:
    """Flat columns for CTR lines ``rows`` (indices into ``r``)."""
    k = r.contact[rows]
    agent = c.agent[k]
    profile = np.where(agent >= 0, d.agent_profile[np.maximum(agent, 0)], -1)
    hold_s = c.hold_s[k]
    voice = c.channel[k] == VOICE
    unknown = who.unknown_number[k]
    customer = np.where(voice & (unknown < 0), who.customer[k], -1)
    enqueue = c.enqueue_ms[k]
    dequeue = c.dequeue_ms[k]
    return pa.table(
        {
            "instance_arn": pa.array([d.instance_arn] * len(rows)),
            "contact_id": _pick(s.contact_ids, k),
            "initial_contact_id": _pick(s.contact_ids, c.initial[k]),
            "previous_contact_id": _pick(s.contact_ids, c.previous[k]),
            "next_contact_id": _pick(s.contact_ids, c.next[k]),
            "channel": _pick(_POOLS["CHANNELS"], c.channel[k]),
            "initiation_method": _pick(_POOLS["METHODS"], c.method[k]),
            "initiation_ms": c.initiation_ms[k],
            "system_ms": c.system_ms[k],
            "disconnect_ms": c.disconnect_ms[k],
            "last_update_ms": r.last_update_ms[rows],
            "customer_address": pc.if_else(
                pa.array(voice & (unknown >= 0)),
                _pick(s.unknown_numbers, unknown),
                _pick(s.phones, customer),
            ),
            "system_address": _pick(_POOLS["SYSTEM_NUMBERS"], np.where(voice, c.queue[k], -1)),
            "agent_arn": _pick(d.agent_arns, agent),
            "agent_username": _pick(d.usernames, agent),
            "connected_ms": _nullable(c.connected_ms[k] // SECOND_MS * SECOND_MS, agent < 0),
            "interaction_s": c.talk_s[k],
            "acw_s": c.acw_s[k],
            "hold_s": hold_s.sum(axis=1),
            "longest_hold_s": hold_s.max(axis=1),
            "holds": (hold_s > 0).sum(axis=1),
            "profile_arn": _pick(d.profile_arns, profile),
            "profile_name": _pick(_POOLS["PROFILES"], profile),
            "attempts": c.attempts[k],
            "queue_arn": _pick(d.queue_arns, c.queue[k]),
            "queue_name": _pick(_POOLS["QUEUES"], c.queue[k]),
            "enqueue_ms": _nullable(enqueue, enqueue < 0),
            "dequeue_ms": _nullable(dequeue, dequeue < 0),
            "queue_s": np.where(enqueue < 0, 0, (dequeue - enqueue) // SECOND_MS),
            "customer_id": _pick(
                s.crm_ids, np.where(who.customer_id_attribute[k], who.customer[k], -1)
            ),
            "intent": _pick(_POOLS["QUEUE_INTENTS"], who.intent[k]),
            "language": _pick(_POOLS["LANGUAGES"], who.language[k]),
            "survey": pc.cast(_nullable(r.survey[rows], r.survey[rows] < 0), pa.string()),
            "disconnect_reason": _pick(_POOLS["DISCONNECT_REASONS"], c.reason[k]),
            "media": _pick(
                _POOLS["MEDIA_STREAMS"], np.where(c.channel[k] == TASK, -1, c.channel[k])
            ),
        }
    )


# ---------------------------------------------------------------------------------------------
# Agent events
# ---------------------------------------------------------------------------------------------


@dataclass
class _EventRows:
    """One entry per agent event; ``status``/``contact``/``state`` -1 = inherit / none."""

    shift: np.ndarray
    t_ms: np.ndarray
    event_type: np.ndarray
    seq: np.ndarray
    status: np.ndarray
    status_start_ms: np.ndarray
    contact: np.ndarray
    state: np.ndarray

    @staticmethod
    def make(
        shift: np.ndarray,
        t_ms: np.ndarray,
        event_type: int,
        status: int = -1,
        contact: np.ndarray | None = None,
        state: int = -1,
        seq: int = 1,
    ) -> _EventRows:
        """Rows of one event kind; times are also the status start (used if ``status``)."""
        n = len(shift)
        return _EventRows(
            shift=shift,
            t_ms=t_ms,
            event_type=np.full(n, event_type, dtype=np.int8),
            seq=np.full(n, seq, dtype=np.int8),
            status=np.full(n, status, dtype=np.int8),
            status_start_ms=t_ms.copy(),
            contact=np.full(n, -1, dtype=np.int64) if contact is None else contact,
            state=np.full(n, state, dtype=np.int8),
        )

    @staticmethod
    def concat(parts: list[_EventRows]) -> _EventRows:
        """The rows of ``parts``, one after the other."""
        fields = _EventRows.__dataclass_fields__
        return _EventRows(**{f: np.concatenate([getattr(p, f) for p in parts]) for f in fields})

    def take(self, idx: np.ndarray) -> _EventRows:
        """The rows at ``idx``."""
        return _EventRows(**{f: getattr(self, f)[idx] for f in _EventRows.__dataclass_fields__})


def _shift_events(shifts: _Shifts, layout: _Layout) -> list[_EventRows]:
    """LOGIN, Available, Break/Lunch and back, LOGOUT for every shift."""
    n = np.arange(len(shifts.agent))
    make = _EventRows.make
    return [
        make(n, shifts.login_ms, LOGIN, status=OFFLINE, seq=0),
        make(n, layout.available_ms, STATE_CHANGE, status=AVAILABLE),
        make(n, layout.break_start_ms[:, 0], STATE_CHANGE, status=BREAK),
        make(n, layout.break_end_ms[:, 0], STATE_CHANGE, status=AVAILABLE),
        make(n, layout.break_start_ms[:, 1], STATE_CHANGE, status=LUNCH),
        make(n, layout.break_end_ms[:, 1], STATE_CHANGE, status=AVAILABLE),
        make(n, layout.logout_ms, LOGOUT, status=OFFLINE, seq=2),
    ]


def _contact_events(c: _Contacts) -> list[_EventRows]:
    """The contact-state STATE_CHANGE events of every handled contact."""
    h = np.flatnonzero(c.handled)
    make = _EventRows.make
    connected = c.connected_ms[h]
    parts = [
        make(c.shift[h], c.offer_ms[h], STATE_CHANGE, contact=h, state=CONNECTING),
        make(c.shift[h], connected, STATE_CHANGE, contact=h, state=CONNECTED),
    ]
    for k in range(3):
        on = c.hold_s[h, k] > 0
        start = connected[on] + c.hold_offset_s[h[on], k] * SECOND_MS
        parts.append(
            make(c.shift[h[on]], start, STATE_CHANGE, contact=h[on], state=CONNECTED_ONHOLD)
        )
        end = start + c.hold_s[h[on], k] * SECOND_MS
        parts.append(make(c.shift[h[on]], end, STATE_CHANGE, contact=h[on], state=CONNECTED))
    disconnect = connected + (c.talk_s[h] + c.hold_s[h].sum(axis=1)) * SECOND_MS
    parts.append(make(c.shift[h], disconnect, STATE_CHANGE, contact=h, state=ENDED))
    parts.append(make(c.shift[h], c.acw_end_ms[h], STATE_CHANGE))
    return parts


def _sorted(ev: _EventRows) -> _EventRows:
    """Events ordered by shift, time, and LOGIN first / LOGOUT last on ties."""
    return ev.take(np.lexsort((ev.seq, ev.t_ms, ev.shift)))


def _inherit_status(ev: _EventRows) -> None:
    """Events that do not change the agent status carry the one in force (in place)."""
    source = np.maximum.accumulate(np.where(ev.status >= 0, np.arange(len(ev.status)), 0))
    ev.status = ev.status[source]
    ev.status_start_ms = ev.status_start_ms[source]


def _heartbeats(ev: _EventRows) -> _EventRows:
    """HEART_BEAT every 120 s of silence while the agent has no contact (a few per gap)."""
    nxt = np.arange(1, len(ev.t_ms) + 1).clip(max=len(ev.t_ms) - 1)
    gap = ev.t_ms[nxt] - ev.t_ms
    quiet = (ev.contact < 0) & (ev.event_type != LOGOUT) & (ev.shift[nxt] == ev.shift)
    count = np.where(quiet, np.clip((gap - 1) // HEARTBEAT_MS, 0, MAX_HEARTBEATS_PER_GAP), 0)
    source = np.repeat(np.arange(len(count)), count)
    beats = ev.take(source)
    beats.t_ms = beats.t_ms + (position_in_segment(count) + 1) * HEARTBEAT_MS
    beats.event_type = np.full(len(source), HEART_BEAT, dtype=np.int8)
    beats.seq = np.ones(len(source), dtype=np.int8)
    return beats


def _agent_events(shifts: _Shifts, layout: _Layout, c: _Contacts) -> _EventRows:
    """All agent events, sorted by shift and time, heartbeats included."""
    ev = _sorted(_EventRows.concat(_shift_events(shifts, layout) + _contact_events(c)))
    _inherit_status(ev)
    return _sorted(_EventRows.concat([ev, _heartbeats(ev)]))


def _snapshot_sql(p: str) -> str:
    """The AgentSnapshot struct built from the ``<p>_*`` columns and the configuration."""
    return f"""{{
        'AgentStatus': {{
            'ARN': {p}_status_arn,
            'Name': {p}_status_name,
            'StartTimestamp': {_ts(p + "_status_start_ms", EVENT_TS)},
            'Type': {p}_status_type
        }},
        'Configuration': {{
            'Username': username,
            'FirstName': first_name,
            'LastName': last_name,
            'RoutingProfile': {{'ARN': profile_arn, 'Name': profile_name}}
        }},
        'Contacts': list_filter([{{
            'ContactId': {p}_contact_id,
            'InitialContactId': {p}_initial_contact_id,
            'Channel': {p}_channel,
            'InitiationMethod': {p}_method,
            'State': {p}_state,
            'StateStartTimestamp': {_ts(p + "_state_start_ms", EVENT_TS)},
            'ConnectedToAgentTimestamp': {_ts(p + "_connected_ms", EVENT_TS)},
            'QueueTimestamp': {_ts(p + "_queue_ms", EVENT_TS)},
            'Queue': {{'ARN': {p}_queue_arn, 'Name': {p}_queue_name}}
        }}], x -> x.ContactId is not null)
    }}"""


AGENT_EVENT_SQL = f"""
select to_json({{
    'AWSAccountId': '{ACCOUNT_ID}',
    'AgentARN': agent_arn,
    'InstanceARN': instance_arn,
    'EventId': event_id,
    'EventTimestamp': {_ts("event_ms", EVENT_TS)},
    'EventType': event_type,
    'Version': '{AGENT_EVENT_VERSION}',
    'CurrentAgentSnapshot': {_snapshot_sql("cur")},
    'PreviousAgentSnapshot': case when has_previous then {_snapshot_sql("prev")} end
}}) || chr(10) as line
from rows
"""


def _snapshot_columns(
    p: str, i: np.ndarray, ev: _EventRows, c: _Contacts, d: _Directory, s: _Strings
) -> dict[str, pa.Array]:
    """Columns ``<p>_*`` of the agent snapshot after each event ``i``."""
    status = ev.status[i].astype(np.int64)
    k = ev.contact[i]
    has = k >= 0
    kk = np.maximum(k, 0)
    connected = np.where(has & (ev.state[i] != CONNECTING), c.connected_ms[kk], -1)
    queue_ms = np.where(has, c.enqueue_ms[kk], -1)
    queue = np.where(has, c.queue[kk], -1)
    return {
        f"{p}_status_arn": _pick(d.status_arns, status),
        f"{p}_status_name": _pick(_POOLS["STATUS_NAMES"], status),
        f"{p}_status_type": _pick(_POOLS["STATUS_TYPES"], status),
        f"{p}_status_start_ms": ev.status_start_ms[i],
        f"{p}_contact_id": _pick(s.contact_ids, k),
        f"{p}_initial_contact_id": _pick(s.contact_ids, np.where(has, c.initial[kk], -1)),
        f"{p}_channel": _pick(_POOLS["CHANNELS"], np.where(has, c.channel[kk], -1)),
        f"{p}_method": _pick(_POOLS["METHODS"], np.where(has, c.method[kk], -1)),
        f"{p}_state": _pick(_POOLS["CONTACT_STATES"], ev.state[i].astype(np.int64)),
        f"{p}_state_start_ms": _nullable(ev.t_ms[i], ~has),
        f"{p}_connected_ms": _nullable(connected, connected < 0),
        f"{p}_queue_ms": _nullable(queue_ms, queue_ms < 0),
        f"{p}_queue_arn": _pick(d.queue_arns, queue),
        f"{p}_queue_name": _pick(_POOLS["QUEUES"], queue),
    }


def _event_table(
    rows: np.ndarray,
    ev: _EventRows,
    event_ids: pa.Array,
    shifts: _Shifts,
    c: _Contacts,
    d: _Directory,
    s: _Strings,
) -> pa.Table:
    """Flat columns for agent event lines ``rows`` (indices into ``ev``).

    The previous snapshot of an event is the current snapshot of the agent's event before
    it: row ``rows - 1`` of the same shift (none for a LOGIN).
    """
    agent = shifts.agent[ev.shift[rows]]
    profile = d.agent_profile[agent]
    previous = np.maximum(rows - 1, 0)
    has_previous = (ev.event_type[rows] != LOGIN) & (ev.shift[previous] == ev.shift[rows])
    columns = {
        "agent_arn": _pick(d.agent_arns, agent),
        "instance_arn": pa.array([d.instance_arn] * len(rows)),
        "event_id": event_ids.take(pa.array(rows)),
        "event_ms": ev.t_ms[rows],
        "event_type": _pick(_POOLS["EVENT_TYPES"], ev.event_type[rows].astype(np.int64)),
        "username": _pick(d.usernames, agent),
        "first_name": _pick(d.first_names, agent),
        "last_name": _pick(d.last_names, agent),
        "profile_arn": _pick(d.profile_arns, profile),
        "profile_name": _pick(_POOLS["PROFILES"], profile),
        "has_previous": has_previous,
    }
    columns |= _snapshot_columns("cur", rows, ev, c, d, s)
    columns |= _snapshot_columns("prev", previous, ev, c, d, s)
    return pa.table(columns)


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def _strings(
    c: _Contacts, who: _Callers, customers: pa.Table, rng: np.random.Generator
) -> _Strings:
    """Contact ids, unknown callers' numbers and the customers' phones and CRM ids."""
    n_unknown = int((who.unknown_number >= 0).sum())
    phones = customers.column("phone_e164").combine_chunks().cast(pa.string())
    return _Strings(
        contact_ids=random_uuids(rng, len(c.channel)),
        unknown_numbers=_unknown_numbers(n_unknown, phones, rng),
        phones=phones,
        crm_ids=customers.column("crm_contact_id").combine_chunks().cast(pa.string()),
    )


def write_contact_center(
    customers: pa.Table,
    lake_root: Path,
    rng: np.random.Generator,
    start: dt.date,
    days: int,
) -> dict[str, int]:
    """Write ``raw/connect/contact_records`` and ``raw/connect/agent_events``; return rows."""
    connect = Path(lake_root) / "raw" / "connect"
    midnights = _local_midnights_ms(start, days)
    handled, abandoned = _daily_volume(customers.num_rows, rng, start, days)
    shifts, n_agents = _schedule_shifts(handled, midnights, rng)
    directory = _build_directory(n_agents, rng)
    contacts, layout = _handled_contacts(shifts, directory, rng)
    contacts = _concat_contacts(contacts, _abandoned_contacts(abandoned, midnights, rng))
    _pair_transfers(contacts, rng)
    callers = _assign_callers(contacts, customers, rng)
    strings = _strings(contacts, callers, customers, rng)

    ctr = _redeliveries(contacts, rng)
    n_ctr = _write_files(
        connect / "contact_records",
        CTR_STREAM,
        CTR_SQL,
        lambda rows: _ctr_table(rows, ctr, contacts, callers, directory, strings),
        contacts.initiation_ms[ctr.contact],
        ctr.last_update_ms + rng.integers(1, 60, len(ctr.contact)) * SECOND_MS,
        rng,
    )
    events = _agent_events(shifts, layout, contacts)
    event_ids = random_uuids(rng, len(events.t_ms))
    n_events = _write_files(
        connect / "agent_events",
        AGENT_EVENT_STREAM,
        AGENT_EVENT_SQL,
        lambda rows: _event_table(rows, events, event_ids, shifts, contacts, directory, strings),
        events.t_ms,
        events.t_ms + rng.integers(200, 5_000, len(events.t_ms)),
        rng,
    )
    return {CTR_FEED: n_ctr, AGENT_EVENT_FEED: n_events}
