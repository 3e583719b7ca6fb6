"""Atomic publish of the curated outputs on an object-store lake (`lake_root` s3://...).

The protocol of `lake_publish` without links, renames or hard links (an S3 API has none):

- a version is written under the same prefix as locally,
  `<lake_root>/curated/_versions/<name>/<version>/`, by DuckDB's COPY through httpfs;
- the partitions unchanged since the published version are copied into it server-side
  (CopyObject: no byte passes through this machine) instead of hard-linked;
- the version is read back (row counts per partition, in the export's SQL) and its object
  listing checked against the table's partitions before its fingerprint manifest,
  `_versions/<name>/.fingerprints-<version>.json`, is put;
- it is published by putting one small pointer object last, `<lake_root>/curated/<name>/_current`,
  holding what the local link holds: `_versions/<name>/<version>`. A PUT is atomic (a reader gets
  the old pointer or the new one) and S3 lists and reads after a write consistently, so a reader
  that resolves the pointer before listing files sees one complete version;
- the version replaced stays for readers part-way through it; every other object under
  `_versions/<name>/` is deleted.

The functions take the same arguments and return the same values as those of `lake_publish`,
which calls them for an object-store lake root.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import PurePosixPath
from typing import Any

from customer_360_plugins.object_store import S3Settings, join_key, split_url

VERSIONS = "_versions"
MANIFEST_PREFIX = ".fingerprints-"
MANIFEST_FORMAT = 1
POINTER = "_current"

_profile: dict[str, Any] = {}


def configure(profile: dict[str, Any] | None) -> None:
    """Use the profile's s3: values (else the environment's) for the S3 client."""
    _profile.clear()
    _profile.update(profile or {})
    _client.cache_clear()


@cache
def _client() -> Any:
    return S3Settings.resolve(_profile).client()


def _checked(name: str, version: str) -> None:
    from customer_360_plugins.lake_publish import _checked as checked

    checked(name, version)


class _Lake:
    """The keys of one lake root's curated outputs."""

    def __init__(self, lake_root: str) -> None:
        self.root = lake_root.rstrip("/")
        self.bucket, self.prefix = split_url(self.root)
        self.scheme = self.root.split("://", 1)[0]

    def key(self, *parts: str) -> str:
        return join_key(self.prefix, "curated", *parts)

    def url(self, key: str) -> str:
        return f"{self.scheme}://{self.bucket}/{key}"

    def fail(self, action: str, error: Exception) -> RuntimeError:
        """An error naming the lake, the object and what was done."""
        return RuntimeError(f"lake_root {self.root}: {action}: {error}")

    def objects(self, *parts: str) -> dict[str, int]:
        """Every object under a folder of curated/, by its key relative to the folder, with
        its size."""
        folder = self.key(*parts) + "/"
        found: dict[str, int] = {}
        try:
            pages = (
                _client()
                .get_paginator("list_objects_v2")
                .paginate(Bucket=self.bucket, Prefix=folder)
            )
            for page in pages:
                for entry in page.get("Contents", []):
                    found[entry["Key"][len(folder) :]] = entry["Size"]
        except Exception as error:
            raise self.fail(f"cannot list {self.url(folder)}", error) from error
        return found

    def read(self, key: str) -> str | None:
        """An object's text, None when there is no such object."""
        client = _client()
        try:
            body = client.get_object(Bucket=self.bucket, Key=key)["Body"]
        except client.exceptions.NoSuchKey:
            return None
        except Exception as error:
            raise self.fail(f"cannot read {self.url(key)}", error) from error
        return body.read().decode()

    def put(self, key: str, text: str) -> None:
        try:
            _client().put_object(Bucket=self.bucket, Key=key, Body=text.encode())
        except Exception as error:
            raise self.fail(f"cannot write {self.url(key)}", error) from error

    def delete(self, keys: list[str]) -> None:
        for start in range(0, len(keys), 1000):
            batch = [{"Key": key} for key in keys[start : start + 1000]]
            try:
                answer = _client().delete_objects(Bucket=self.bucket, Delete={"Objects": batch})
            except Exception as error:
                raise self.fail(f"cannot delete {len(batch)} objects", error) from error
            if answer.get("Errors"):
                raise self.fail("cannot delete", RuntimeError(str(answer["Errors"][:3])))


