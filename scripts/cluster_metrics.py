"""Pairwise and B-cubed precision, recall and F1 of a clustering against ground truth.

Both inputs are relations of (record_id, cluster label) held by a DuckDB connection; only
records present in both are scored. Pairwise counts the record pairs put together; B-cubed
averages, per record, how much of its predicted cluster is truly its own and how much of its
true cluster was found.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class ClusterScores:
    """Scores of one clustering."""

    records: int
    precision: float
    recall: float
    f1: float
    b3_precision: float
    b3_recall: float
    b3_f1: float


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_clusters(con: duckdb.DuckDBPyConnection, predicted: str, truth: str) -> ClusterScores:
    """Score ``predicted`` against ``truth``: each a relation with columns (record_id, label)."""
    row = con.sql(
        f"""
        with joined as (
            select p.record_id, p.label as predicted, t.label as actual
            from ({predicted}) as p
            inner join ({truth}) as t on p.record_id = t.record_id
        ),
        predicted_sizes as (select predicted, count(*) as n from joined group by predicted),
        actual_sizes as (select actual, count(*) as n from joined group by actual),
        shared as (select predicted, actual, count(*) as n from joined group by all),
        per_record as (
            select
                o.n * o.n * 1.0 / p.n as b3_precision_part,
                o.n * o.n * 1.0 / a.n as b3_recall_part
            from shared as o
            inner join predicted_sizes as p on o.predicted = p.predicted
            inner join actual_sizes as a on o.actual = a.actual
        )
        select
            (select count(*) from joined),
            (select sum(n * (n - 1) / 2) from predicted_sizes),
            (select sum(n * (n - 1) / 2) from actual_sizes),
            (select sum(n * (n - 1) / 2) from shared),
            (select sum(b3_precision_part) from per_record),
            (select sum(b3_recall_part) from per_record)
        """
    ).fetchone()
    assert row is not None
    records, predicted_pairs, actual_pairs, true_pairs, b3_p, b3_r = (float(v or 0) for v in row)
    precision = true_pairs / predicted_pairs if predicted_pairs else 1.0
    recall = true_pairs / actual_pairs if actual_pairs else 1.0
    b3_precision = b3_p / records if records else 0.0
    b3_recall = b3_r / records if records else 0.0
    return ClusterScores(
        records=int(records),
        precision=precision,
        recall=recall,
        f1=_f1(precision, recall),
        b3_precision=b3_precision,
        b3_recall=b3_recall,
        b3_f1=_f1(b3_precision, b3_recall),
    )
