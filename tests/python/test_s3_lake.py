"""An object-store lake: `lake_root` = `s3://bucket/prefix` (docs/lake_format.md,
"Object-store lake").

moto's S3 server runs in this process on a free port, with signature checks on (moto's IAM:
a user with an access key allowed s3:*). A generated lake is uploaded to it with boto3, less
one CRM load (`load_date=2026-01-08`), and built twice with the project's `dbt build`: once
with `lake_root` the bucket and the credentials in the environment, once with the same files
on disk. Then the held-back load lands in both and both build again, incrementally. The
warehouses must agree (raw rows read file for file, clusters, golden records and the identity
graph), every curated output must be published in the bucket (a pointer object naming a
complete version) and read back equal to its warehouse table, and wrong or missing credentials
must stop the build with an error naming the lake.
"""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import duckdb
import pytest
import requests
from conftest import generate
from dbt_runner import query, run_dbt
from moto.server import ThreadedMotoServer

from customer_360_plugins import lake_publish_s3
from customer_360_plugins.lake_publish import (
    prepare_version,
    prune_unpublished_versions,
    publish_version,
    published_location,
)
from customer_360_plugins.object_store import S3Settings, connect_lake

LAKE_ARGS = ["--customers", "300", "--seed", "11", "--days", "14", "--start-date", "2026-01-01"]
BUCKET = "customer-360-lake"
ROOT = f"s3://{BUCKET}/tenants/acme/lake"
HELD_BACK = "raw/crm/contacts/load_date=2026-01-08"
REGION = "eu-west-1"
STATES = ("first", "incremental")
# the files each staging model read, and its rows
STAGING = (
    "base_connect__agent_events",
    "base_connect__contact_records",
    "base_web__clickstream",
    "stg_crm__contacts",
    "stg_billing__accounts",
    "stg_shipping__recipients",
    "stg_ticketing__requesters",
    "stg_connect__customer_profiles",
)
# clusters and golden records, compared without the run stamps
IDENTITY = {
    "intermediate.int_profile_clusters": ["linked_at", "clustered_at"],
    "marts.dim_unified_profiles": ["unified_profile_id_minted_at", "clustered_at"],
    "marts.fct_identity_graph": ["clustered_at"],
}
# doubles compared to 9 places: the EM sums over threads, so two builds of the same lake can
# train parameters 1e-16 apart (seen: a strongest link's probability ...455 against ...453)
ROUNDED = {"marts.fct_identity_graph": ["strongest_link_probability"]}
# every curated output and the table it publishes
CURATED = {
    "unified_profiles": "marts.dim_unified_profiles",
    "identity_graph": "marts.fct_identity_graph",
    "match_review_queue": "marts.fct_match_review_queue",
    "match_weight_distribution": "marts.fct_match_weight_distribution",
    "unified_profile_id_history": "marts.fct_unified_profile_id_history",
    "identity_resolution_runs": "marts.fct_identity_resolution_runs",
    "match_parameters": "intermediate.int_match_parameters",
    "contacts": "marts.fct_contacts",
    "agents": "marts.dim_agents",
    "agent_contacts": "marts.fct_agent_contacts",
    "agent_status_intervals": "marts.fct_agent_status_intervals",
    "agent_daily_activity": "marts.fct_agent_daily_activity",
    "customer_360": "marts.customer_360",
    "web_cookies": "marts.dim_web_cookies",
    "web_events": "marts.fct_web_events",
}


@dataclass(frozen=True)
class ObjectStore:
    """moto's S3 server and an access key it accepts."""

    endpoint: str
    key_id: str
    secret: str

    def environment(self, **changes: str | None) -> dict[str, str | None]:
        """The AWS_* variables a build reads its credentials from."""
        return {
            "AWS_ACCESS_KEY_ID": self.key_id,
            "AWS_SECRET_ACCESS_KEY": self.secret,
            "AWS_REGION": REGION,
            "AWS_ENDPOINT_URL": self.endpoint,
            **changes,
        }

    def settings(self) -> S3Settings:
        environment = {key: value for key, value in self.environment().items() if value}
        return S3Settings.resolve(environ=environment)

    def client(self) -> Any:
        return self.settings().client()