def published_version(lake_root: str, name: str) -> str | None:
    """The version `curated/<name>/_current` points to (None when there is no pointer)."""
    lake = _Lake(lake_root)
    text = lake.read(lake.key(name, POINTER))
    if text is None:
        return None
    target = PurePosixPath(text.strip())
    if target.parent != PurePosixPath(VERSIONS) / name:
        return None
    return target.name


def prepare_version(lake_root: str, name: str, version: str) -> str:
    """Check that no object holds the new version yet (a version is written once); return the
    version's folder URL. Object stores have no folders to create."""
    _checked(name, version)
    lake = _Lake(lake_root)
    if lake.objects(VERSIONS, name, version):
        raise FileExistsError(
            f"{lake.url(lake.key(VERSIONS, name, version))} exists: a version is written once"
        )
    return lake.url(lake.key(VERSIONS, name, version))


def _manifest(lake: _Lake, name: str, version: str) -> dict[str, Any] | None:
    text = lake.read(lake.key(VERSIONS, name, f"{MANIFEST_PREFIX}{version}.json"))
    try:
        manifest = json.loads(text) if text is not None else None
    except ValueError:
        return None
    if not isinstance(manifest, dict) or manifest.get("version") != version:
        return None
    return manifest


def _listed_files(manifest: dict[str, Any]) -> Iterator[tuple[str, str, int]]:
    """(partition folder, object path relative to the version, size) of a manifest's files."""
    for partition in manifest["partitions"]:
        folder = partition["folder"]
        for file_name, size in partition["files"]:
            yield folder, join_key(folder, file_name), size


def reusable_partitions(lake_root: str, name: str, signature: str) -> str:
    """As `lake_publish.reusable_partitions`: the published version's fingerprints as JSON when
    its manifest has this format and signature and every object it lists is there with its
    size; '' otherwise."""
    lake = _Lake(lake_root)
    version = published_version(lake_root, name)
    if version is None:
        return ""
    manifest = _manifest(lake, name, version)
    if (
        manifest is None
        or manifest.get("format") != MANIFEST_FORMAT
        or manifest.get("signature") != signature
    ):
        return ""
    stored = lake.objects(VERSIONS, name, version)
    try:
        if any(stored.get(path) != size for _, path, size in _listed_files(manifest)):
            return ""
        partitions = {
            partition["key"]: {
                "rows": partition["rows"],
                "fingerprint": partition["fingerprint"],
                "folder": partition["folder"],
            }
            for partition in manifest["partitions"]
        }
    except (KeyError, TypeError, ValueError):
        return ""
    return json.dumps({"version": version, "partitions": partitions})


def link_partitions(lake_root: str, name: str, previous: str, version: str, folders: str) -> str:
    """Copy, server-side, the objects of the given partition folders of version `previous`
    (as its manifest lists them) into the same folders of the new version. Returns how many
    objects were copied, as text."""
    _checked(name, previous)
    _checked(name, version)
    lake = _Lake(lake_root)
    manifest = _manifest(lake, name, previous)
    if manifest is None:
        raise FileNotFoundError(
            f"{lake.url(lake.key(VERSIONS, name, MANIFEST_PREFIX + previous + '.json'))}:"
            " no manifest"
        )
    wanted = set(json.loads(folders))
    unknown = wanted - {partition["folder"] for partition in manifest["partitions"]}
    if unknown:
        raise ValueError(
            f"{lake.url(lake.key(VERSIONS, name, previous))}: its manifest lists no partition"
            f" folder {sorted(unknown)[0]!r}"
        )
    client = _client()
    copied = 0
    for folder, path, _ in _listed_files(manifest):
        if folder not in wanted:
            continue
        _relative(folder)
        source = lake.key(VERSIONS, name, previous, path)
        try:
            target = lake.key(VERSIONS, name, version, path)
            client.copy({"Bucket": lake.bucket, "Key": source}, lake.bucket, target)
        except Exception as error:
            raise lake.fail(f"cannot copy {lake.url(source)}", error) from error
        copied += 1
    return str(copied)


