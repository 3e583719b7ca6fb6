"""Our generic dbt tests (tests/generic) fail on bad rows and pass on good ones.

Each test is applied to a good seed and a bad seed in a scratch dbt project that holds copies
of tests/generic and the cross-database and test-scoping macros they call (named customer_360,
so their adapter.dispatch calls resolve). `dbt build` runs on DuckDB; the run results must show
every test on a good seed passing and every test on a bad seed failing with exactly the number
of bad rows the seed holds.
"""

from __future__ import annotations

import json
import shutil

import pytest
from dbt_runner import REPO, run_dbt

SEEDS = {
    "good_phones": "id,phone\n1,+15550100000\n2,+442071838750\n3,\n",
    # formatted, too short, 16 digits, a zero country code
    "bad_phones": "id,phone\n1,555-010-0000\n2,+1555\n3,+1234567890123456\n4,+05550100000\n"
    "5,+15550100000\n",
    "good_emails": "id,email\n1,john@anycompany.com\n2,j.doe+x@mail.example.org\n3,\n",
    # upper case (not canonical), no domain, a space, two @
    "bad_emails": "id,email\n1,JOHN@ANYCOMPANY.COM\n2,john@\n3,john doe@x.com\n4,a@b@c.com\n"
    "5,ok@example.com\n",
    "good_pairs": "left_id,right_id\na,b\na,c\n",
    # reversed, self pair, a missing end
    "bad_pairs": "left_id,right_id\nb,a\na,a\n,b\na,b\n",
    "records": "record_id\nr1\nr2\nr3\nr4\nr5\n",
    "good_clusters": "record_id,cluster_id\nr1,r1\nr2,r1\nr3,r3\nr4,r4\nr5,r4\n",
    # r5 has no cluster; cluster r1 holds three records (more than max_size 2)
    "bad_clusters": "record_id,cluster_id\nr1,r1\nr2,r1\nr3,r1\nr4,r4\n",
    "good_golden": "cluster_id\nr1\nr3\nr4\n",
    # r1 twice, r3 missing, x9 belongs to no cluster
    "bad_golden": "cluster_id\nr1\nr1\nr4\nx9\n",
    "good_reconciliation": "feed,raw_rows,staged_rows,quarantined_rows,deduplicated_rows\n"
    "crm,10,7,2,1\nweb,5,5,0,0\n",
    # a lost row, a null part
    "bad_reconciliation": "feed,raw_rows,staged_rows,quarantined_rows,deduplicated_rows\n"
    "crm,10,7,2,0\nweb,5,5,,0\nbilling,3,3,0,0\n",
    # rows an incremental model wrote in two runs (seq 1, then 2)
    "good_keyed": "key_a,key_b,seq\nx,1,1\nx,2,2\ny,1,2\n",
    # the latest rows repeat an earlier key (x,1) and each other (y,1), and (w,null) twice: a
    # null takes part like a value; (z,1) is an earlier duplicate, left to the run that wrote it
    "bad_keyed": "key_a,key_b,seq\nx,1,1\nx,1,2\ny,1,2\ny,1,2\nz,1,1\nz,1,1\nw,,1\nw,,2\n",
    "good_keyed_whole": "key_a,key_b,seq\nx,1,1\nx,2,2\ny,1,2\nw,,1\n",
    # without latest_rows_by every duplicate counts, (z,1) too
    "bad_keyed_whole": "key_a,key_b,seq\nx,1,1\nx,1,2\ny,1,2\ny,1,2\nz,1,1\nz,1,1\nw,,1\nw,,2\n",
}

