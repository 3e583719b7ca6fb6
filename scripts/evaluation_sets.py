"""The labelled sets `scripts/evaluate.py` scores: their raw files, overrides and truth.

A set is either files dropped unchanged in a lake's `raw/<source>/` folder (FEBRL 3, FEBRL 4,
the Amazon Connect identity-resolution sample), read through the overrides in
`config/evaluation/<set>.yml`, or a lake written by `scripts/generate_lake.py`. The truth
never reaches dbt: FEBRL's sits inside `rec_id` (`rec-<entity>-org|dup-<k>`), the Connect
sample's in its `Account` column, the generator's in `<lake>/_truth/`.
"""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
CONFIG_DIR = REPO / "config" / "evaluation"
FEBRL_REC_ID = re.compile(r"^rec-(\d+)-(?:org|dup-\d+)$")

# (record_id, label); record_id = source_system || ':' || source_record_id
TruthRow = tuple[str, str]


@dataclass(frozen=True)
class RawFile:
    """One labelled file and the source (folder under `raw/`, source_system) it lands as."""

    source: str
    file: str


@dataclass(frozen=True)
class EvaluationSet:
    """A labelled set: how its lake is made and where its truth label lives."""

    name: str
    files: tuple[RawFile, ...] = ()
    id_column: str = ""
    truth_column: str = ""

    @property
    def generated(self) -> bool:
        """True for the lake written by the generator (truth in `_truth/`)."""
        return not self.files


SETS: dict[str, EvaluationSet] = {
    "febrl3": EvaluationSet(
        "febrl3", (RawFile("febrl3", "febrl3.csv"),), id_column="rec_id", truth_column="rec_id"
    ),
    "febrl4": EvaluationSet(
        "febrl4",
        (RawFile("febrl4a", "febrl4a.csv"), RawFile("febrl4b", "febrl4b.csv")),
        id_column="rec_id",
        truth_column="rec_id",
    ),
    "connect_sample": EvaluationSet(
        "connect_sample",
        (RawFile("connect_sample", "connect_identity_resolution_sample.csv"),),
        id_column="recordid",
        truth_column="account",
    ),
    "generated": EvaluationSet("generated"),
}


def normalize_column(name: str) -> str:
    """A header as the pipeline names it: trimmed, lower-cased, non-alphanumerics -> '_'."""
    return re.sub(r"[^a-z0-9]", "_", name.strip().lower())


def febrl_entity(rec_id: str) -> str:
    """The entity of a FEBRL record id: `rec-1496-dup-3` -> `1496`."""
    match = FEBRL_REC_ID.match(rec_id.strip())
    if match is None:
        raise ValueError(f"not a FEBRL rec_id: {rec_id!r}")
    return match.group(1)


def read_csv_records(path: Path) -> list[dict[str, str]]:
    """Rows of a labelled CSV keyed by normalized header; values stripped, BOM and CRLF handled."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [normalize_column(column) for column in next(reader)]
        return [dict(zip(header, (v.strip() for v in row), strict=True)) for row in reader]


def read_truth(spec: EvaluationSet, datasets: Path) -> list[TruthRow]:
    """(record_id, label) of every record of a file-based set."""
    rows: list[TruthRow] = []
    for raw in spec.files:
        for record in read_csv_records(datasets / raw.file):
            rows.append((f"{raw.source}:{record[spec.id_column]}", truth_label(spec, record)))
    return rows


def truth_label(spec: EvaluationSet, record: dict[str, str]) -> str:
    """The true entity of one record: FEBRL's from its rec_id, the Connect sample's Account."""
    value = record[spec.truth_column]
    return febrl_entity(value) if spec.truth_column == "rec_id" else value


def prepare_lake(spec: EvaluationSet, datasets: Path, lake: Path) -> list[Path]:
    """Recreate `lake` holding each raw file unchanged at `raw/<source>/<file>`; return them."""
    if lake.exists():
        shutil.rmtree(lake)
    copied = []
    for raw in spec.files:
        target = lake / "raw" / raw.source / raw.file
        target.parent.mkdir(parents=True)
        shutil.copyfile(datasets / raw.file, target)
        copied.append(target)
    return copied


def load_overrides(spec: EvaluationSet, config_dir: Path = CONFIG_DIR) -> dict[str, object]:
    """`config/evaluation/<set>.yml` as a dict, refused if it lets the truth label in."""
    overrides = yaml.safe_load((config_dir / f"{spec.name}.yml").read_text())
    if not isinstance(overrides, dict):
        raise ValueError(f"{spec.name}.yml: expected a mapping at the top level")
    leaks = truth_leaks(overrides, spec.truth_column)
    if leaks:
        raise ValueError(f"{spec.name}.yml uses the truth column {spec.truth_column!r} at {leaks}")
    return overrides


def truth_leaks(overrides: dict[str, object], truth_column: str) -> list[str]:
    """Paths of the override values naming the truth column, other than a source's `id`."""
    return [
        path
        for path, value in _strings(overrides, "")
        if normalize_column(value) == truth_column and not re.fullmatch(r"sources\[\d+\]\.id", path)
    ]


def _strings(node: object, path: str) -> Iterator[tuple[str, str]]:
    """Every string inside nested dicts and lists (keys included), with its path."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            child = f"{path}.{key}" if path else str(key)
            yield child, str(key)
            yield from _strings(value, child)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, f"{path}[{index}]")
