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
`Plugin` below, so that the post-hook's SQL can call them. On an object-store lake root
(`s3://bucket/prefix`: no links, no rename) each function hands over to its namesake in
`lake_publish_s3`, which publishes by putting one small pointer object last
(`curated/<name>/_current`, holding what the link holds) and copies unchanged partitions
server-side; the plugin then also loads DuckDB's httpfs from its wheel and creates the lake's
secret (`object_store`).

An export rewrites only what changed. Beside each version it writes a fingerprint manifest,
`_versions/<name>/.fingerprints-<version>.json`: the export's signature (format, DuckDB version,
compression, partition columns, column names and types), and per partition (one for an
unpartitioned output) its key, row count, an order-independent hash of its rows computed by
DuckDB, its folder and its files with their sizes (`record_fingerprints`). The next export of the
output compares the table's fingerprints with those of the published version
(`reusable_partitions`), writes only the partitions whose fingerprint changed and hard-links
(`os.link`) the files of the others from the published version into the new one
(`link_partitions`), so that every version is still complete on its own. A published version
without a manifest, with another signature or whose files are not those its manifest lists is
not reused: everything is written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path, PurePosixPath
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection
from duckdb.sqltypes import VARCHAR

from customer_360_plugins import lake_publish_s3
from customer_360_plugins.object_store import S3Settings, connect_lake, is_object_store

VERSIONS = "_versions"
LINK_PREFIX = ".link-"
MANIFEST_PREFIX = ".fingerprints-"
MANIFEST_FORMAT = 1
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
    if is_object_store(lake_root):
        return lake_publish_s3.published_version(lake_root, name)
    link = Path(lake_root) / "curated" / name
    if not link.is_symlink():
        return None
    target = link.readlink()
    if target.parent != Path(VERSIONS) / name:
        return None
    return target.name


def published_location(lake_root: str, name: str) -> str | None:
    """Where a reader reads the published version of a curated output, resolved once so that a
    query over many files sees one version: `<lake_root>/curated/_versions/<name>/<version>`,
    from the link (a local lake) or the pointer object `curated/<name>/_current` (an object
    store); None when the output was never published."""
    version = published_version(lake_root, name)
    if version is None:
        return None
    return f"{lake_root.rstrip('/')}/curated/{VERSIONS}/{name}/{version}"


def prepare_version(lake_root: str, name: str, version: str) -> str:
    """Create the empty folder of a new version (and its parents); return its path."""
    if is_object_store(lake_root):
        return lake_publish_s3.prepare_version(lake_root, name, version)
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


def manifest_path(lake_root: str, name: str, version: str) -> Path:
    """The fingerprint manifest of one version of a curated output (beside its folder)."""
    folder = version_folder(lake_root, name, version)
    return folder.parent / f"{MANIFEST_PREFIX}{version}.json"


def _kept(versions: set[str | None]) -> set[str]:
    """The entries of `_versions/<name>/` that keep these versions: folders and manifests."""
    return {
        entry
        for version in versions
        if version is not None
        for entry in (version, f"{MANIFEST_PREFIX}{version}.json")
    }


def _relative_folder(folder: str) -> PurePosixPath:
    """A partition folder inside a version ('' for the version's own folder), checked."""
    path = PurePosixPath(folder)
    if path.is_absolute() or ".." in path.parts:
        raise ValueError(f"partition folder {folder!r} is not inside the version folder")
    return path


def _manifest(lake_root: str, name: str, version: str) -> dict[str, Any] | None:
    """A version's manifest, when it exists, parses and names that version."""
    path = manifest_path(lake_root, name, version)
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("version") != version:
        return None
    return manifest


