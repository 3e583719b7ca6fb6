"""Unit tests of scripts/evaluate.py and scripts/evaluation_sets.py, without dbt.

Truth parsing, lake preparation, the override files, the printed lines, scoring a hand-made
warehouse and the benchmarks section. The dbt end-to-end run is tested elsewhere.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import re
from pathlib import Path

import duckdb
import evaluate
import pytest
from cluster_metrics import ClusterScores
from evaluate import (
    JANE_RECORD_ID,
    MARKER_END,
    MARKER_START,
    SetResult,
    benchmarks_section,
    dbt_command,
    jane_placement,
    machine_description,
    replace_section,
    score_set,
    target_misses,
)
from evaluation_sets import (
    CONFIG_DIR,
    SETS,
    febrl_entity,
    load_overrides,
    normalize_column,
    prepare_lake,
    read_truth,
    truth_leaks,
)

FEBRL_HEADER = (
    "rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, "
    "state, date_of_birth, soc_sec_id"
)
FEBRL_ROWS = [
    "rec-1496-org, mitchell, green, 7, wallaby place, delmar, cleveland, 2119, sa, 19560409, 1",
    "rec-1496-dup-0, mitchel, green, 7, wallaby pl, delmar, cleveland, 2119, sa, 19560409, 1",
    "rec-552-dup-3, harley, mccarthy, 177, pridhamstreet, milton, marsden, 3165, nsw, , 6",
]
JOHN = "111222333"
CONNECT_ROWS = [
    "FirstName,LastName,Phone,Email,LastUpdated,RecordId,Account",
    f"John,Doe,+1-555-010-0000,,2020-08-29T11:33:40Z,john-1,{JOHN}",
    f"Doe,John,,JOHN@anycompany.com,2018-03-29T05:10:39Z,john-2,{JOHN}",
    f"Jane ,Doe,+1-555-010-0001,john@anycompany.com,2017-06-29T05:25:26Z,{JANE_RECORD_ID},{JOHN}",
    "Mary,Major,+15550100009,mary@anycompany.com,2012-08-23T04:31:42Z,mary-1,999888777",
]
CONNECT_FILE = "connect_identity_resolution_sample.csv"


@pytest.fixture
def datasets(tmp_path: Path) -> Path:
    """A datasets folder in the shapes of the real files (FEBRL spaces; BOM, CRLF, no EOL)."""
    folder = tmp_path / "datasets"
    folder.mkdir()
    febrl = "\n".join([FEBRL_HEADER, *FEBRL_ROWS]) + "\n"
    (folder / "febrl3.csv").write_text(febrl)
    (folder / "febrl4a.csv").write_text(f"{FEBRL_HEADER}\n{FEBRL_ROWS[0]}\n")
    (folder / "febrl4b.csv").write_text(f"{FEBRL_HEADER}\n{FEBRL_ROWS[1]}\n")
    (folder / CONNECT_FILE).write_bytes(b"\xef\xbb\xbf" + "\r\n".join(CONNECT_ROWS).encode())
    return folder


def _scores(records: int = 5000, value: float = 0.99) -> ClusterScores:
    return ClusterScores(records, value, value, value, value, value, value)


# truth parsing


@pytest.mark.parametrize(
    ("rec_id", "entity"),
    [("rec-1496-org", "1496"), ("rec-552-dup-3", "552"), (" rec-0-dup-0 ", "0")],
)
def test_febrl_entity(rec_id: str, entity: str) -> None:
    assert febrl_entity(rec_id) == entity


@pytest.mark.parametrize("rec_id", ["rec-12", "rec-x-org", "1496", "rec-1-dup-"])
def test_febrl_entity_rejects_other_ids(rec_id: str) -> None:
    with pytest.raises(ValueError, match="not a FEBRL rec_id"):
        febrl_entity(rec_id)


def test_normalize_column_matches_the_pipeline_contract() -> None:
    assert normalize_column(" given_name") == "given_name"
    assert normalize_column("FirstName") == "firstname"
    assert normalize_column("\ufeffFirst Name") != "first_name"  # the BOM is the reader's job


def test_febrl3_truth_comes_from_rec_id(datasets: Path) -> None:
    assert read_truth(SETS["febrl3"], datasets) == [
        ("febrl3:rec-1496-org", "1496"),
        ("febrl3:rec-1496-dup-0", "1496"),
        ("febrl3:rec-552-dup-3", "552"),
    ]


def test_febrl4_truth_links_across_the_two_sources(datasets: Path) -> None:
    assert read_truth(SETS["febrl4"], datasets) == [
        ("febrl4a:rec-1496-org", "1496"),
        ("febrl4b:rec-1496-dup-0", "1496"),
    ]


def test_connect_truth_is_the_account_despite_bom_and_crlf(datasets: Path) -> None:
    truth = read_truth(SETS["connect_sample"], datasets)
    assert truth == [
        ("connect_sample:john-1", JOHN),
        ("connect_sample:john-2", JOHN),
        (f"connect_sample:{JANE_RECORD_ID}", JOHN),
        ("connect_sample:mary-1", "999888777"),
    ]


def test_real_datasets_parse_when_present() -> None:
    folder = evaluate.REPO.parent / "shared" / "datasets"
    if not (folder / "febrl3.csv").exists():
        pytest.skip("no /work/shared/datasets here")
    febrl3 = read_truth(SETS["febrl3"], folder)
    assert (len(febrl3), len({label for _, label in febrl3})) == (5000, 2000)
    febrl4 = read_truth(SETS["febrl4"], folder)
    assert (len(febrl4), len({label for _, label in febrl4})) == (10000, 5000)
    connect = read_truth(SETS["connect_sample"], folder)
    assert sorted({label for _, label in connect}) == ["111222333", "555222555", "999888777"]
    assert len(connect) == 9


# lake preparation


@pytest.mark.parametrize("name", ["febrl3", "febrl4", "connect_sample"])
def test_prepare_lake_copies_files_byte_identical(datasets: Path, tmp_path: Path, name: str):
    lake = tmp_path / "lake"
    (lake / "raw" / "stale").mkdir(parents=True)
    copied = prepare_lake(SETS[name], datasets, lake)
    assert [p.relative_to(lake).as_posix() for p in copied] == [
        f"raw/{raw.source}/{raw.file}" for raw in SETS[name].files
    ]
    for raw, path in zip(SETS[name].files, copied, strict=True):
        assert path.read_bytes() == (datasets / raw.file).read_bytes()
    assert not (lake / "raw" / "stale").exists()


def test_connect_copy_keeps_bom_crlf_and_no_final_newline(datasets: Path, tmp_path: Path):
    (copied,) = prepare_lake(SETS["connect_sample"], datasets, tmp_path / "lake")
    data = copied.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and not data.endswith(b"\n")


# override files


@pytest.mark.parametrize("name", ["febrl3", "febrl4", "connect_sample"])
def test_config_loads_and_matches_the_lake(name: str) -> None:
    spec = SETS[name]
    overrides = load_overrides(spec)
    sources = overrides["sources"]
    assert isinstance(sources, list)
    assert [s["name"] for s in sources] == [raw.source for raw in spec.files]
    for source, raw in zip(sources, spec.files, strict=True):
        assert fnmatch.fnmatch(f"raw/{raw.source}/{raw.file}", source["path"])
        assert source["format"] == "csv"
        assert source["id"] == spec.id_column
    expected = "link_only" if name == "febrl4" else "dedupe_only"
    assert overrides["link_type"] == expected


@pytest.mark.parametrize("name", ["febrl3", "febrl4", "connect_sample"])
def test_config_never_maps_the_truth(name: str) -> None:
    overrides = load_overrides(SETS[name])
    text = json.dumps(overrides).lower()
    assert "account" not in text
    assert text.count('"rec_id"') == (2 if name == "febrl4" else 1 if name == "febrl3" else 0)
    assert truth_leaks(overrides, SETS[name].truth_column) == []


def test_febrl_custom_attributes_have_comparisons_and_soc_sec_id_blocking() -> None:
    for name in ("febrl3", "febrl4"):
        overrides = load_overrides(SETS[name])
        presets = {c["name"]: c["preset"] for c in overrides["comparisons"]}
        expected = {"soc_sec_id": "identifier", "street_number": "exact", "address_2": "text"}
        assert presets == expected
        for source in overrides["sources"]:
            assert set(source["custom_attributes"]) == set(presets)
        assert overrides["blocking"]["rules"] == [{"name": "soc_sec_id", "keys": ["soc_sec_id"]}]


def test_a_mapped_truth_column_is_refused(tmp_path: Path) -> None:
    leaky = (CONFIG_DIR / "connect_sample.yml").read_text() + "      account_number: Account\n"
    (tmp_path / "connect_sample.yml").write_text(leaky)
    with pytest.raises(ValueError, match="truth column 'account'"):
        load_overrides(SETS["connect_sample"], tmp_path)


def test_rec_id_is_allowed_only_as_the_id() -> None:
    overrides = {"sources": [{"id": "rec_id", "custom_attributes": {"rid": " rec_id"}}]}
    assert truth_leaks(overrides, "rec_id") == ["sources[0].custom_attributes.rid"]


# the dbt command


def test_dbt_command_passes_lake_and_overrides_as_json(tmp_path: Path) -> None:
    command = dbt_command(tmp_path / "lake", tmp_path, {"link_type": "dedupe_only"})
    assert command[1:5] == ["build", "--select", "+fct_identity_graph", "+fct_match_review_queue"]
    variables = json.loads(command[command.index("--vars") + 1])
    assert variables == {
        "lake_root": str(tmp_path / "lake"),
        "identity_resolution_overrides": {"link_type": "dedupe_only"},
    }
    assert command[command.index("--target-path") + 1] == str(tmp_path / "target")


def test_generated_set_passes_no_overrides(tmp_path: Path) -> None:
    command = dbt_command(tmp_path / "lake", tmp_path, None)
    assert json.loads(command[command.index("--vars") + 1]) == {"lake_root": str(tmp_path / "lake")}


# printed lines and targets


def test_line_format() -> None:
    scores = ClusterScores(5000, 0.99876, 0.5, 0.66611, 1.0, 0.25, 0.4)
    line = SetResult("febrl3", scores, 12.345).line
    assert line == (
        "febrl3: records=5000 precision=0.9988 recall=0.5000 f1=0.6661 b3_f1=0.4000 seconds=12.3"
    )
    assert re.fullmatch(
        r"\w+: records=\d+ precision=\d\.\d{4} recall=\d\.\d{4} f1=\d\.\d{4} "
        r"b3_f1=\d\.\d{4} seconds=\d+\.\d",
        line,
    )


def test_target_misses() -> None:
    results = [SetResult("febrl3", _scores(value=0.998)), SetResult("connect_sample", _scores())]
    targets = {**evaluate.DEFAULT_TARGETS, **evaluate.parse_args(["--min-f1", "febrl3=0.9"]).min_f1}
    assert target_misses(results, targets) == []
    assert target_misses(results, evaluate.DEFAULT_TARGETS) == [
        "febrl3: f1 0.9980 is below the target 0.999"
    ]


def test_cli_rejects_unknown_sets_and_targets() -> None:
    assert evaluate.parse_args(["--sets", "febrl4, generated"]).sets == ["febrl4", "generated"]
    with pytest.raises(SystemExit):
        evaluate.parse_args(["--sets", "febrl5"])
    with pytest.raises(SystemExit):
        evaluate.parse_args(["--min-f1", "febrl3"])


# scoring a hand-made warehouse


def _warehouse(path: Path, clusters: dict[str, str], queue: list[tuple[str, str, float]]):
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute(
            "create table marts.fct_identity_graph "
            "(source_system varchar, source_record_id varchar, unified_profile_id varchar)"
        )
        con.executemany(
            "insert into marts.fct_identity_graph values ('connect_sample', ?, ?)",
            list(clusters.items()),
        )
        con.execute(
            "create table marts.fct_match_review_queue "
            "(source_record_id_l varchar, source_record_id_r varchar, match_probability double)"
        )
        if queue:
            con.executemany("insert into marts.fct_match_review_queue values (?, ?, ?)", queue)


def test_score_connect_sample_with_jane_in_the_review_queue(datasets: Path, tmp_path: Path):
    database = tmp_path / "w.duckdb"
    clusters = {"john-1": "p1", "john-2": "p1", JANE_RECORD_ID: "p2", "mary-1": "p3"}
    _warehouse(database, clusters, [("john-1", JANE_RECORD_ID, 0.7)])
    result = score_set(SETS["connect_sample"], database, tmp_path / "lake", datasets)
    assert (result.scores.records, result.scores.precision) == (4, 1.0)
    assert result.scores.recall == pytest.approx(1 / 3)
    assert result.passed and result.coverage == []
    assert result.details == [
        "account 111222333: 3 records in clusters of sizes [2, 1]",
        "account 999888777: 1 records in clusters of sizes [1]",
        f'"Jane" ({JANE_RECORD_ID}): in the review queue (1 pairs; best with john-1, '
        "match_probability 0.7000)",
    ]


def test_score_notes_missing_records_and_fails_a_lost_jane(datasets: Path, tmp_path: Path):
    database = tmp_path / "w.duckdb"
    _warehouse(database, {"john-1": "p1", "john-2": "p1", JANE_RECORD_ID: "p2"}, [])
    result = score_set(SETS["connect_sample"], database, tmp_path / "lake", datasets)
    assert result.scores.records == 3
    assert result.coverage == ["connect_sample: 1 truth records are not in the identity graph"]
    assert not result.passed
    assert result.details[-1].endswith("neither in John Doe's cluster nor in the review queue")


def test_jane_in_john_does_cluster() -> None:
    truth = [(f"connect_sample:{r}", JOHN) for r in ("a", "b", JANE_RECORD_ID)]
    predicted = {record: "p1" for record, _ in truth}
    line, found = jane_placement(truth, predicted, [])
    assert found and line.endswith("in John Doe's cluster")


def test_score_generated_set_reads_the_generator_truth(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    (lake / "_truth").mkdir(parents=True)
    duckdb.sql(
        "copy (select * from (values ('crm', 'CRM-1', 'C1'), ('billing', '7', 'C1'))"
        " as v (source_system, source_record_id, customer_id)) "
        f"to '{lake}/_truth/source_records.parquet' (format parquet)"
    )
    database = tmp_path / "w.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute("create schema marts")
        con.execute(
            "create table marts.fct_identity_graph as select * from (values "
            "('crm', 'CRM-1', 'u1'), ('billing', '7', 'u2')) "
            "as v (source_system, source_record_id, unified_profile_id)"
        )
    result = score_set(SETS["generated"], database, lake, tmp_path)
    assert (result.scores.records, result.scores.recall, result.details) == (2, 0.0, [])


# benchmarks


def _section() -> str:
    results = [
        SetResult("febrl3", _scores(), 3.21),
        SetResult("connect_sample", _scores(9, 1.0), 1.0, ['"Jane" (x): in John Doe\'s cluster']),
    ]
    return benchmarks_section(
        results, dt.date(2026, 11, 24), "2 cores (AMD EPYC), 23.5 GiB RAM", "abc1234", "cmd"
    )


def test_benchmarks_section_holds_the_table_and_context() -> None:
    section = _section()
    assert section.startswith(MARKER_START) and section.endswith(MARKER_END)
    assert "| febrl3 | 5,000 | 0.9900 | 0.9900 | 0.9900 | 0.9900 | 3.2 |" in section
    for text in ("2026-11-24", "abc1234", "2 cores (AMD EPYC)", "`cmd`", "- connect_sample:"):
        assert text in section


def test_replace_section_appends_then_replaces_idempotently() -> None:
    document = "# Benchmarks\n\nsome text\n"
    once = replace_section(document, _section())
    assert once == document + "\n" + _section() + "\n"
    assert replace_section(once, _section()) == once
    other = _section().replace("abc1234", "def5678")
    twice = replace_section(once, other)
    assert twice.count(MARKER_START) == twice.count(MARKER_END) == 1
    assert "def5678" in twice and "abc1234" not in twice and twice.startswith(document)


def test_replace_section_keeps_text_after_the_markers() -> None:
    document = f"# B\n\n{MARKER_START}\nold\n{MARKER_END}\n\n## Later\n"
    assert replace_section(document, "NEW") == "# B\n\nNEW\n\n## Later\n"


def test_machine_description_from_proc_files(tmp_path: Path) -> None:
    (tmp_path / "cpuinfo").write_text("processor\t: 0\nmodel name\t: AMD EPYC\n")
    (tmp_path / "meminfo").write_text("MemTotal:       24683656 kB\n")
    text = machine_description(tmp_path / "cpuinfo", tmp_path / "meminfo")
    assert text.endswith("cores (AMD EPYC), 23.5 GiB RAM")
    assert "unknown CPU" in machine_description(tmp_path / "none", tmp_path / "none")


def test_main_prints_lines_records_benchmarks_and_fails_a_missed_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fake_evaluate_set(spec, options):
        return SetResult(spec.name, _scores(value=0.95), 2.0)

    monkeypatch.setattr(evaluate, "evaluate_set", fake_evaluate_set)
    monkeypatch.setattr(evaluate, "git_commit", lambda: "abc1234")
    monkeypatch.setattr(evaluate, "BENCHMARKS", tmp_path / "benchmarks.md")
    argv = ["--sets", "febrl3,connect_sample", "--record-benchmarks", "--work-dir", str(tmp_path)]
    assert evaluate.main(argv) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "febrl3: records=5000 precision=0.9500 recall=0.9500 f1=0.9500 b3_f1=0.9500 seconds=2.0",
        "connect_sample: records=5000 precision=0.9500 recall=0.9500 f1=0.9500 b3_f1=0.9500 "
        "seconds=2.0",
    ]
    assert "FAILED febrl3: f1 0.9500 is below the target 0.999" in err
    recorded = (tmp_path / "benchmarks.md").read_text()
    assert "scripts/evaluate.py --sets febrl3,connect_sample --record-benchmarks" in recorded
    assert evaluate.main([*argv, "--no-targets"]) == 0


def test_main_reports_a_failed_build_by_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def failing(spec, options):
        raise evaluate.EvaluationError("dbt build exited with 1; last lines:\nboom")

    monkeypatch.setattr(evaluate, "evaluate_set", failing)
    assert evaluate.main(["--sets", "febrl4", "--work-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "febrl4: evaluation failed: dbt build exited with 1" in err and "boom" in err
    assert "FAILED febrl4: evaluation failed" in err


# running a set (dbt replaced by a stand-in that writes the warehouse)


def test_run_logged_raises_with_the_tail_when_not_echoed(tmp_path: Path) -> None:
    command = [evaluate.sys.executable, "-c", "print('line 1'); print('boom'); raise SystemExit(3)"]
    with pytest.raises(evaluate.EvaluationError, match=r"exited with 3 .*\nline 1\nboom$"):
        evaluate.run_logged(command, {}, tmp_path / "out.log", None)
    assert (tmp_path / "out.log").read_text() == "line 1\nboom\n"


def test_evaluate_set_builds_its_own_lake_and_database(
    datasets: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[list[str], dict[str, str]]] = []

    def fake_dbt(command: list[str], env: dict[str, str], log: Path, echo: str | None) -> None:
        calls.append((command, env))
        clusters = {"john-1": "p1", "john-2": "p1", JANE_RECORD_ID: "p1", "mary-1": "p2"}
        _warehouse(Path(env["CUSTOMER_360_DUCKDB"]), clusters, [])

    monkeypatch.setattr(evaluate, "run_logged", fake_dbt)
    work = tmp_path / "work"
    (work / "connect_sample").mkdir(parents=True)
    (work / "connect_sample" / "customer_360.duckdb").write_text("stale")
    options = evaluate.Options(work, datasets, 10, quiet=True)
    result = evaluate.evaluate_set(SETS["connect_sample"], options)
    ((command, env),) = calls
    lake = work / "connect_sample" / "lake"
    assert env["CUSTOMER_360_DUCKDB"] == str(work / "connect_sample" / "customer_360.duckdb")
    assert env["DBT_PROFILES_DIR"] == str(evaluate.REPO)
    assert env["DBT_SEND_ANONYMOUS_USAGE_STATS"] == "false"
    variables = json.loads(command[command.index("--vars") + 1])
    assert variables["lake_root"] == str(lake)
    assert variables["identity_resolution_overrides"]["sources"][0]["name"] == "connect_sample"
    assert (lake / "raw" / "connect_sample" / CONNECT_FILE).exists()
    assert (result.scores.f1, result.passed) == (1.0, True)
    assert result.details[-1].endswith("in John Doe's cluster")


def test_coverage_notes_flag_repeated_and_unknown_records(tmp_path: Path) -> None:
    con = duckdb.connect()
    con.execute("attach ':memory:' as warehouse")
    con.execute("create schema warehouse.marts")
    con.execute(
        "create table warehouse.marts.fct_identity_graph as select * from (values "
        "('s', 'a', 'u1'), ('s', 'a', 'u1'), ('s', 'x', 'u2')) "
        "as v (source_system, source_record_id, unified_profile_id)"
    )
    con.execute("create view truth as select 's:a' as record_id, 'T' as label")
    assert evaluate.coverage_notes(con, "set") == [
        "set: 1 identity-graph rows repeat a record id",
        "set: 1 identity-graph records have no truth",
    ]
