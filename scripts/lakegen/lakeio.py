"""Writing a profile feed: row order, deliberate contract breaks, Parquet files, truth rows.

Rows are grouped by load date (`load_date=YYYY-MM-DD` Hive partitions, one
`part-NNNNN.parquet` per million rows) and shuffled within it, so file order says nothing
about who is who.

Bad rows (`--bad-row-rate`) break the feed contract on purpose, by mangling real rows:

* `missing_key`: the key is null (or `""` for string keys). Only a superseded first version
  of a record, or a customer's second record in the system, is mangled this way, so every
  customer keeps at least one readable record. If a record has no other row, its id is gone
  from the lake and therefore from `_truth/source_records.parquet`.
* `unparseable_timestamp` (string timestamps: CRM, shipping, Connect): `not a date`,
  `2026-13-45T99:00:00Z`...
* `missing_timestamp` (typed timestamps: billing epoch ms, ticketing `timestamp`): null.

Rows with an unparseable or missing timestamp keep their id, and that id stays in
`source_records.parquet`: they are real records whose export got mangled.
`_truth/bad_rows.parquet` lists every bad row with its feed, id (null for `missing_key`),
kind, the Parquet file (relative to the lake root), its 0-based row number in that file and
the true customer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from lakegen.population import Population
from lakegen.records import Calendar, SystemPlan
from lakegen.vec import STR, int_str

MAX_ROWS_PER_FILE = 1_000_000
ROW_GROUP_SIZE = 250_000
BAD_ROWS_SCHEMA = pa.schema(
    [
        ("feed", pa.string()),
        ("source_record_id", pa.string()),
        ("kind", pa.string()),
        ("file", pa.string()),
        ("row_number", pa.int64()),
        ("customer_id", pa.string()),
    ]
)


@dataclass(frozen=True)
class FeedSpec:
    """Where a feed lives and which columns its contract requires."""

    feed: str  # e.g. crm__contacts
    system: str
    path: str  # under raw/
    key: str
    timestamp: str
    bad_timestamps: tuple[str, ...]  # empty: a typed timestamp, broken by nulling it


@dataclass(frozen=True)
class WrittenFeed:
    """What `write_feed` wrote."""

    rows: int
    files: int
    present: np.ndarray  # per record: its id is still readable in the lake
    bad_rows: pa.Table


@dataclass(frozen=True)
class _Bad:
    positions: np.ndarray  # sorted row positions in the written order
    missing_key: np.ndarray  # per position: key broken (else timestamp)


def write_feed(
    spec: FeedSpec,
    table: pa.Table,
    plan: SystemPlan,
    calendar: Calendar,
    lake_root: Path,
    pop: Population,
    rng: np.random.Generator,
    bad_rate: float,
) -> WrittenFeed:
    """Order, mangle and write one feed; return what truth needs."""
    order = np.lexsort((rng.random(plan.rows), plan.row_load))
    table = table.take(pa.array(order))
    load, rec = plan.row_load[order], plan.row_rec[order]
    version = plan.row_version[order]
    bad = _choose_bad_rows(rng, rec, version, plan, bad_rate)
    table = _break_rows(table, spec, bad, rng)
    file_of_row, row_number, files = _layout(load, calendar, spec)
    for k, rel in enumerate(files):
        rows = np.flatnonzero(file_of_row == k)
        chunk = table.slice(int(rows[0]), len(rows)) if len(rows) else table.schema.empty_table()
        path = lake_root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(chunk, path, compression="zstd", row_group_size=ROW_GROUP_SIZE)
    present = np.zeros(plan.records, dtype=bool)
    readable = np.ones(len(rec), dtype=bool)
    readable[bad.positions[bad.missing_key]] = False
    present[rec[readable]] = True
    bad_table = _bad_rows_table(spec, plan, pop, rec, bad, files, file_of_row, row_number)
    return WrittenFeed(len(order), len(files), present, bad_table)


def _choose_bad_rows(
    rng: np.random.Generator,
    rec: np.ndarray,
    version: np.ndarray,
    plan: SystemPlan,
    rate: float,
) -> _Bad:
    n = len(rec)
    count = int(rng.binomial(n, rate)) if rate > 0 and n else 0
    rows_per_record = np.bincount(rec, minlength=plan.records)
    spare = (version == 0) & ((rows_per_record[rec] > 1) | plan.is_dup[rec])
    candidates = np.flatnonzero(spare)
    n_key = min(int(rng.binomial(count, 0.5)), len(candidates))
    key_rows = rng.choice(candidates, size=n_key, replace=False)
    free = np.ones(n, dtype=bool)
    free[key_rows] = False
    others = np.flatnonzero(free)
    ts_rows = rng.choice(others, size=min(count - n_key, len(others)), replace=False)
    positions = np.concatenate([key_rows, ts_rows]).astype(np.int64)
    is_key = np.r_[np.ones(n_key, bool), np.zeros(len(ts_rows), bool)]
    order = np.argsort(positions)
    return _Bad(positions[order], is_key[order])


def _break_rows(table: pa.Table, spec: FeedSpec, bad: _Bad, rng: np.random.Generator) -> pa.Table:
    key_pos = bad.positions[bad.missing_key]
    ts_pos = bad.positions[~bad.missing_key]
    key_type = table.schema.field(spec.key).type
    if key_type == pa.string():
        empty = rng.random(len(key_pos)) < 0.4
        key_values = pa.array(np.where(empty, "", "x").astype(STR), mask=~empty)
    else:
        key_values = pa.nulls(len(key_pos), key_type)
    ts_type = table.schema.field(spec.timestamp).type
    if spec.bad_timestamps:
        choices = np.array(spec.bad_timestamps, dtype=STR)
        ts_values = pa.array(choices[rng.integers(0, len(choices), len(ts_pos))], pa.string())
    else:
        ts_values = pa.nulls(len(ts_pos), ts_type)
    table = _replace(table, spec.key, key_pos, key_values)
    return _replace(table, spec.timestamp, ts_pos, ts_values)


def _replace(table: pa.Table, column: str, positions: np.ndarray, values: pa.Array) -> pa.Table:
    if len(positions) == 0:
        return table
    mask = np.zeros(table.num_rows, dtype=bool)
    mask[positions] = True
    col = table.column(column).combine_chunks()
    new = pc.replace_with_mask(col, pa.array(mask), values.cast(col.type))
    return table.set_column(table.schema.get_field_index(column), column, new)


def _layout(
    load: np.ndarray, calendar: Calendar, spec: FeedSpec
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """File index and row number of every (sorted) row, and the relative file paths."""
    file_of_row = np.zeros(len(load), dtype=np.int64)
    row_number = np.zeros(len(load), dtype=np.int64)
    files: list[str] = []
    for k, day in enumerate(calendar.load_dates):
        rows = np.flatnonzero(load == k)
        parts = max(1, -(-len(rows) // MAX_ROWS_PER_FILE))
        within = np.arange(len(rows))
        file_of_row[rows] = len(files) + within // MAX_ROWS_PER_FILE
        row_number[rows] = within % MAX_ROWS_PER_FILE
        partition = f"raw/{spec.path}/load_date={day.isoformat()}"
        files.extend(f"{partition}/part-{j:05d}.parquet" for j in range(parts))
    return file_of_row, row_number, files


def _bad_rows_table(
    spec: FeedSpec,
    plan: SystemPlan,
    pop: Population,
    rec: np.ndarray,
    bad: _Bad,
    files: list[str],
    file_of_row: np.ndarray,
    row_number: np.ndarray,
) -> pa.Table:
    pos = bad.positions
    ids = id_strings(plan.record_id[rec[pos]])
    return pa.table(
        {
            "feed": pa.array(np.full(len(pos), spec.feed, dtype=STR), pa.string()),
            "source_record_id": pa.array(ids, pa.string(), mask=bad.missing_key),
            "kind": pa.array(
                np.where(
                    bad.missing_key,
                    "missing_key",
                    "unparseable_timestamp" if spec.bad_timestamps else "missing_timestamp",
                ),
                pa.string(),
            ),
            "file": pa.array(np.array(files, dtype=object)[file_of_row[pos]], pa.string()),
            "row_number": pa.array(row_number[pos], pa.int64()),
            "customer_id": pa.array(pop.customer_id[plan.cust[rec[pos]]], pa.string()),
        },
        schema=BAD_ROWS_SCHEMA,
    )


def id_strings(ids: np.ndarray) -> np.ndarray:
    """Record ids as strings (shipping's integer ids in decimal)."""
    return ids if ids.dtype == STR else int_str(ids)


def source_records(
    spec: FeedSpec, plan: SystemPlan, pop: Population, present: np.ndarray
) -> pa.Table:
    """Truth rows (`source_system`, `source_record_id`, `customer_id`) of readable records."""
    keep = np.flatnonzero(present)
    ids = id_strings(plan.record_id[keep])
    return pa.table(
        {
            "source_system": pa.array(np.full(len(keep), spec.system, dtype=STR), pa.string()),
            "source_record_id": pa.array(ids, pa.string()),
            "customer_id": pa.array(pop.customer_id[plan.cust[keep]], pa.string()),
        }
    )