@dataclass(frozen=True)
class Builds:
    """The warehouses of each state, built from the bucket and from the disk."""

    store: ObjectStore
    lake: Path
    s3: dict[str, Path]
    local: dict[str, Path]
    published: dict[str, dict[str, str | None]]  # state -> output -> version folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def store() -> Iterator[ObjectStore]:
    """moto's S3 server on a free port, checking signatures, with one bucket."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    try:
        iam = boto3.client(
            "iam",
            endpoint_url=endpoint,
            region_name=REGION,
            aws_access_key_id="bootstrap",
            aws_secret_access_key="bootstrap",
        )
        iam.create_user(UserName="lake")
        policy = {"Version": "2012-10-17"}
        policy["Statement"] = [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]
        iam.put_user_policy(UserName="lake", PolicyName="s3", PolicyDocument=json.dumps(policy))
        key = iam.create_access_key(UserName="lake")["AccessKey"]
        # from now on every request must be signed with a key moto's IAM knows
        requests.post(f"{endpoint}/moto-api/reset-auth", data=b"0", timeout=10).raise_for_status()
        store = ObjectStore(endpoint, key["AccessKeyId"], key["SecretAccessKey"])
        store.client().create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        yield store
    finally:
        server.stop()


def upload(store: ObjectStore, lake: Path, folder: str) -> int:
    """Upload every file under a folder of the local lake to the same keys under ROOT."""
    client = store.client()
    prefix = ROOT.removeprefix(f"s3://{BUCKET}/")
    files = sorted(path for path in (lake / folder).rglob("*") if path.is_file())
    for path in files:
        client.upload_file(str(path), BUCKET, f"{prefix}/{path.relative_to(lake).as_posix()}")
    return len(files)


def build(lake_root: Path | str, database: Path, store: ObjectStore) -> None:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in store.environment().items():
            patch.setenv(name, value or "")
        result = run_dbt(["build"], lake_root, database)  # type: ignore[arg-type]
    assert result.returncode == 0, result.stdout[-4000:]


def snapshot(database: Path, path: Path) -> Path:
    shutil.copy(database, path)
    return path


def published(store: ObjectStore) -> dict[str, str | None]:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in store.environment().items():
            patch.setenv(name, value or "")
        return {name: published_location(ROOT, name) for name in CURATED}


@pytest.fixture(scope="module")
def builds(store: ObjectStore, tmp_path_factory: pytest.TempPathFactory) -> Builds:
    work = tmp_path_factory.mktemp("s3_lake")
    lake = generate(work / "lake", *LAKE_ARGS)
    shutil.move(lake / HELD_BACK, work / "held_back")
    assert upload(store, lake, "raw") > 500
    s3_database = work / "s3" / "customer_360.duckdb"
    local_database = work / "local" / "customer_360.duckdb"
    s3_database.parent.mkdir()
    local_database.parent.mkdir()
    s3, local, versions = {}, {}, {}
    for state in STATES:
        if state == "incremental":
            shutil.move(work / "held_back", lake / HELD_BACK)
            assert upload(store, lake, HELD_BACK) == 1
        build(ROOT, s3_database, store)
        build(lake, local_database, store)
        s3[state] = snapshot(s3_database, work / f"s3_{state}.duckdb")
        local[state] = snapshot(local_database, work / f"local_{state}.duckdb")
        versions[state] = published(store)
    return Builds(store, lake, s3, local, versions)


def differences(left: Path, right: Path, sql: str) -> tuple[int, int, int, int]:
    """Rows of a query on two warehouses, and rows of each missing from the other."""
    ((left_rows, right_rows, only_left, only_right),) = query(
        left,
        f"""
        attach '{right}' as reference (read_only);
        with
        mine as ({sql.format(db="")}),
        theirs as ({sql.format(db="reference.")})
        select
            (select count(*) from mine),
            (select count(*) from theirs),
            (select count(*) from (select * from mine except all select * from theirs)),
            (select count(*) from (select * from theirs except all select * from mine))
        """,
    )
    return left_rows, right_rows, only_left, only_right


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("model", STAGING)
def test_raw_files_are_read_from_the_bucket(builds: Builds, state: str, model: str) -> None:
    """The same files, relative to the lake root, and the same rows as from the disk."""
    lake_roots = {"": ROOT, "reference.": str(builds.lake)}
    sql = (
        "select replace(_file_name, '{root}', '<lake>') as file_name, count(*) as row_count"
        f" from {{db}}staging.{model} group by all"
    )
    rows, local_rows, only_s3, only_local = query(
        builds.s3[state],
        f"""
        attach '{builds.local[state]}' as reference (read_only);
        with
        mine as ({sql.format(db="", root=lake_roots[""])}),
        theirs as ({sql.format(db="reference.", root=lake_roots["reference."])})
        select
            (select count(*) from mine where starts_with(file_name, '<lake>/raw/')),
            (select count(*) from theirs where starts_with(file_name, '<lake>/raw/')),
            (select count(*) from (select * from mine except all select * from theirs)),
            (select count(*) from (select * from theirs except all select * from mine))
        """,
    )[0]
    assert rows > 0
    assert (rows, only_s3, only_local) == (local_rows, 0, 0)


def test_the_second_run_loads_the_new_partition(builds: Builds) -> None:
    counts = {
        state: query(
            builds.s3[state],
            "select count(*) filter (where _file_name like '%load_date=2026-01-08%'),"
            " count(*) from staging.stg_crm__contacts",
        )[0]
        for state in STATES
    }
    assert counts["first"][0] == 0
    assert counts["incremental"][0] > 0
    assert counts["incremental"][1] >= counts["first"][1]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("relation", sorted(IDENTITY))
def test_identity_equals_a_local_build(builds: Builds, state: str, relation: str) -> None:
    """Clusters, golden records and the identity graph, every column but the run stamps."""
    rounded = ", ".join(f"round({column}, 9) as {column}" for column in ROUNDED.get(relation, []))
    replaced = f" replace ({rounded})" if rounded else ""
    sql = f"select * exclude ({', '.join(IDENTITY[relation])}){replaced} from {{db}}{relation}"
    rows, local_rows, only_s3, only_local = differences(builds.s3[state], builds.local[state], sql)
    assert rows > 0
    assert (rows, only_s3, only_local) == (local_rows, 0, 0)


def read_back(store: ObjectStore, warehouse: Path, table: str, folder: str) -> tuple[int, ...]:
    """Rows of a warehouse table and of a published version read from the bucket (through
    httpfs from its wheel, as a reader outside dbt does), and rows of each missing from the
    other, over the table's columns."""
    con = duckdb.connect(config={"autoinstall_known_extensions": False})
    try:
        connect_lake(con, ROOT, store.settings())
        con.execute(f"attach '{warehouse}' as warehouse (read_only)")
        schema, name = table.split(".")
        columns = ", ".join(
            f'"{column}"'
            for (column,) in con.execute(
                "select column_name from information_schema.columns where table_catalog ="
                " 'warehouse' and table_schema = ? and table_name = ? order by ordinal_position",
                [schema, name],
            ).fetchall()
        )
        ((rows, stored, only_table, only_stored),) = con.sql(
            f"""
            with
            exported as (select {columns} from warehouse.{table}),
            published as (
                select {columns}
                from read_parquet('{folder}/**/*.parquet', hive_partitioning = true)
            )
            select
                (select count(*) from exported),
                (select count(*) from published),
                (select count(*) from (from exported except all from published)),
                (select count(*) from (from published except all from exported))
            """
        ).fetchall()
    finally:
        con.close()
    return rows, stored, only_table, only_stored


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("output", sorted(CURATED))
def test_curated_outputs_read_back_equal_the_warehouse(
    builds: Builds, state: str, output: str
) -> None:
    """Each state's published version (the first state's is kept as the previous version
    after the second build) holds its warehouse table, row for row."""
    folder = builds.published[state][output]
    assert folder is not None and folder.startswith(f"{ROOT}/curated/_versions/{output}/")
    rows, stored, only_table, only_stored = read_back(
        builds.store, builds.s3[state], CURATED[output], folder
    )
    assert rows > 0 or output == "match_review_queue"
    assert (stored, only_table, only_stored) == (rows, 0, 0)


