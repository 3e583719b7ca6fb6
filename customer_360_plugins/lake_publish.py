"""Atomic publish of the curated lake outputs (the export_to_lake post-hook).

A mart is exported into a new version folder, `<lake_root>/curated/_versions/<name>/<version>/`,
and only then published: `<lake_root>/curated/<name>` is a relative symbolic link to the version
folder, switched by renaming a freshly made link over it (`os.replace`, atomic on POSIX). A
reader of `curated/<name>` therefore sees the previous complete version or the new complete
version, never a half-written or half-deleted one; a build killed before the switch leaves the
published version as it was. The version published before stays on disk (a reader may still be
reading it); older versions, and versions written by a killed build that never published them,
are deleted by the next publish of the same output.

The functions are registered on the dbt connection as DuckDB scalar functions
(`customer_360_prepare_version`, `customer_360_publish_version`) by the dbt-duckdb plugin
`Plugin` below, so that the post-hook's SQL can call them. On an object store (no links, no
rename) the same protocol would publish by writing the version's files under `_versions/` and
then putting one small pointer object (`curated/<name>/_current`, naming the version folder):
a PUT is atomic, and readers resolve the pointer before listing files.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection
from duckdb.sqltypes import VARCHAR

VERSIONS = "_versions"
LINK_PREFIX = ".link-"
NAME = re.compile(r"[a-z0-9][a-z0-9_]*")
VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _checked(name: str, version: str) -> None:
    """Refuse a name or version that is not a plain folder name."""
    if not NAME.fullmatch(name):
        raise ValueError(f"curated output name {name!r}: lower-case letters, digits, _ only")
    if not VERSION.fullmatch(version):
        raise ValueError(f"curated output version {version!r}: letters, digits, _ . - only")


def version_folder(lake_root: str, name: str, version: str) -> Path:
    """The folder that holds one version of a curated output."""
    _checked(name, version)
    return Path(lake_root) / "curated" / VERSIONS / name / version


def published_version(lake_root: str, name: str) -> str | None:
    """The version `curated/<name>` points to (None when it is not a link to a version)."""
    link = Path(lake_root) / "curated" / name
    if not link.is_symlink():
        return None
    target = link.readlink()
    if target.parent != Path(VERSIONS) / name:
        return None
    return target.name


def prepare_version(lake_root: str, name: str, version: str) -> str:
    """Create the empty folder of a new version (and its parents); return its path."""
    folder = version_folder(lake_root, name, version)
    if not (Path(lake_root)).is_dir():
        raise FileNotFoundError(f"lake root {lake_root} is not a folder")
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        folder.mkdir()
    except FileExistsError:
        raise FileExistsError(f"{folder} exists: a version is written once") from None
    return str(folder)


def _fsync(path: Path) -> None:
    """Flush a file or folder to disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_tree(folder: Path) -> int:
    """Flush every file and folder of a version to disk, deepest first; the files' count."""
    files = 0
    for parent, _, names in os.walk(folder, topdown=False):
        for entry in names:
            _fsync(Path(parent) / entry)
        files += len(names)
        _fsync(Path(parent))
    return files


def _remove(path: Path) -> None:
    """Delete a version folder or a stray link or file."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def publish_version(lake_root: str, name: str, version: str) -> str:
    """Point `curated/<name>` at a written version, atomically; keep the version it replaces,
    delete every other one (older versions, versions of killed builds, stray links). Returns
    the published link's path."""
    folder = version_folder(lake_root, name, version)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} does not exist: nothing to publish")
    if _sync_tree(folder) == 0:
        raise FileNotFoundError(f"{folder} holds no file: nothing to publish")
    curated = Path(lake_root) / "curated"
    versions = folder.parent
    link = curated / name
    previous = published_version(lake_root, name)
    if link.exists() and not link.is_symlink():
        # an output written in place before versions existed becomes the previous version
        previous = f"unversioned-{version}"
        link.rename(versions / previous)
    staged = versions / f"{LINK_PREFIX}{version}"
    staged.unlink(missing_ok=True)
    staged.symlink_to(Path(VERSIONS) / name / version, target_is_directory=True)
    staged.replace(link)  # rename(2): atomic on POSIX
    _fsync(curated)
    for entry in versions.iterdir():
        if entry.name not in {version, previous}:
            _remove(entry)
    return str(link)


def prune_unpublished_versions(lake_root: str) -> str:
    """Delete every version of every curated output but the published one (and stray links):
    the previous version `publish_version` keeps for readers may hold a person erased on request
    (docs/privacy.md), so the run that applies an erasure drops it. Returns how many entries
    were deleted, as text."""
    versions = Path(lake_root) / "curated" / VERSIONS
    if not versions.is_dir():
        return "0"
    deleted = 0
    for output in sorted(versions.iterdir()):
        if not output.is_dir() or not NAME.fullmatch(output.name):
            continue
        keep = published_version(lake_root, output.name)
        for entry in output.iterdir():
            if entry.name != keep:
                _remove(entry)
                deleted += 1
    return str(deleted)


class Plugin(BasePlugin):
    """dbt-duckdb plugin: registers the publish functions on every dbt connection."""

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        """Register customer_360_prepare_version, customer_360_publish_version and
        customer_360_prune_unpublished_versions."""
        for function in (prepare_version, publish_version):
            conn.create_function(
                f"customer_360_{function.__name__}",
                function,
                [VARCHAR, VARCHAR, VARCHAR],
                VARCHAR,
                side_effects=True,
            )
        conn.create_function(
            "customer_360_prune_unpublished_versions",
            prune_unpublished_versions,
            [VARCHAR],
            VARCHAR,
            side_effects=True,
        )