# test name (with @variant when a test has several cases) -> (seed -> column tests) for both
# the good and the bad seed, and the failures the bad seed must give
CASES = {
    "valid_e164": ("phones", "column", "phone", {}, 4),
    "valid_email": ("emails", "column", "email", {"canonical": True}, 4),
    "ordered_pair": (
        "pairs",
        "model",
        None,
        {"left_column": "left_id", "right_column": "right_id"},
        3,
    ),
    "covers_every_row": (
        "clusters",
        "column",
        "record_id",
        {"to": "ref('records')", "field": "record_id"},
        1,
    ),
    "max_group_size": ("clusters", "column", "cluster_id", {"max_size": 2}, 1),
    "one_row_per": (
        "golden",
        "column",
        "cluster_id",
        {"to": "ref('good_clusters')", "field": "cluster_id"},
        3,
    ),
    "reconciles": (
        "reconciliation",
        "model",
        None,
        {"total": "raw_rows", "parts": ["staged_rows", "quarantined_rows", "deduplicated_rows"]},
        2,
    ),
    "unique_combination_of_columns@latest": (
        "keyed",
        "model",
        None,
        {"combination_of_columns": ["key_a", "key_b"], "latest_rows_by": "seq"},
        3,
    ),
    "unique_combination_of_columns@whole": (
        "keyed_whole",
        "model",
        None,
        {"combination_of_columns": ["key_a", "key_b"]},
        4,
    ),
}


def properties() -> dict[str, object]:
    """The seeds' properties file: each case's test on its good and its bad seed."""
    seeds: list[dict[str, object]] = []
    for case, (seed, level, column, arguments, _) in CASES.items():
        name = case.split("@")[0]
        for quality in ("good", "bad"):
            test = {name: {"arguments": arguments}} if arguments else name
            entry: dict[str, object] = {"name": f"{quality}_{seed}"}
            if level == "model":
                entry["data_tests"] = [test]
            else:
                entry["columns"] = [{"name": column, "data_tests": [test]}]
            seeds.append(entry)
    merged: dict[str, dict[str, object]] = {}
    for entry in seeds:  # a seed used by two cases gets both tests
        target = merged.setdefault(str(entry["name"]), {"name": entry["name"]})
        for key in ("data_tests", "columns"):
            if key in entry:
                target.setdefault(key, [])
                target[key] += entry[key]  # type: ignore[operator]
    for name, entry in merged.items():  # text stays text ("+1555..." is not a number)
        columns = SEEDS[name].split("\n", 1)[0].split(",")
        entry["config"] = {
            "column_types": {
                column: "integer" if column.endswith("_rows") or column == "seq" else "varchar"
                for column in columns
            }
        }
    return {"version": 2, "seeds": list(merged.values())}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, int]]:
    """Run results of the scratch project: seed name and test name -> (status, failures)."""
    project = tmp_path_factory.mktemp("generic_tests")
    (project / "seeds").mkdir()
    for name, text in SEEDS.items():
        (project / "seeds" / f"{name}.csv").write_text(text)
    (project / "seeds" / "_seeds.yml").write_text(json.dumps(properties(), indent=2))
    shutil.copytree(REPO / "tests" / "generic", project / "tests" / "generic")
    shutil.copytree(REPO / "macros" / "cross_db", project / "macros" / "cross_db")
    # the test-scoping macros (get_where_subquery) the generic tests call
    shutil.copytree(REPO / "macros" / "testing", project / "macros" / "testing")
    (project / "dbt_project.yml").write_text(
        "name: customer_360\nversion: '0.1.0'\nconfig-version: 2\nprofile: customer_360\n"
        "seed-paths: [seeds]\ntest-paths: [tests]\nmacro-paths: [macros]\n"
    )
    database = project / "scratch.duckdb"
    built = run_dbt(["build", "--project-dir", str(project)], project, database)
    run_results = json.loads((project / "target" / "run_results.json").read_text())
    assert run_results["results"], built.stdout[-3000:]
    manifest = json.loads((project / "target" / "manifest.json").read_text())
    found: dict[str, tuple[str, int]] = {}
    for result in run_results["results"]:
        node = manifest["nodes"][result["unique_id"]]
        if node["resource_type"] != "test":
            continue
        seed = node["attached_node"].split(".")[-1]
        found[f"{seed}:{node['test_metadata']['name']}"] = (
            result["status"],
            int(result["failures"] or 0),
        )
    return found


@pytest.mark.parametrize("case", sorted(CASES))
def test_generic_test_passes_good_rows_and_counts_bad_ones(
    case: str, results: dict[str, tuple[str, int]]
) -> None:
    seed, _, _, _, bad_rows = CASES[case]
    name = case.split("@")[0]
    assert results[f"good_{seed}:{name}"] == ("pass", 0)
    assert results[f"bad_{seed}:{name}"] == ("fail", bad_rows)
