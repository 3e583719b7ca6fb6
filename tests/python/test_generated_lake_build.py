"""dbt build on a lake made by the generator: the staging contracts catch exactly the bad rows
the generator injected, every source record of the truth is staged or quarantined, and the
first matcher links records without merging households."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml
from cluster_metrics import score_clusters
from dbt_runner import REPO, query, run_dbt

CUSTOMERS = 1500


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    lake = tmp_path_factory.mktemp("generated") / "lake"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts/generate_lake.py"),
            "--lake-root",
            str(lake),
            "--customers",
            str(CUSTOMERS),
            "--seed",
            "7",
            "--bad-row-rate",
            "0.01",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    database = tmp_path_factory.mktemp("warehouse") / "customer_360.duckdb"
    result = run_dbt(["build"], lake, database)
    assert result.returncode == 0, result.stdout[-4000:]
    return lake, database


def test_quarantine_holds_exactly_the_injected_bad_rows(built: tuple[Path, Path]) -> None:
    lake, database = built
    injected = duckdb.sql(
        f"select feed, file, row_number + 1 from '{lake}/_truth/bad_rows.parquet'"
    ).fetchall()
    quarantined = query(
        database, "select feed, file_name, row_in_file from audit.audit_quarantined_rows"
    )
    assert injected, "the generator injected no bad rows"
    found = {(feed, str(Path(name).relative_to(lake)), row) for feed, name, row in quarantined}
    assert found == set(injected)


def test_every_true_source_record_is_staged_or_quarantined(built: tuple[Path, Path]) -> None:
    lake, database = built
    with duckdb.connect(str(database), read_only=True) as con:
        missing = con.sql(
            f"""
            select t.source_system, t.source_record_id
            from '{lake}/_truth/source_records.parquet' as t
            left join marts.fct_identity_graph as g
                on t.source_system = g.source_system and t.source_record_id = g.source_record_id
            left join audit.audit_quarantined_rows as q
                on t.source_record_id = q.source_record_id
            where g.source_record_id is null and q.source_record_id is null
            """
        ).fetchall()
        extra = con.sql(
            f"""
            select g.profile_record_id
            from marts.fct_identity_graph as g
            anti join '{lake}/_truth/source_records.parquet' as t
                on t.source_system = g.source_system and t.source_record_id = g.source_record_id
            """
        ).fetchall()
    assert missing == []
    assert extra == []


def test_matcher_quality_on_generated_data(built: tuple[Path, Path]) -> None:
    lake, database = built
    with duckdb.connect(str(database), read_only=True) as con:
        scores = score_clusters(
            con,
            "select profile_record_id as record_id, unified_profile_id as label "
            "from marts.fct_identity_graph",
            f"select source_system || ':' || source_record_id as record_id, customer_id as label "
            f"from '{lake}/_truth/source_records.parquet'",
        )
    # A regression guard below the quality measured on this lake once cannot-link splitting
    # landed (pairwise F1 0.974, B-cubed F1 0.986); issue 3's target is measured on a
    # 100k-customer lake by `make evaluate`.
    assert scores.f1 >= 0.95, scores
    assert scores.b3_f1 >= 0.97, scores


def test_cannot_link_pairs_end_in_different_clusters(built: tuple[Path, Path]) -> None:
    _, database = built
    project = yaml.safe_load((REPO / "dbt_project.yml").read_text())
    rules = project["vars"]["identity_resolution"]["clustering"]["cannot_link"]
    condition = " or ".join(f"({rule['condition']})" for rule in rules)
    [(pairs, together)] = query(
        database,
        "select count(*), count(*) filter (where clusters_l.cluster_id = clusters_r.cluster_id) "
        "from intermediate.int_profile_pairs_scored as pairs "
        "inner join intermediate.int_profile_clusters as clusters_l "
        "on pairs.profile_record_id_l = clusters_l.profile_record_id "
        "inner join intermediate.int_profile_clusters as clusters_r "
        "on pairs.profile_record_id_r = clusters_r.profile_record_id "
        f"where pairs.decision <> 'match' and ({condition})",
    )
    [(cut,)] = query(
        database,
        "select count(*) from intermediate.int_profile_pairs_linked "
        "where cut_reason = 'cannot_link'",
    )
    # the guard is exercised: namesakes and households were linked, then split
    assert cut > 0
    # nearly every pair that cannot be one person ends up apart (a pair stays together only
    # through deterministic matches or matches above the last split probability)
    assert pairs > 1000
    assert together <= pairs // 100, (pairs, together)


def test_households_never_merge_on_shared_keys_alone(built: tuple[Path, Path]) -> None:
    _, database = built
    unguarded = query(
        database,
        "select count(*) from intermediate.int_profile_pairs_scored "
        "where decision = 'match' and deterministic_rule is null and personal_weight < 0",
    )
    guarded = query(
        database,
        "select count(*) from intermediate.int_profile_pairs_scored "
        "where review_reason = 'shared_keys_only'",
    )
    assert unguarded == [(0,)]
    # the generated households do share emails, phones and addresses: the guard is exercised
    assert guarded[0][0] > 0


def test_one_golden_record_per_cluster(built: tuple[Path, Path]) -> None:
    _, database = built
    clusters = query(
        database, "select count(distinct unified_profile_id) from marts.fct_identity_graph"
    )
    golden = query(database, "select count(*) from marts.dim_unified_profiles")
    assert clusters == golden
