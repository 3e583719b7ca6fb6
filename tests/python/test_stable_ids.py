"""Stable unified_profile_id across runs: unchanged data keeps every id, a delta keeps the ids of
untouched customers, reviewer decisions split and merge with the documented rules, and the
id history and run stats record what happened."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
from dbt_runner import query, run_dbt
from evaluation_sets import SETS, load_overrides

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLE = FIXTURES / "connect_identity_resolution_sample.csv"
# the sample's mapping, as make evaluate uses it
OVERRIDES = load_overrides(SETS["connect_sample"])
BUILD = [
    "build",
    "--select",
    "+fct_identity_resolution_runs",
    "+fct_identity_graph",
    "+dim_unified_profiles",
]
BUILD += ["--indirect-selection", "buildable"]
JOHN = "connect_sample:269d7644-8916-409b-b8dc-ef51f64d2893"
JOHN_SWAPPED = "connect_sample:2c69e270-861b-460d-8358-72f885475dfc"
JANE = "connect_sample:ce5b876f-4da3-447f-a732-aaaca15ee007"
MARY = "connect_sample:fcd1753e-d426-4d93-bf82-09a8fae3d059"
NIKKI = "connect_sample:77771b9b-378d-4ff0-b0da-93b06e907xxc"
DECISIONS_HEADER = (
    "source_system_l,source_record_id_l,source_system_r,source_record_id_r,"
    "decision,decided_by,decided_at,note\n"
)


def build(lake: Path, database: Path, extra: dict[str, object] | None = None) -> None:
    result = run_dbt(BUILD, lake, database, extra)
    assert result.returncode == 0, result.stdout[-4000:]


def id_map(database: Path) -> dict[str, str]:
    """profile_record_id -> unified_profile_id of the identity graph."""
    return dict(
        query(
            database, "select profile_record_id, unified_profile_id from marts.fct_identity_graph"
        )
    )


def decision(record_l: str, record_r: str, verdict: str, at: str) -> str:
    system_l, id_l = record_l.split(":", 1)
    system_r, id_r = record_r.split(":", 1)
    return f"{system_l},{id_l},{system_r},{id_r},{verdict},tester,{at},\n"


def events(database: Path, run: int) -> set[tuple[str, str, str | None, int]]:
    """(id, event_type, related id, records) of the run-th run (1-based) of the history."""
    return set(
        query(
            database,
            "with runs as (select run_id, row_number() over (order by run_started_at) as n "
            "from marts.fct_identity_resolution_runs) "
            "select unified_profile_id, event_type, related_unified_profile_id, record_count "
            f"from marts.fct_unified_profile_id_history join runs using (run_id) where n = {run}",
        )
    )


def test_ids_survive_reruns_and_follow_reviewer_splits_and_merges(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    (lake / "raw" / "connect_sample").mkdir(parents=True)
    shutil.copy(SAMPLE, lake / "raw" / "connect_sample" / "sample.csv")
    database = tmp_path / "customer_360.duckdb"
    extra = {"identity_resolution_overrides": OVERRIDES}

    build(lake, database, extra)
    first = id_map(database)
    john_id, mary_id, nikki_id = first[JOHN], first[MARY], first[NIKKI]
    assert len({john_id, mary_id, nikki_id}) == 3
    assert sum(1 for value in first.values() if value == john_id) == 4
    assert {event[1] for event in events(database, 1)} == {"created"}
    queued = query(
        database,
        "select profile_record_id_l, profile_record_id_r from marts.fct_match_review_queue",
    )
    assert (JOHN, JANE) in queued

    # a second run on unchanged data keeps every id and records no event
    build(lake, database, extra)
    assert id_map(database) == first
    assert events(database, 2) == set()

    # a reviewer splits John's swapped-name record off, merges Nikki into Mary, rejects Jane
    decisions = lake / "review" / "match_decisions"
    decisions.mkdir(parents=True)
    (decisions / "2026-11-23.csv").write_text(
        DECISIONS_HEADER
        + decision(JOHN, JOHN_SWAPPED, "non_match", "2026-11-23T10:00:00")
        + decision(NIKKI, MARY, "match", "2026-11-23T10:05:00")
        + decision(JANE, JOHN, "non_match", "2026-11-23T10:10:00")
        # a decision on a record the lake does not hold: a warning, no effect
        + decision(JOHN, "connect_sample:no-such-record", "match", "2026-11-23T10:15:00")
    )
    build(lake, database, extra)
    third = id_map(database)
    # split: the part holding most of John's records keeps the id, the other mints a new one
    assert third[JOHN] == john_id
    split_off = third[JOHN_SWAPPED]
    assert split_off not in first.values()
    assert sum(1 for value in third.values() if value == john_id) == 3
    # merge: both ids are as old; the one sharing more records (Mary's three) survives
    assert third[NIKKI] == mary_id
    assert nikki_id not in third.values()
    assert events(database, 3) == {
        (split_off, "created", None, 1),
        (john_id, "split_into", split_off, 1),
        (nikki_id, "merged_into", mary_id, 1),
    }
    stats = query(
        database,
        "select records_changed_id, profiles_created, profiles_merged, profiles_split, "
        "reviewer_decisions from marts.fct_identity_resolution_runs order by run_started_at",
    )
    assert stats[-1] == (2, 1, 1, 1, 4)
    assert "connect_sample:no-such-record" not in third
    queued = query(
        database,
        "select profile_record_id_l, profile_record_id_r from marts.fct_match_review_queue",
    )
    assert (JOHN, JANE) not in queued

    # the decisions stay in force: the next run changes nothing
    build(lake, database, extra)
    assert id_map(database) == third
    assert events(database, 4) == set()


def test_a_delta_keeps_the_ids_of_untouched_customers(lake: Path, tmp_path: Path) -> None:
    """The fixture lake as of 2026-01-15, then with the week after (about 5% more rows),
    matched incrementally: the delta run scores only its own records' pairs and ends where a
    full refresh ends."""
    database = tmp_path / "customer_360.duckdb"
    build(lake, database, {"load_date_until": "2026-01-15"})
    before = tmp_path / "before.duckdb"
    shutil.copy(database, before)
    # a run that stops after normalizing the delta (as a failed build would): the next
    # build must still block and score those records
    result = run_dbt(["run", "--select", "+int_profiles_normalized"], lake, database)
    assert result.returncode == 0, result.stdout[-4000:]
    ((normalized, scored),) = query(
        database,
        "select (select max(normalized_sequence) from intermediate.int_profiles_normalized), "
        "(select max(normalized_sequence) from intermediate.int_profile_pairs_scored)",
    )
    assert normalized > scored
    build(lake, database)
    incremental = tmp_path / "incremental.duckdb"
    shutil.copy(database, incremental)
    assert_rescored_only_the_delta(database)
    result = run_dbt([*BUILD, "--full-refresh"], lake, database)
    assert result.returncode == 0, result.stdout[-4000:]
    assert_same_matching(incremental, database)
    truth = f"read_parquet('{lake}/_truth/source_records.parquet')"
    rows = query(
        database,
        f"""
        attach '{before}' as before (read_only);
        with
        now as (select * from marts.fct_identity_graph),
        earlier as (select * from before.marts.fct_identity_graph),
        truth as (select source_system || ':' || source_record_id as profile_record_id,
                         customer_id from {truth}),
        touched as (
            select distinct truth.customer_id from now
            join truth using (profile_record_id)
            left join earlier using (profile_record_id)
            where earlier.profile_record_id is null or earlier.updated_at <> now.updated_at
        ),
        kept as (
            select earlier.profile_record_id, earlier.unified_profile_id = now.unified_profile_id
                as is_kept, truth.customer_id in (select customer_id from touched) as is_touched
            from earlier join now using (profile_record_id) join truth using (profile_record_id)
        ),
        same_members as (
            select earlier.unified_profile_id,
                list(earlier.profile_record_id order by earlier.profile_record_id) as members
            from earlier group by 1
        ),
        members_now as (
            select list(profile_record_id order by profile_record_id) as members,
                any_value(unified_profile_id) as unified_profile_id
            from now where profile_record_id in (select profile_record_id from earlier)
            group by unified_profile_id
        )
        select
            (select count(*) from kept where not is_touched),
            (select count(*) filter (where is_kept) from kept where not is_touched),
            (select count(*) from same_members join members_now using (members)),
            (select count(*) from same_members join members_now using (members)
             where same_members.unified_profile_id = members_now.unified_profile_id),
            (select count(*) from now) - (select count(*) from earlier)
        """,
    )
    untouched, untouched_kept, unchanged_clusters, unchanged_kept, new_records = rows[0]
    print(
        f"delta: {new_records} new records; untouched customers' records keeping their id "
        f"{untouched_kept}/{untouched}; unchanged profiles keeping it {unchanged_kept}/"
        f"{unchanged_clusters}"
    )
    assert new_records > 50
    # a profile whose members did not change keeps its id, always
    assert unchanged_clusters > 1000
    assert unchanged_kept == unchanged_clusters
    # untouched customers keep their ids, unless a new record merged or split their cluster
    assert untouched > 3000
    assert untouched_kept / untouched >= 0.99


def test_records_gone_from_the_lake_leave_as_in_a_full_refresh(lake: Path, tmp_path: Path) -> None:
    """The last CRM and billing partitions are withdrawn after a build: their new records leave
    the lake and their updated records fall back to the earlier version. The incremental run
    drops the departed records' pairs, links, clusters, golden values and graph rows and ends
    where a full refresh ends."""
    copy = tmp_path / "lake"
    shutil.copytree(lake, copy)
    database = tmp_path / "customer_360.duckdb"
    build(copy, database)
    (before,) = query(database, "select count(*) from marts.fct_identity_graph")[0]
    for feed in ("crm/contacts", "billing/accounts"):
        shutil.rmtree(sorted((copy / "raw" / feed).glob("load_date=*"))[-1])
    build(copy, database)
    ((after, departed_pairs),) = query(
        database,
        "select (select count(*) from marts.fct_identity_graph),"
        " (select count(*) from intermediate.int_profile_pairs_scored"
        "  where profile_record_id_l not in"
        "   (select profile_record_id from intermediate.int_profiles_normalized)"
        "  or profile_record_id_r not in"
        "   (select profile_record_id from intermediate.int_profiles_normalized))",
    )
    assert after < before  # records did leave
    assert departed_pairs == 0
    incremental = tmp_path / "incremental.duckdb"
    shutil.copy(database, incremental)
    result = run_dbt([*BUILD, "--full-refresh"], copy, database)
    assert result.returncode == 0, result.stdout[-4000:]
    assert_same_matching(incremental, database)


PAIRS = (
    "select profile_record_id_l, profile_record_id_r, first_blocking_rule, decision, "
    "round(match_weight, 6) from {db}.intermediate.int_profile_pairs_scored"
)
LINKED = (
    "select profile_record_id_l, profile_record_id_r, match_component_id, component_size, "
    "cut_reason, reviewer_decision from {db}.intermediate.int_profile_pairs_linked"
)
GOLDEN = "select * exclude (clustered_at) from {db}.marts.dim_unified_profiles"
GRAPH = "select * exclude (clustered_at) from {db}.marts.fct_identity_graph"
CO_CLUSTERED = (
    "select a.profile_record_id, b.profile_record_id from {db}.intermediate.int_profile_clusters "
    "as a join {db}.intermediate.int_profile_clusters as b using (cluster_id) "
    "where a.profile_record_id < b.profile_record_id"
)


def assert_rescored_only_the_delta(database: Path) -> None:
    """The delta run's scored pairs all hold a record it normalized; they are a few percent."""
    ((delta_pairs, all_pairs, outside),) = query(
        database,
        """
        with last as (select max(normalized_sequence) as sequence
                      from intermediate.int_profiles_normalized),
        changed as (select profile_record_id from intermediate.int_profiles_normalized
                    where normalized_sequence = (select sequence from last)),
        delta as (select * from intermediate.int_profile_pairs_scored
                  where normalized_sequence = (select sequence from last))
        select
            (select count(*) from delta),
            (select count(*) from intermediate.int_profile_pairs_scored),
            (select count(*) from delta where profile_record_id_l not in (select * from changed)
             and profile_record_id_r not in (select * from changed))
        """,
    )
    assert outside == 0
    assert 0 < delta_pairs < 0.25 * all_pairs
    # links, clusters and golden records are built again only where the delta touched
    for table, column in (
        ("intermediate.int_profile_pairs_linked", "linked_at"),
        ("intermediate.int_profile_clusters", "clustered_at"),
        ("marts.dim_unified_profiles", "clustered_at"),
        ("marts.fct_identity_graph", "clustered_at"),
    ):
        ((rebuilt, rows),) = query(
            database,
            f"select count(*) filter (where {column} = (select max({column}) from {table})), "
            f"count(*) from {table}",
        )
        assert 0 < rebuilt < 0.5 * rows, table


