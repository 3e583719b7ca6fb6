"""The Great Expectations gates pass on a fresh build and fail on the layer that breaks.

A small generated lake (with 2% bad rows) is built once; the gates run on it, then on copies
of its warehouse, each broken in one layer, and must name that layer and expectation only.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest
import quality_gates
from conftest import generate
from dbt_runner import run_dbt

LAYERS = ["raw", "staging", "normalized", "clusters", "golden", "marts"]
LINE = re.compile(r"^(\w+): (PASS|FAIL) (\d+)/(\d+) critical, (\d+) of (\d+) warnings failed")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(lake, warehouse) of a 300-customer lake, fully built."""
    root = tmp_path_factory.mktemp("quality_gates")
    lake = generate(
        root / "lake",
        "--customers",
        "300",
        "--seed",
        "11",
        "--days",
        "14",
        "--bad-row-rate",
        "0.02",
    )
    database = root / "build" / "warehouse.duckdb"
    database.parent.mkdir()
    result = run_dbt(["build"], lake, database)
    assert result.returncode == 0, result.stdout[-4000:]
    return lake, database


def gates(
    lake: Path, database: Path, docs: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, dict[str, tuple[str, ...]], str]:
    """Run the gates in-process: exit code, each layer's parsed line, stderr."""
    code = quality_gates.main(
        ["--database", str(database), "--lake-root", str(lake), "--docs-dir", str(docs), *extra]
    )
    out, err = capsys.readouterr()
    lines = {}
    for line in out.splitlines():
        match = LINE.match(line)
        if match:
            lines[match.group(1)] = (*match.groups()[1:], line)
    return code, lines, err


def test_a_fresh_build_passes_every_gate_and_writes_data_docs(
    built: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lake, database = built
    docs = tmp_path / "data_docs"
    code, lines, err = gates(lake, database, docs, capsys)
    assert code == 0, err
    assert list(lines) == LAYERS
    for status, passed, total, _, _, line in lines.values():
        assert status == "PASS", line
        assert passed == total and int(total) >= 5, line
    index = (docs / "index.html").read_text()
    for layer in LAYERS:
        assert f"expectations/{layer}.html" in index
        assert (docs / "expectations" / f"{layer}.html").is_file()
        assert list((docs / "validations" / layer).rglob("*.html")), layer


def test_the_raw_gate_counts_the_lake_itself(
    built: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lake file added after the build: the lake and warehouse counts differ (a warning)."""
    lake, database = built
    copy = tmp_path / "lake"
    shutil.copytree(lake, copy)
    folder = copy / "raw" / "crm" / "contacts"
    first = sorted(folder.glob("*/*.parquet"))[0]
    shutil.copy(first, first.with_name("late_delivery.parquet"))
    code, lines, _ = gates(copy, database, tmp_path / "docs", capsys)
    assert code == 0
    assert lines["raw"][0] == "PASS"
    assert "warning expect_column_pair_values_to_be_equal(lake_rows, raw_rows)" in lines["raw"][5]


def test_a_failed_warning_is_reported_and_does_not_fail_the_run(
    built: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lake, database = built
    code, lines, _ = gates(lake, database, tmp_path / "docs", capsys, "--max-cluster-size", "1")
    assert code == 0
    status, passed, total, failed_warnings, _, line = lines["clusters"]
    assert (status, passed == total, failed_warnings) == ("PASS", True, "1"), line
    assert "warning expect_column_values_to_be_between(cluster_size)" in line


BREAKS = {
    "raw": (
        "update audit.audit_feed_reconciliation set staged_rows = staged_rows - 1"
        " where feed = 'crm__contacts'",
        "expect_column_values_to_be_between(unaccounted_rows) [1 unexpected]",
    ),
    "staging": (
        "update staging.stg_crm__contacts set contact_id = null"
        " where contact_id = (select min(contact_id) from staging.stg_crm__contacts)",
        "expect_column_values_to_not_be_null(record_key) [1 unexpected]",
    ),
    "normalized": (
        "update intermediate.int_profiles_normalized set phone = '555-0100'"
        " where profile_record_id = (select min(profile_record_id)"
        " from intermediate.int_profiles_normalized where phone is not null)",
        "expect_column_values_to_match_regex(phone) [1 unexpected]",
    ),
    "clusters": (
        "delete from intermediate.int_profile_clusters where profile_record_id = ("
        "select min(profile_record_id) from intermediate.int_profile_clusters)",
        "expect_column_values_to_not_be_null(cluster_id) [1 unexpected]",
    ),
    "golden": (
        "insert into marts.dim_unified_profiles select * from marts.dim_unified_profiles limit 1",
        "expect_column_values_to_be_unique(unified_profile_id) where kind == golden_record"
        " [2 unexpected]",
    ),
    "marts": (
        "delete from marts.customer_360 where unified_profile_id = ("
        "select min(unified_profile_id) from marts.customer_360)",
        "expect_column_values_to_not_be_null(grain_key) [1 unexpected]",
    ),
}


@pytest.mark.parametrize("layer", LAYERS)
def test_a_broken_layer_fails_its_gate_only_and_names_the_expectation(
    layer: str, built: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lake, database = built
    broken = tmp_path / "warehouse.duckdb"
    shutil.copy(database, broken)
    statement, expectation = BREAKS[layer]
    with duckdb.connect(str(broken)) as con:
        con.execute(statement)
    code, lines, err = gates(lake, broken, tmp_path / "docs", capsys)
    assert code == 1
    assert [name for name, (status, *_) in lines.items() if status == "FAIL"] == [layer]
    assert f"quality gate failed: {layer}: {expectation}" in err.splitlines()


def test_a_missing_table_stops_with_the_layer_named(
    built: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lake, database = built
    broken = tmp_path / "warehouse.duckdb"
    shutil.copy(database, broken)
    with duckdb.connect(str(broken)) as con:
        con.execute("drop table marts.fct_identity_graph")
    code, lines, err = gates(lake, broken, tmp_path / "docs", capsys)
    assert (code, lines) == (2, {})
    assert "layer golden: cannot read it" in err and "fct_identity_graph" in err


def test_no_warehouse_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = gates(tmp_path, tmp_path / "none.duckdb", tmp_path / "docs", capsys)
    assert code == 2
    assert "no warehouse at" in err
