"""columns_not_null: one test per model checks every column it declares not null as a dbt
constraint (`constraints: [{type: not_null}]`, macros/testing, docs/data_quality.md).

On a generated lake built up to the unioned profiles: a null reaching a declared column of a
view fails the build at that view, skips what is downstream of it, and the test's failing row
names the column and carries the row; the staging model holding the bad row, which the build
did not write, passes its scoped test; a test run with the scoping off finds the row there too.
In a scratch project of inline models (the project's testing macros copied, as
test_generic_tests.py does): several null columns in one row, `where`, severity warn, a
model-level constraint, a quoted column, and the errors for a declared column the model lacks
and for a model declaring none.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import generate
from dbt_runner import REPO, query, run_dbt

LAKE_ARGS = ["--customers", "60", "--seed", "5", "--days", "14"]
FIRST_LOAD = "2026-01-01"
STAGED = "staging.stg_crm__contacts"
UNIONED = "columns_not_null_int_profiles_unioned_"
STAGED_TEST = "columns_not_null_stg_crm__contacts_"

Results = dict[str, dict[str, object]]


def results_of(database: Path) -> Results:
    """The last run's results by node name."""
    run = json.loads((database.parent / "target" / "run_results.json").read_text())
    return {row["unique_id"].split(".")[2]: row for row in run["results"]}


def failing_rows(database: Path, result: dict[str, object]) -> list[dict[str, object]]:
    """The rows a test's compiled query returns: its failing rows, as a reader of the warehouse
    sees them."""
    with duckdb.connect(str(database), read_only=True) as con:
        relation = con.sql(str(result["compiled_code"]))
        return [dict(zip(relation.columns, row, strict=True)) for row in relation.fetchall()]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small generated lake, built up to the unioned profiles as of its first load date, then
    incrementally with the whole lake (the staged rows carry two run stamps)."""
    root = tmp_path_factory.mktemp("columns_not_null")
    lake = generate(root / "lake", *LAKE_ARGS)
    database = root / "work" / "customer_360.duckdb"
    database.parent.mkdir()
    for until in (FIRST_LOAD, None):
        selection = ["--select", "+int_profiles_unioned"]
        result = run_dbt(["build", *selection], lake, database, {"load_date_until": until})
        assert result.returncode == 0, result.stdout[-4000:]
    return lake, database


def test_a_null_in_a_declared_column_fails_the_build_naming_model_column_and_row(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    lake, built_database = built
    (tmp_path / "work").mkdir()
    database = Path(shutil.copy(built_database, tmp_path / "work" / built_database.name))
    # a staged CRM contact again, without its id, among the rows an earlier run wrote
    with duckdb.connect(str(database)) as con:
        con.execute(
            f"insert into {STAGED} by name select * replace (null as contact_id) from {STAGED}"
            f" where _load_sequence < (select max(_load_sequence) from {STAGED})"
            " and full_name is not null order by _file_name, _row_in_file limit 1"
        )
        ((name, file_name, row_in_file),) = con.sql(
            f"select full_name, _file_name, _row_in_file from {STAGED} where contact_id is null"
        ).fetchall()
    selection = ["stg_crm__contacts", "int_profiles_unioned", "int_profiles_normalized"]
    result = run_dbt(["build", "--select", *selection], lake, database)
    assert result.returncode != 0, result.stdout[-4000:]
    ran = results_of(database)
    # the view passes the row through: its test fails, the model after it is skipped
    unioned = ran[UNIONED]
    assert (unioned["status"], unioned["failures"]) == ("fail", 1), result.stdout[-4000:]
    assert ran["int_profiles_normalized"]["status"] == "skipped"
    # the staging model wrote no row in this build: its scoped test read none
    assert ran[STAGED_TEST]["status"] == "pass"
    assert f"FAIL 1 {UNIONED}" in result.stdout
    # the failing row names the null columns (the record id is built from the source id) and is
    # the whole row: the contact it came from can be found
    (row,) = failing_rows(database, unioned)
    assert row["null_columns"] == "profile_record_id, source_record_id"
    assert (row["source_system"], row["full_name"]) == ("crm", name)
    # a test run with the scoping off reads every staged row: the model and its column named
    result = run_dbt(
        ["build", "--select", "stg_crm__contacts", "--resource-type", "test"],
        lake,
        database,
        {"scope_incremental_tests": False},
    )
    assert result.returncode != 0
    staged = results_of(database)[STAGED_TEST]
    assert (staged["status"], staged["failures"]) == ("fail", 1)
    (row,) = failing_rows(database, staged)
    assert row["null_columns"] == "contact_id"
    assert (row["_file_name"], row["_row_in_file"]) == (file_name, row_in_file)
    assert query(database, f"select count(*) from {STAGED} where contact_id is null") == [(1,)]


# --- a scratch project ------------------------------------------------------------------------

MODELS = {
    # two rows with nulls in declared columns, one with two
    "people": "select * from (values ('1', 'ann', 'a@x'), ('2', null, 'b@x'),"
    " (null, null, null), ('4', 'dee', null)) as people (id, name, email)",
    "people_ok": "select * from (values ('1', 'ann', null), ('2', 'bo', null))"
    " as people (id, name, email)",
    "quoted": "select * from (values (1, 'x'), (2, null)) as q (id, \"Full Name\")",
}
PROPERTIES = """
version: 2
models:
- name: people
  constraints: [{type: not_null, columns: [email]}]
  data_tests:
  - columns_not_null
  - columns_not_null:
      name: people_not_null_where
      config: {where: "id <> '2'"}
  - columns_not_null:
      name: people_not_null_warn
      config: {severity: warn}
  columns:
  - {name: id, constraints: [{type: not_null}]}
  - {name: name, constraints: [{type: not_null}]}
  - {name: email}