def assert_same_matching(incremental: Path, full: Path) -> None:
    """Same scored pairs (weights to 6 places), the same links and cuts, the same clusters,
    golden records and identity graph in both warehouses."""
    with duckdb.connect() as con:
        con.execute(f"attach '{incremental}' as inc (read_only)")
        con.execute(f"attach '{full}' as full_refresh (read_only)")
        for sql in (PAIRS, LINKED, CO_CLUSTERED, GOLDEN, GRAPH):
            a, b = sql.format(db="inc"), sql.format(db="full_refresh")
            (count,) = con.sql(f"select count(*) from ({a})").fetchone()
            (differ,) = con.sql(
                f"select count(*) from (({a}) except ({b}) union all (({b}) except ({a})))"
            ).fetchone()
            assert count > 1000
            assert differ == 0


def test_a_decision_that_is_neither_match_nor_non_match_stops_the_build(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    (lake / "raw" / "connect_sample").mkdir(parents=True)
    shutil.copy(SAMPLE, lake / "raw" / "connect_sample" / "sample.csv")
    decisions = lake / "review" / "match_decisions"
    decisions.mkdir(parents=True)
    (decisions / "bad.csv").write_text(
        DECISIONS_HEADER + decision(JOHN, JOHN_SWAPPED, "maybe", "2026-11-23T10:00:00")
    )
    database = tmp_path / "customer_360.duckdb"
    result = run_dbt(BUILD, lake, database, {"identity_resolution_overrides": OVERRIDES})
    assert result.returncode != 0
    assert "accepted_values_int_match_decisions_decision" in result.stdout
    # clustering is not built on the bad decision
    assert "SKIP relation intermediate.int_profile_pairs_linked" in result.stdout