def reusable_partitions(lake_root: str, name: str, signature: str) -> str:
    """The published version's fingerprints, as JSON text
    `{"version": ..., "partitions": {key: {"rows", "fingerprint", "folder"}}}`, when its files
    can be linked into a new version: it has a manifest of this format and signature, and every
    file the manifest lists is in the version with its recorded size. '' otherwise (no
    published version, one written in place or before manifests existed, another schema or
    partitioning, a file gone or changed): the export then writes everything."""
    if is_object_store(lake_root):
        return lake_publish_s3.reusable_partitions(lake_root, name, signature)
    version = published_version(lake_root, name)
    if version is None:
        return ""
    manifest = _manifest(lake_root, name, version)
    if (
        manifest is None
        or manifest.get("format") != MANIFEST_FORMAT
        or manifest.get("signature") != signature
    ):
        return ""
    folder = version_folder(lake_root, name, version)
    partitions = {}
    try:
        for partition in manifest["partitions"]:
            files = folder / _relative_folder(partition["folder"])
            for file_name, size in partition["files"]:
                path = files / file_name
                if path.is_symlink() or not path.is_file() or path.stat().st_size != size:
                    return ""
            partitions[partition["key"]] = {
                "rows": partition["rows"],
                "fingerprint": partition["fingerprint"],
                "folder": partition["folder"],
            }
    except (KeyError, TypeError, ValueError):
        return ""
    return json.dumps({"version": version, "partitions": partitions})


def link_partitions(lake_root: str, name: str, previous: str, version: str, folders: str) -> str:
    """Hard-link the files of the given partition folders (a JSON list; '' is the version's
    own folder) of version `previous`, as its manifest lists them, into the same folders of
    the new version. Returns how many files were linked, as text."""
    if is_object_store(lake_root):
        return lake_publish_s3.link_partitions(lake_root, name, previous, version, folders)
    source = version_folder(lake_root, name, previous)
    target = version_folder(lake_root, name, version)
    manifest = _manifest(lake_root, name, previous)
    if manifest is None:
        raise FileNotFoundError(f"{manifest_path(lake_root, name, previous)}: no manifest")
    listed = {partition["folder"]: partition["files"] for partition in manifest["partitions"]}
    linked = 0
    for folder in json.loads(folders):
        if folder not in listed:
            raise ValueError(f"{source}: its manifest lists no partition folder {folder!r}")
        relative = _relative_folder(folder)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for file_name, _ in listed[folder]:
            os.link(source / relative / file_name, target / relative / file_name)
            linked += 1
    return str(linked)


def _partition_files(folder: Path) -> list[list[Any]]:
    """The Parquet files of one partition folder, with their sizes, in name order."""
    return [
        [path.name, path.stat().st_size]
        for path in sorted(folder.iterdir())
        if path.is_file() and path.suffix == ".parquet"
    ]


def record_fingerprints(
    lake_root: str, name: str, version: str, signature: str, partitions: str
) -> str:
    """Check a written version against its table and write its manifest; return its path.

    `partitions` is a JSON list with one entry per partition of the table or folder of the
    version (SQL's full outer join of the two): `{key, rows, fingerprint, folder,
    written_rows}`, `rows` and `fingerprint` of the table's partition, `folder` (absolute) and
    `written_rows` of the version's files holding it. Every partition must be in exactly one
    folder with all its rows, and the version must hold no other Parquet file."""
    if is_object_store(lake_root):
        return lake_publish_s3.record_fingerprints(lake_root, name, version, signature, partitions)
    folder = version_folder(lake_root, name, version)
    root = folder.absolute()
    recorded: dict[str, dict[str, Any]] = {}
    for entry in json.loads(partitions) or []:
        key, written = entry["key"], entry.get("written_rows")
        place = f"curated output {name}, version {version}, partition {key}"
        if entry.get("rows") is None:
            raise ValueError(f"{place}: {written} rows in {entry['folder']}, none in the table")
        if written is None:
            raise ValueError(f"{place}: {entry['rows']} rows in the table, no file written")
        if key in recorded:
            raise ValueError(f"{place}: written to two folders")
        if written != entry["rows"]:
            raise ValueError(
                f"{place}: {written} rows in {entry['folder']}, {entry['rows']} in the table"
            )
        partition_folder = Path(entry["folder"]).absolute()
        if partition_folder != root and root not in partition_folder.parents:
            raise ValueError(f"{place}: folder {partition_folder} is outside {folder}")
        relative = partition_folder.relative_to(root)
        recorded[key] = {
            "key": key,
            "rows": entry["rows"],
            "fingerprint": entry["fingerprint"],
            "folder": "" if relative == Path() else relative.as_posix(),
            "files": _partition_files(partition_folder),
        }
    listed = {
        (Path(partition["folder"]) / file_name).as_posix()
        for partition in recorded.values()
        for file_name, _ in partition["files"]
    }
    on_disk = {path.relative_to(folder).as_posix() for path in folder.rglob("*.parquet")}
    if on_disk != listed:
        raise ValueError(
            f"curated output {name}, version {version}: files {sorted(on_disk ^ listed)} are not"
            " those of the table's partitions"
        )
    manifest = {
        "format": MANIFEST_FORMAT,
        "version": version,
        "signature": signature,
        "partitions": sorted(recorded.values(), key=lambda partition: partition["key"]),
    }
    path = manifest_path(lake_root, name, version)
    staged = path.with_name(path.name + ".tmp")
    staged.write_text(json.dumps(manifest, indent=1) + "\n")
    _fsync(staged)
    staged.replace(path)
    return str(path)


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
    if is_object_store(lake_root):
        return lake_publish_s3.publish_version(lake_root, name, version)
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
        if entry.name not in _kept({version, previous}):
            _remove(entry)
    return str(link)