def objects(store: ObjectStore, folder: str, root: str = ROOT) -> dict[str, dict[str, Any]]:
    """The objects under a folder of a lake root, by key relative to it."""
    prefix = f"{root.removeprefix(f's3://{BUCKET}/')}/{folder}/"
    pages = store.client().get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix)
    return {
        entry["Key"][len(prefix) :]: entry for page in pages for entry in page.get("Contents", [])
    }


def test_a_publish_keeps_the_previous_version_and_copies_unchanged_partitions(
    builds: Builds,
) -> None:
    """After the second build each output holds its two versions and their manifests, and
    nothing else; the partitions whose fingerprint did not change were copied into the new
    version: their objects are there with the first version's bytes (same size and ETag)."""
    copied = 0
    for output in CURATED:
        first, second = (
            builds.published[state][output].rsplit("/", 1)[-1]  # type: ignore[union-attr]
            for state in STATES
        )
        assert first != second
        stored = objects(builds.store, f"curated/_versions/{output}")
        entries = {key.split("/", 1)[0] for key in stored}
        assert entries == {first, second, f".fingerprints-{first}.json"} | {
            f".fingerprints-{second}.json"
        }
        manifests = {
            version: json.loads(
                builds.store.client()
                .get_object(
                    Bucket=BUCKET,
                    Key=stored[f".fingerprints-{version}.json"]["Key"],
                )["Body"]
                .read()
            )
            for version in (first, second)
        }
        before = {p["key"]: p for p in manifests[first]["partitions"]}
        for partition in manifests[second]["partitions"]:
            earlier = before.get(partition["key"])
            if earlier is None or earlier["fingerprint"] != partition["fingerprint"]:
                continue
            for file_name, size in partition["files"]:
                path = "/".join(part for part in (partition["folder"], file_name) if part)
                assert stored[f"{second}/{path}"]["Size"] == size
                assert stored[f"{second}/{path}"]["ETag"] == stored[f"{first}/{path}"]["ETag"]
                copied += 1
    assert copied > 0


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"AWS_SECRET_ACCESS_KEY": "not-the-secret"}, "SignatureDoesNotMatch"),
        ({"AWS_ACCESS_KEY_ID": "AKIANOSUCHKEY0000000"}, "InvalidAccessKeyId"),
        # unsigned requests: moto answers them with an error of its own; the message says
        # that no key was given
        ({"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None}, "no key id"),
    ],
    ids=["wrong secret", "unknown key", "no credentials"],
)
def test_bad_credentials_stop_the_build_naming_the_lake(
    store: ObjectStore, tmp_path: Path, changes: dict[str, str | None], reason: str
) -> None:
    database = tmp_path / "customer_360.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        for name, value in store.environment(**changes).items():
            if value is None:
                patch.delenv(name, raising=False)
            else:
                patch.setenv(name, value)
        result = run_dbt(["run", "--select", "stg_crm__contacts"], ROOT, database)  # type: ignore
    assert result.returncode != 0
    assert f"lake_root {ROOT}: cannot list the lake's objects" in result.stdout
    assert reason in result.stdout


