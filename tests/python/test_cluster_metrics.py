import duckdb
import pytest
from cluster_metrics import score_clusters


def _values(rows: list[tuple[str, str]]) -> str:
    body = ", ".join(f"('{record}', '{label}')" for record, label in rows)
    return f"select * from (values {body}) as v (record_id, label)"


def test_perfect_clustering_scores_one() -> None:
    con = duckdb.connect()
    rows = [("a", "1"), ("b", "1"), ("c", "2")]
    scores = score_clusters(con, _values(rows), _values(rows))
    assert (scores.precision, scores.recall, scores.f1, scores.b3_f1) == (1.0, 1.0, 1.0, 1.0)


def test_over_merge_costs_precision_not_recall() -> None:
    con = duckdb.connect()
    truth = [("a", "1"), ("b", "1"), ("c", "2"), ("d", "2")]
    merged = [("a", "x"), ("b", "x"), ("c", "x"), ("d", "x")]
    scores = score_clusters(con, _values(merged), _values(truth))
    # 6 predicted pairs, 2 true ones, both found
    assert scores.precision == pytest.approx(2 / 6)
    assert scores.recall == 1.0
    assert scores.b3_precision == pytest.approx(0.5)
    assert scores.b3_recall == 1.0


def test_split_costs_recall_not_precision() -> None:
    con = duckdb.connect()
    truth = [("a", "1"), ("b", "1"), ("c", "1")]
    split = [("a", "x"), ("b", "x"), ("c", "y")]
    scores = score_clusters(con, _values(split), _values(truth))
    assert scores.precision == 1.0
    assert scores.recall == pytest.approx(1 / 3)
    assert scores.b3_recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