def prune_unpublished_versions(lake_root: str) -> str:
    """Delete every version of every curated output but the published one (and stray links):
    the previous version `publish_version` keeps for readers may hold a person erased on request
    (docs/privacy.md), so the run that applies an erasure drops it. Returns how many entries
    were deleted, as text."""
    if is_object_store(lake_root):
        return lake_publish_s3.prune_unpublished_versions(lake_root)
    versions = Path(lake_root) / "curated" / VERSIONS
    if not versions.is_dir():
        return "0"
    deleted = 0
    for output in sorted(versions.iterdir()):
        if not output.is_dir() or not NAME.fullmatch(output.name):
            continue
        keep = _kept({published_version(lake_root, output.name)})
        for entry in output.iterdir():
            if entry.name not in keep:
                _remove(entry)
                deleted += 1
    return str(deleted)


class Plugin(BasePlugin):
    """dbt-duckdb plugin: registers the publish functions on every dbt connection and, for an
    object-store lake, makes the connection reach it.

    Its profile config (profiles.yml): `lake_root`, the dbt var (`{{ var('lake_root', '') }}`:
    a profile sees the vars given with --vars); `s3`, optional credentials and endpoint
    (`key_id`, `secret`, `session_token`, `region`, `endpoint`, `url_style`) that take the place
    of the AWS_* environment variables."""

    def initialize(self, plugin_config: dict[str, Any]) -> None:
        """Read the lake root and the S3 values of the profile (with no `config:`, dbt-duckdb
        hands the profile's settings, which hold neither)."""
        self.lake_root = str(plugin_config.get("lake_root") or "")
        self.s3 = dict(plugin_config.get("s3") or {})
        lake_publish_s3.configure(self.s3)

    def update_connection_config(self, creds: Any, config: dict[str, Any]) -> None:
        """For an object-store lake, forbid DuckDB to download extensions: httpfs is loaded
        from its wheel (configure_connection), never installed at run time."""
        if is_object_store(self.lake_root):
            config.setdefault("autoinstall_known_extensions", False)

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        """Register customer_360_prepare_version, customer_360_publish_version and
        customer_360_prune_unpublished_versions, and the functions of an export that rewrites
        only what changed: customer_360_reusable_partitions, customer_360_link_partitions and
        customer_360_record_fingerprints. For an object-store lake root, first load httpfs
        and create the lake's secret (object_store.connect_lake)."""
        if is_object_store(self.lake_root):
            connect_lake(conn, self.lake_root, S3Settings.resolve(self.s3))
        functions = {
            prepare_version: 3,
            publish_version: 3,
            reusable_partitions: 3,
            link_partitions: 5,
            record_fingerprints: 5,
        }
        for function, arguments in functions.items():
            conn.create_function(
                f"customer_360_{function.__name__}",
                function,
                [VARCHAR] * arguments,
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