def test_publish_and_prune_in_the_bucket(store: ObjectStore, monkeypatch: pytest.MonkeyPatch):
    """The publish functions on their own: each publish keeps the version it replaces and
    deletes the others; the erasure run's prune keeps only the published version; a version
    is written once; an empty version is not published."""
    for name, value in store.environment().items():
        monkeypatch.setenv(name, value or "")
    lake_publish_s3.configure({})
    root = f"s3://{BUCKET}/tenants/prune"
    prefix = root.removeprefix(f"s3://{BUCKET}/")
    client = store.client()

    def land(key: str) -> None:
        client.put_object(Bucket=BUCKET, Key=f"{prefix}/curated/_versions/people/{key}", Body=b"x")

    def entries() -> set[str]:
        stored = objects(store, "curated/_versions/people", root).keys()
        return {key.split("/", 1)[0] for key in stored}

    for version in ("v1", "v2", "v3"):
        assert (
            prepare_version(root, "people", version) == f"{root}/curated/_versions/people/{version}"
        )
        land(f"{version}/people.parquet")
        land(f".fingerprints-{version}.json")
        assert publish_version(root, "people", version) == f"{root}/curated/people/_current"
    land("v4-killed/people.parquet")
    assert entries() == {"v2", ".fingerprints-v2.json", "v3", ".fingerprints-v3.json", "v4-killed"}
    assert published_location(root, "people") == f"{root}/curated/_versions/people/v3"
    with pytest.raises(FileExistsError, match="a version is written once"):
        prepare_version(root, "people", "v3")
    with pytest.raises(FileNotFoundError, match="holds no object"):
        publish_version(root, "people", "v5")
    assert prune_unpublished_versions(root) == "3"
    assert entries() == {"v3", ".fingerprints-v3.json"}
    assert published_location(root, "people") == f"{root}/curated/_versions/people/v3"
