"""Every project macro is documented in its folder's `_<folder>__macros.yml`.

The house style wants macro folders with a `_<folder>__macros.yml` documenting typed arguments.
`dbt parse` writes each macro's description, documented arguments and source (`macro_sql`) to
the manifest; the signature is parsed from the source with dbt's own Jinja environment, so an
argument added to a macro but not to its yml fails here. Dispatch implementations
(`duckdb__x`, `default__x`) are covered by their dispatcher's entry; generic tests cannot have
macro properties, so they must carry a docs comment instead.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2
import pytest
from dbt.parser.schemas import is_valid_type
from dbt_common.clients.jinja import get_environment
from dbt_runner import REPO, run_dbt

PACKAGE = "customer_360"
# A yml entry naming a macro that does not exist (renamed, removed, misspelt) fails the parse.
WARN_ERROR = json.dumps({"error": ["MacroNotFoundForPatch"]})
# a {#- ... -#} comment (not running past its own end) right before a {% test name(...) %} block
DOCS_COMMENT_BEFORE_TEST = re.compile(
    r"\{#-?(?P<comment>(?:(?!#\}).)*?)-?#\}\s*\{%-?\s*test\s+(?P<name>\w+)", re.S
)

Macro = dict[str, object]


@pytest.fixture(scope="module")
def macros(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Macro]:
    """The project's macros from the manifest of a fresh `dbt parse`, by name."""
    work = tmp_path_factory.mktemp("macro_docs")
    result = run_dbt(
        ["parse", "--warn-error-options", WARN_ERROR], work / "lake", work / "customer_360.duckdb"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((work / "target" / "manifest.json").read_text())
    return {
        macro["name"]: macro
        for macro in manifest["macros"].values()
        if macro["package_name"] == PACKAGE
    }


def signature(macro: Macro) -> list[str]:
    """The argument names of a macro, parsed from its source as dbt parses it."""
    tree = get_environment().parse(str(macro["macro_sql"]))
    (node,) = tree.find_all(jinja2.nodes.Macro)
    return [argument.name for argument in node.args]


def dispatcher_of(name: str, macros: dict[str, Macro]) -> str | None:
    """The macro that dispatches to `name` when `name` is an `<adapter>__<macro>` implementation."""
    match = re.fullmatch(r"[a-z0-9]+__(?P<macro>\w+)", name)
    if match is None or match["macro"] not in macros:
        return None
    dispatcher = match["macro"]
    calls = f"adapter.dispatch('{dispatcher}'"
    return dispatcher if calls in str(macros[dispatcher]["macro_sql"]) else None


def documented(macros: dict[str, Macro]) -> dict[str, Macro]:
    """The macros that need their own entry: not generic tests, not dispatch implementations."""
    return {
        name: macro
        for name, macro in macros.items()
        if not str(macro["original_file_path"]).startswith("tests/")
        and dispatcher_of(name, macros) is None
    }


def test_the_signature_parser_reads_defaults_and_the_dispatch_rule_finds_implementations(
    macros: dict[str, Macro],
) -> None:
    # parse_date's default is a list spread over several lines, holding commas and quotes
    assert signature(macros["parse_date"]) == ["expr", "formats"]
    assert signature(macros["connected_components"]) == ["nodes", "edges", "rounds"]
    assert signature(macros["materialized_cte"]) == []
    assert dispatcher_of("duckdb__parse_date", macros) == "parse_date"
    assert dispatcher_of("default__create_work_table", macros) == "create_work_table"
    # a double underscore alone does not make an implementation
    assert dispatcher_of("duckdb__no_such_macro", macros) is None
    assert "duckdb__parse_date" not in documented(macros)
    assert "parse_date" in documented(macros)
    assert "test_accepted_range" not in documented(macros)


def test_every_macro_has_a_description(macros: dict[str, Macro]) -> None:
    undocumented = [
        f"{macro['original_file_path']}: {name}"
        for name, macro in sorted(documented(macros).items())
        if not str(macro["description"]).strip()
    ]
    assert not undocumented, "macros without a description in their _<folder>__macros.yml:\n" + (
        "\n".join(undocumented)
    )


def test_every_macro_argument_is_documented_with_a_type(macros: dict[str, Macro]) -> None:
    problems = []
    for name, macro in sorted(documented(macros).items()):
        expected = signature(macro)
        arguments = list(macro["arguments"])  # type: ignore[call-overload]
        names = [argument["name"] for argument in arguments]
        if names != expected:
            problems.append(f"{name}: yml documents {names}, the macro takes {expected}")
        for argument in arguments:
            if not is_valid_type(argument.get("type") or ""):
                problems.append(
                    f"{name}({argument['name']}): type {argument.get('type')!r} is not a dbt"
                    " macro type (str, string, bool, int, integer, float, any, relation, column,"
                    " list[...], dict[..., ...], optional[...])"
                )
            if not (argument.get("description") or "").strip():
                problems.append(f"{name}({argument['name']}): no description")
    assert not problems, "macro arguments out of step with their yml:\n" + "\n".join(problems)


def test_macros_are_documented_in_their_folders_yml(macros: dict[str, Macro]) -> None:
    misplaced = []
    for name, macro in sorted(documented(macros).items()):
        folder = Path(str(macro["original_file_path"])).parent
        expected = f"{PACKAGE}://{folder / f'_{folder.name}__macros.yml'}"
        if macro["patch_path"] != expected:
            misplaced.append(f"{name}: documented in {macro['patch_path']}, not {expected}")
    assert not misplaced, "\n".join(misplaced)


def test_every_generic_test_has_a_docs_comment(macros: dict[str, Macro]) -> None:
    tests = {
        name.removeprefix("test_"): macro
        for name, macro in macros.items()
        if str(macro["original_file_path"]).startswith("tests/generic/")
    }
    assert tests, "no generic test found under tests/generic"
    undocumented = []
    for name, macro in sorted(tests.items()):
        source = (REPO / str(macro["original_file_path"])).read_text()
        comments = {
            match["name"]: match["comment"].strip()
            for match in DOCS_COMMENT_BEFORE_TEST.finditer(source)
        }
        if not comments.get(name):
            undocumented.append(f"{macro['original_file_path']}: {name}")
    assert not undocumented, "generic tests without a {#- ... -#} docs comment before them:\n" + (
        "\n".join(undocumented)
    )