- name: people_ok
  data_tests: [columns_not_null]
  columns:
  - {name: id, constraints: [{type: not_null}]}
  - {name: name, constraints: [{type: not_null}]}
- name: quoted
  data_tests: [columns_not_null]
  columns:
  - {name: Full Name, quote: true, constraints: [{type: not_null}]}
- name: misspelt
  data_tests: [columns_not_null]
  columns:
  - {name: id, constraints: [{type: not_null}]}
  - {name: emial, constraints: [{type: not_null}]}
- name: undeclared
  data_tests: [columns_not_null]
  columns:
  - {name: id}
"""


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Results, str]:
    """The scratch project's database, run results by test name, and dbt's output."""
    project = tmp_path_factory.mktemp("columns_not_null_scratch")
    (project / "models").mkdir()
    models = {**MODELS, "misspelt": MODELS["people"], "undeclared": MODELS["people"]}
    for name, sql in models.items():
        (project / "models" / f"{name}.sql").write_text(sql + "\n")
    (project / "models" / "_models.yml").write_text(PROPERTIES)
    shutil.copytree(REPO / "macros" / "testing", project / "macros" / "testing")
    (project / "dbt_project.yml").write_text(
        "name: customer_360\nversion: '0.1.0'\nconfig-version: 2\nprofile: customer_360\n"
        "model-paths: [models]\nmacro-paths: [macros]\n"
        "models: {customer_360: {+materialized: table}}\n"
    )
    database = project / "scratch.duckdb"
    built = run_dbt(["build", "--project-dir", str(project)], project, database)
    run = json.loads((project / "target" / "run_results.json").read_text())
    tests = {
        row["unique_id"].split(".")[2]: row
        for row in run["results"]
        if row["unique_id"].startswith("test.")
    }
    assert built.returncode != 0  # the failing tests fail the build
    return database, tests, built.stdout


def test_each_failing_row_names_its_null_columns(scratch: tuple[Path, Results, str]) -> None:
    database, tests, _ = scratch
    people = tests["columns_not_null_people_"]
    assert (people["status"], people["failures"]) == ("fail", 3)
    rows = failing_rows(database, people)
    # the model-level constraint (email) is checked with the columns' own
    assert sorted((row["id"] or "", row["null_columns"]) for row in rows) == [
        ("", "id, name, email"),
        ("2", "name"),
        ("4", "email"),
    ]
    assert tests["columns_not_null_people_ok_"]["status"] == "pass"
    quoted = tests["columns_not_null_quoted_"]
    assert (quoted["status"], quoted["failures"]) == ("fail", 1)
    assert [row["null_columns"] for row in failing_rows(database, quoted)] == ["Full Name"]


def test_where_and_severity_apply_as_on_any_test(scratch: tuple[Path, Results, str]) -> None:
    _, tests, _ = scratch
    # where id <> '2' drops row 2 and the null id (null <> '2' is not true), as dbt's where does
    where = tests["people_not_null_where"]
    assert (where["status"], where["failures"]) == ("fail", 1)
    warn = tests["people_not_null_warn"]
    assert (warn["status"], warn["failures"]) == ("warn", 3)


def test_a_declared_column_the_model_lacks_is_an_error(
    scratch: tuple[Path, Results, str],
) -> None:
    _, tests, output = scratch
    # the query names the column through its alias: the engine's error names it
    misspelt = tests["columns_not_null_misspelt_"]
    assert misspelt["status"] == "error"
    assert 'does not have a column named "emial"' in str(misspelt["message"])
    assert "Failure in test columns_not_null_misspelt_ (models/_models.yml)" in output
    assert 'Binder Error: Values list "tested_rows" does not have a column named "emial"' in output
    undeclared = tests["columns_not_null_undeclared_"]
    assert undeclared["status"] == "error"
    assert "undeclared declares no column with `constraints: [{type: not_null}]`" in str(
        undeclared["message"]
    )
