"""An object-store lake: `lake_root` such as `s3://bucket/prefix` (docs/lake_format.md,
"Object-store lake").

DuckDB reads and writes `s3://` paths through its httpfs extension. The extension comes from
the PyPI wheel `duckdb-extension-httpfs` (pinned to the DuckDB version) and is loaded from the
wheel's file (`LOAD '<path>'`) only when the lake is on an object store: nothing is installed or
downloaded at run time. The credentials become one DuckDB secret scoped to the lake's bucket,
built from the profile's values (the plugin's `s3:` config in profiles.yml) or else the
environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION (or
AWS_DEFAULT_REGION) and AWS_ENDPOINT_URL (for an S3-compatible server such as MinIO or moto:
`http://host:port`, path-style URLs). The same settings make the boto3 client with which the
publish functions copy, list, put and delete objects (DuckDB's SQL cannot).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from duckdb import DuckDBPyConnection

SCHEMES = ("s3://", "s3a://", "s3n://")
SECRET = "customer_360_lake"
PROFILE_KEYS = ("key_id", "secret", "session_token", "region", "endpoint", "url_style")


def is_object_store(lake_root: str) -> bool:
    """Whether a lake root is an object-store URL (s3://...) rather than a local folder."""
    return lake_root.lower().startswith(SCHEMES)


def split_url(url: str) -> tuple[str, str]:
    """`s3://bucket/a/b/` as ('bucket', 'a/b'): the bucket and the key prefix, no slashes
    around it."""
    parts = urlsplit(url)
    if not is_object_store(url) or not parts.netloc:
        raise ValueError(f"{url!r} is not an object-store URL such as s3://bucket/prefix")
    return parts.netloc, parts.path.strip("/")


def join_key(*parts: str) -> str:
    """Object key of the joined path parts, empty parts left out."""
    return "/".join(part.strip("/") for part in parts if part.strip("/"))


def httpfs_extension() -> Path:
    """The httpfs extension file of the duckdb-extension-httpfs wheel."""
    try:
        import duckdb_extension_httpfs
    except ImportError:
        raise ImportError(
            "an s3:// lake_root needs DuckDB's httpfs extension from the PyPI wheel"
            " duckdb-extension-httpfs (requirements.txt); it is not installed"
        ) from None
    found = sorted(
        Path(duckdb_extension_httpfs.__file__).parent.glob("extensions/*/*.duckdb_extension")
    )
    if not found:
        raise FileNotFoundError("the duckdb-extension-httpfs wheel holds no extension file")
    return found[-1]


@dataclass(frozen=True)
class S3Settings:
    """Where an S3 API is and how to sign for it."""

    key_id: str | None = None
    secret: str | None = None
    session_token: str | None = None
    region: str = "us-east-1"
    endpoint: str | None = None  # a full URL, e.g. http://localhost:9000; None = AWS
    url_style: str | None = None  # 'path' or 'vhost'; path for a custom endpoint

    @classmethod
    def resolve(
        cls, profile: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
    ) -> S3Settings:
        """The profile's values (the plugin's `s3:` config), else the environment's."""
        profile = {key: value for key, value in (profile or {}).items() if value not in ("", None)}
        unknown = sorted(set(profile) - set(PROFILE_KEYS))
        if unknown:
            raise ValueError(
                f"profiles.yml plugin config s3: unknown keys {unknown};"
                f" known: {list(PROFILE_KEYS)}"
            )
        env = os.environ if environ is None else environ

        def pick(key: str, *names: str) -> str | None:
            if key in profile:
                return str(profile[key])
            return next((env[name] for name in names if env.get(name)), None)

        return cls(
            key_id=pick("key_id", "AWS_ACCESS_KEY_ID"),
            secret=pick("secret", "AWS_SECRET_ACCESS_KEY"),
            session_token=pick("session_token", "AWS_SESSION_TOKEN"),
            region=pick("region", "AWS_REGION", "AWS_DEFAULT_REGION") or "us-east-1",
            endpoint=pick("endpoint", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"),
            url_style=pick("url_style"),
        )

    def secret_sql(self, lake_root: str) -> str:
        """CREATE SECRET for DuckDB's httpfs, scoped to the lake's bucket."""
        bucket, _ = split_url(lake_root)
        options: dict[str, str | bool] = {"region": self.region}
        if self.key_id:
            options["key_id"] = self.key_id
        if self.secret:
            options["secret"] = self.secret
        if self.session_token:
            options["session_token"] = self.session_token
        if self.endpoint:
            endpoint = urlsplit(
                self.endpoint if "://" in self.endpoint else "https://" + self.endpoint
            )
            options["endpoint"] = endpoint.netloc
            options["use_ssl"] = endpoint.scheme != "http"
        url_style = self.url_style or ("path" if self.endpoint else None)
        if url_style:
            options["url_style"] = url_style
        scheme = lake_root.split("://", 1)[0].lower()
        rendered = [
            f"{key} {str(value).lower() if isinstance(value, bool) else _literal(value)}"
            for key, value in options.items()
        ]
        return (
            f"create or replace secret {SECRET} (type s3, {', '.join(rendered)},"
            f" scope {_literal(f'{scheme}://{bucket}')})"
        )

    def describe(self) -> str:
        """Where the credentials point, without the secret."""
        key = f"key id {self.key_id}" if self.key_id else "no key id"
        return (
            f"{key}, region {self.region}, endpoint {self.endpoint or 'AWS'}; credentials come"
            " from the profile's s3: config or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /"
            " AWS_ENDPOINT_URL"
        )

    def client(self) -> Any:
        """A boto3 S3 client with these settings."""
        try:
            import boto3
            from botocore.config import Config
        except ImportError:
            raise ImportError(
                "publishing to an s3:// lake_root needs boto3 (requirements.txt)"
            ) from None
        url_style = self.url_style or ("path" if self.endpoint else "auto")
        return boto3.client(
            "s3",
            aws_access_key_id=self.key_id,
            aws_secret_access_key=self.secret,
            aws_session_token=self.session_token,
            region_name=self.region,
            endpoint_url=self.endpoint,
            config=Config(
                s3={"addressing_style": "virtual" if url_style == "vhost" else url_style},
                retries={"max_attempts": 3, "mode": "standard"},
            ),
        )


def _literal(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def connect_lake(conn: DuckDBPyConnection, lake_root: str, settings: S3Settings) -> None:
    """Make a DuckDB connection read and write an object-store lake: load httpfs from the
    wheel's file (no INSTALL, no download), create the lake's secret, and check the lake can
    be listed, failing with an error that names the lake and the credentials' sources."""
    conn.execute(f"load {_literal(str(httpfs_extension()))}")
    conn.execute(settings.secret_sql(lake_root))
    probe = f"{lake_root.rstrip('/')}/*"
    try:
        conn.execute(f"select count(*) from glob({_literal(probe)})").fetchone()
    except Exception as error:
        raise RuntimeError(
            f"lake_root {lake_root}: cannot list the lake's objects ({settings.describe()}):"
            f" {error}"
        ) from error