def _relative(folder: str) -> PurePosixPath:
    path = PurePosixPath(folder)
    if path.is_absolute() or ".." in path.parts:
        raise ValueError(f"partition folder {folder!r} is not inside the version folder")
    return path


def record_fingerprints(
    lake_root: str, name: str, version: str, signature: str, partitions: str
) -> str:
    """As `lake_publish.record_fingerprints`: check the written version (read back by the
    export's SQL, listed here) against the table's partitions, then put its manifest; return
    the manifest's URL."""
    _checked(name, version)
    lake = _Lake(lake_root)
    root = lake.url(lake.key(VERSIONS, name, version))
    stored = lake.objects(VERSIONS, name, version)
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
        folder = entry["folder"].rstrip("/")
        if folder != root and not folder.startswith(root + "/"):
            raise ValueError(f"{place}: folder {folder} is outside {root}")
        relative = folder[len(root) :].strip("/")
        recorded[key] = {
            "key": key,
            "rows": entry["rows"],
            "fingerprint": entry["fingerprint"],
            "folder": relative,
            "files": sorted(
                [path.rsplit("/", 1)[-1], size]
                for path, size in stored.items()
                if path.endswith(".parquet") and path.rpartition("/")[0] == relative
            ),
        }
    listed = {
        join_key(partition["folder"], file_name)
        for partition in recorded.values()
        for file_name, _ in partition["files"]
    }
    on_store = {path for path in stored if path.endswith(".parquet")}
    if on_store != listed:
        raise ValueError(
            f"curated output {name}, version {version}: files {sorted(on_store ^ listed)} are"
            " not those of the table's partitions"
        )
    manifest = {
        "format": MANIFEST_FORMAT,
        "version": version,
        "signature": signature,
        "partitions": sorted(recorded.values(), key=lambda partition: partition["key"]),
    }
    key = lake.key(VERSIONS, name, f"{MANIFEST_PREFIX}{version}.json")
    lake.put(key, json.dumps(manifest, indent=1) + "\n")
    return lake.url(key)


def _kept(versions: set[str | None]) -> set[str]:
    return {
        entry
        for version in versions
        if version is not None
        for entry in (version, f"{MANIFEST_PREFIX}{version}.json")
    }


def _prune(lake: _Lake, name: str, keep: set[str]) -> int:
    """Delete every object under `_versions/<name>/` outside the kept entries (version folders
    and manifests); the number of entries deleted."""
    doomed: dict[str, list[str]] = {}
    for path in lake.objects(VERSIONS, name):
        entry = path.split("/", 1)[0]
        if entry not in keep:
            doomed.setdefault(entry, []).append(lake.key(VERSIONS, name, path))
    lake.delete([key for keys in doomed.values() for key in keys])
    return len(doomed)


def publish_version(lake_root: str, name: str, version: str) -> str:
    """Point `curated/<name>/_current` at a written version (one PUT, put last); keep the
    version it replaces, delete every other one. Returns the pointer's URL."""
    _checked(name, version)
    lake = _Lake(lake_root)
    folder = lake.url(lake.key(VERSIONS, name, version))
    if not lake.objects(VERSIONS, name, version):
        raise FileNotFoundError(f"{folder} holds no object: nothing to publish")
    previous = published_version(lake_root, name)
    pointer = lake.key(name, POINTER)
    lake.put(pointer, f"{VERSIONS}/{name}/{version}\n")
    _prune(lake, name, _kept({version, previous}))
    return lake.url(pointer)


def prune_unpublished_versions(lake_root: str) -> str:
    """As `lake_publish.prune_unpublished_versions`: delete every version of every curated
    output but the published one. Returns how many entries were deleted, as text."""
    from customer_360_plugins.lake_publish import NAME

    lake = _Lake(lake_root)
    names = sorted({path.split("/", 1)[0] for path in lake.objects(VERSIONS)})
    deleted = 0
    for name in names:
        if NAME.fullmatch(name):
            deleted += _prune(lake, name, _kept({published_version(lake_root, name)}))
    return str(deleted)
