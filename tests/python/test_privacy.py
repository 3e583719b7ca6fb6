"""Right to erasure (docs/privacy.md): a request dropped in <lake_root>/privacy/erasure_requests/
removes the person from every table of the warehouse and every curated Parquet file on the next
run, through the departure path, and the audit records it without the person's data.

One generated lake, built four times: a first build; a build with a request naming nobody
(nothing changes), which also loads a truncated contact trace record whose caller is the person
(quarantined, its number only in the raw line); a build with a request naming a person with
several source records, contact records and web events (by email, in another case); then, as the
reference, a full refresh of a copy of the lake from which the person's raw profile rows were
deleted: identity graph, golden records and clusters must equal those of the incremental
erasure. And a first build of another copy, with the requests already in it.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from conftest import PROFILE_FEEDS, generate
from dbt_runner import query, run_dbt
from test_bad_input_feeds import CTR, ctr, firehose, first_line

DOCS = Path(__file__).resolve().parents[2] / "docs" / "privacy.md"
LAKE_ARGS = ["--customers", "300", "--seed", "5", "--days", "10", "--bad-row-rate", "0.02"]
REQUESTS = "privacy/erasure_requests"
HEADER = "request_id,requested_at,email,phone,source_system,source_record_id,unified_profile_id\n"
NOBODY = "nobody-at-all@example.invalid"
# the person: the most source records among profiles with contacts, web events and a last name
# no other record holds (so that the name itself can be looked for everywhere)
PERSON = """
with
graph as (select unified_profile_id, count(*) as records from marts.fct_identity_graph group by 1),
contacts as (select unified_profile_id, count(*) as contacts from marts.fct_contacts group by 1),
events as (
    select unified_profile_id, count(*) as events from intermediate.int_web_cookie_identifications
    where resolution = 'resolved' group by 1
),
names as (
    select last_name, count(*) as holders from intermediate.int_profiles_normalized group by 1
),
person_names as (
    select unified_profile_id, last_name, count(*) as held
    from marts.fct_identity_graph
    join intermediate.int_profiles_normalized using (profile_record_id)
    group by 1, 2
),
unique_named as (
    select person_names.unified_profile_id from person_names
    join names using (last_name)
    group by 1
    having bool_and(person_names.held = names.holders)
)
select unified_profile_id from graph
join contacts using (unified_profile_id)
join events using (unified_profile_id)
join unique_named using (unified_profile_id)
where records >= 3
order by records desc, contacts desc, unified_profile_id
limit 1
"""
IDENTITY = (
    "select * exclude (clustered_at) from {db}.marts.fct_identity_graph",
    "select * exclude (clustered_at) from {db}.marts.dim_unified_profiles",
    "select a.profile_record_id, b.profile_record_id from {db}.intermediate.int_profile_clusters "
    "as a join {db}.intermediate.int_profile_clusters as b using (cluster_id) "
    "where a.profile_record_id < b.profile_record_id",
)


@dataclass(frozen=True)
class Person:
    """What the test knows of the erased person, read from the first build."""

    unified_profile_id: str
    records: frozenset[str]  # profile_record_id
    emails: frozenset[str]
    phones: frozenset[str]  # the last ten digits
    names: frozenset[str]  # unique last names, and "first last"
    web_identifications: int


@dataclass(frozen=True)
class Builds:
    lake: Path
    person: Person
    first: Path
    no_match: Path
    erased: Path
    reference: Path
    purged_files: dict[str, int]  # raw file -> rows of the person deleted for the reference
    from_scratch: Path  # a first build of a copy of the lake with the requests already in it


def build(lake: Path, database: Path, *args: str) -> None:
    result = run_dbt(["build", *args], lake, database)
    assert result.returncode == 0, result.stdout[-4000:]


def snapshot(database: Path, path: Path) -> Path:
    shutil.copy(database, path)
    return path


def read_person(database: Path) -> Person:
    ((profile,),) = query(database, PERSON)
    rows = query(
        database,
        "select profile_record_id, emails, phones, first_name, last_name"
        " from intermediate.int_profiles_normalized"
        " join marts.fct_identity_graph using (profile_record_id)"
        f" where unified_profile_id = '{profile}'",
    )
    emails = {email for row in rows for email in row[1] or []}
    phones = {phone[-10:] for row in rows for phone in row[2] or []}
    names = {row[4] for row in rows if row[4]}
    names |= {f"{row[3]} {row[4]}" for row in rows if row[3] and row[4]}
    placeholders = ", ".join(f"'{email}'" for email in emails)
    ((identifications,),) = query(
        database,
        "select count(*) from intermediate.int_web_cookie_identifications"
        f" where email in ({placeholders})",
    )
    return Person(
        profile,
        frozenset(row[0] for row in rows),
        frozenset(emails),
        frozenset(phones),
        frozenset(names),
        identifications,
    )


def plant_truncated_contact_record(lake: Path, database: Path, person: Person) -> str:
    """A contact trace record whose caller is the person, cut short after the number: malformed
    JSON, so quarantined with none of its fields parsed, the number only in the raw line. Returns
    its ContactId."""
    placeholders = ", ".join(f"'{record}'" for record in person.records)
    ((phone,),) = query(
        database,
        "select min(phone) from intermediate.int_profiles_normalized"
        f" where profile_record_id in ({placeholders})",
    )
    line = ctr(
        first_line(lake, CTR),
        "ctr-person-truncated",
        CustomerEndpoint={"Address": phone, "Type": "TELEPHONE_NUMBER"},
    )
    path = lake / firehose(CTR, "person-truncated")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(line[: line.index(phone) + len(phone) + 3] + "\n")
    return "ctr-person-truncated"


def caller_without_profile(database: Path) -> tuple[str]:
    """The caller's number (E.164) of the most staged contact records among the numbers no
    normalized profile record holds."""
    ((number,),) = query(
        database,
        "select customer_endpoint_address from staging.stg_connect__contact_records"
        " where customer_endpoint_address like '+%' and customer_endpoint_address not in ("
        "  select unnest(phones) from intermediate.int_profiles_normalized"
        "  where phones is not null)"
        " group by 1 order by count(*) desc, 1 limit 1",
    )
    return (number,)


def request(lake: Path, name: str, request_id: str, email: str, extra: str = "") -> None:
    folder = lake / REQUESTS
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"{HEADER}{request_id},2026-02-01T09:30:00Z,{email},,,,\n{extra}")


def purge_raw_rows(lake: Path, records: frozenset[str]) -> dict[str, int]:
    """Delete the person's rows from the raw profile files, as the lake owner would."""
    purged: dict[str, int] = {}
    for source, path, key in PROFILE_FEEDS.values():
        ids = [record.split(":", 1)[1] for record in records if record.startswith(f"{source}:")]
        for file in sorted((lake / "raw" / path).glob("*/*.parquet")):
            table = pq.read_table(file, partitioning=None)
            mine = pc.is_in(pc.cast(table[key], "string"), value_set=pc.cast(ids, "string"))
            count = pc.sum(pc.fill_null(mine, False)).as_py() or 0
            if count:
                pq.write_table(table.filter(pc.invert(pc.fill_null(mine, False))), file)
                purged[str(file)] = count
    return purged


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    root = tmp_path_factory.mktemp("privacy")
    lake = generate(root / "lake", *LAKE_ARGS)
    database = root / "customer_360.duckdb"
    build(lake, database)
    first = snapshot(database, root / "first.duckdb")
    person = read_person(first)
    plant_truncated_contact_record(lake, first, person)

    # and a request naming two identifiers: invalid, it erases nothing
    two_identifiers = f"R-INVALID,2026-02-01T09:45:00Z,{NOBODY},+1 555 0100,,,\n"
    request(lake, "nobody.csv", "R-NOBODY", NOBODY, two_identifiers)
    build(lake, database)
    no_match = snapshot(database, root / "no_match.duckdb")

    email = sorted(person.emails)[0]
    request(lake, "person.csv", "R-PERSON", email.upper())
    build(lake, database)
    erased = snapshot(database, root / "erased.duckdb")

    purged_lake = root / "purged"
    shutil.copytree(lake, purged_lake, symlinks=True)
    purged_files = purge_raw_rows(purged_lake, person.records)
    reference = snapshot(erased, root / "reference.duckdb")
    build(purged_lake, reference, "--full-refresh")
    purged = {
        file.replace(str(purged_lake), str(lake)): rows for file, rows in purged_files.items()
    }
    scratch_lake = root / "scratch"
    shutil.copytree(lake, scratch_lake, symlinks=True)
    # and, in this copy only, a request for a caller's number that no profile record holds
    (caller,) = caller_without_profile(first)
    (scratch_lake / REQUESTS / "caller.csv").write_text(
        f"{HEADER}R-CALLER,2026-02-01T10:00:00Z,,{caller},,,\n"
    )
    from_scratch = root / "from_scratch.duckdb"
    build(scratch_lake, from_scratch)
    return Builds(lake, person, first, no_match, erased, reference, purged, from_scratch)


def text_hits(con: duckdb.DuckDBPyConnection, relation: str, needles: list[str]) -> int:
    """Rows of a relation holding one of the needles in any column, as text (lower case; phone
    needles of ten digits are matched against the column's digits only)."""
    columns = [column[0] for column in con.sql(f"select * from {relation} limit 0").description]
    tests = []
    for needle in needles:
        for column in columns:
            text = f'lower(cast("{column}" as varchar))'
            if needle.isdigit():
                text = f"regexp_replace({text}, '[^0-9]', '', 'g')"
            tests.append(f"{text} like '%{needle}%'")
    (hits,) = con.sql(f"select count(*) from {relation} where {' or '.join(tests)}").fetchone()
    return hits


def needles(person: Person) -> list[str]:
    return sorted(person.emails | person.phones | {name.lower() for name in person.names})


def tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.sql(
        "select table_schema, table_name from information_schema.tables"
        " where table_type = 'BASE TABLE'"
    ).fetchall()
    return [f'"{schema}"."{name}"' for schema, name in rows]


def test_the_person_is_in_the_first_build(builds: Builds) -> None:
    """The scan finds the person before the erasure (so that its silence after means something)."""
    person = builds.person
    assert len(person.records) >= 3 and person.emails and person.phones and person.names
    assert person.web_identifications > 0
    with duckdb.connect(str(builds.first), read_only=True) as con:
        found = {table for table in tables(con) if text_hits(con, table, needles(person))}
    assert {
        '"staging"."stg_crm__contacts"',
        '"intermediate"."int_profiles_normalized"',
        '"marts"."dim_unified_profiles"',
        '"staging"."stg_web__clickstream"',
        '"intermediate"."int_match_term_frequencies"',
    } <= found


def test_the_person_is_in_no_table_after_the_erasure(builds: Builds) -> None:
    with duckdb.connect(str(builds.erased), read_only=True) as con:
        found = {
            table: hits
            for table in tables(con)
            if (hits := text_hits(con, table, needles(builds.person)))
        }
    assert found == {}


def test_the_person_is_in_no_curated_file(builds: Builds) -> None:
    files = sorted((builds.lake / "curated").rglob("*.parquet"))
    assert len(files) > 10
    with duckdb.connect() as con:
        found = [
            str(file)
            for file in files
            if text_hits(con, f"read_parquet('{file}')", needles(builds.person))
        ]
    assert found == []


def test_the_audit_row_counts_every_layer_and_holds_no_personal_data(builds: Builds) -> None:
    person = builds.person
    con = duckdb.connect(str(builds.erased), read_only=True)
    audit = con.execute("select * from audit.audit_erasure_requests where request_id = 'R-PERSON'")
    row = dict(zip([column[0] for column in audit.description], audit.fetchone(), strict=True))
    assert row["status"] == "applied"
    assert row["identifier_kind"] == "email"
    assert row["records_remaining"] == 0
    assert row["source_records_erased"] == len(person.records)
    assert row["normalized_records_removed"] == len(person.records)
    assert row["staged_records_removed"] == len(person.records)
    assert row["unified_profiles_removed"] == 1
    assert row["web_events_stripped"] == person.web_identifications
    ((contacts,),) = query(
        builds.first,
        "select count(*) from marts.fct_contacts"
        f" where unified_profile_id = '{person.unified_profile_id}'"
        " and resolution_method in ('phone', 'customer_id_attribute')",
    )
    assert row["contact_records_stripped"] >= contacts > 0
    # the raw files still holding the person's profile rows, each with its count
    listed = dict(
        (name, int(rows))
        for name, rows in re.findall(r"(\S+) \((\d+) rows\)", row["raw_files_holding_rows"])
    )
    assert builds.purged_files and listed.items() >= builds.purged_files.items()
    assert row["raw_rows_remaining"] == sum(listed.values())
    assert row["applied_invocation_id"] and row["applied_at"] is not None
    (hash_again,) = con.sql(
        "select identifier_hash from privacy.privacy_erasure_requests where request_id = 'R-PERSON'"
    ).fetchone()
    assert row["identifier_hash"] == hash_again and len(hash_again) == 64
    assert text_hits(con, "audit.audit_erasure_requests", needles(person)) == 0
    con.close()


def test_a_quarantined_line_holding_the_persons_number_loses_it(builds: Builds) -> None:
    """The truncated line loaded by the no_match build (quarantined, the number only in its raw
    text) stays, as a row with its reason, after the erasure; its raw text is the marker, in the
    base table and the quarantine audit."""
    sql = (
        "select _quarantine_reason, _raw_record from staging.base_connect__contact_records"
        " where _file_name like '%person-truncated'"
    )
    ((reason, raw),) = query(builds.no_match, sql)
    assert reason is not None
    assert any(phone in re.sub(r"[^0-9]", "", raw) for phone in builds.person.phones)
    ((reason_after, raw_after),) = query(builds.erased, sql)
    assert (reason_after, raw_after) == (reason, "(stripped: right-to-erasure request)")
    ((audited,),) = query(
        builds.erased,
        "select raw_record from audit.audit_quarantined_rows"
        " where file_name like '%person-truncated'",
    )
    assert audited == raw_after


def test_a_request_already_in_the_lake_at_the_first_build_counts_the_base_strips(
    builds: Builds,
) -> None:
    """On a first build the base tables strip the contact records and clickstream events before
    staging reads them (staging strips nothing): the audit counts the base tables' strips, so a
    request for a caller's number that no profile holds reads applied, not no_match."""
    audit = {
        row[0]: row[1:]
        for row in query(
            builds.from_scratch,
            "select request_id, status, staged_records_removed, contact_records_stripped,"
            " web_events_stripped from audit.audit_erasure_requests",
        )
    }
    (caller,) = caller_without_profile(builds.first)
    ((calls,),) = query(
        builds.first,
        "select count(*) from staging.stg_connect__contact_records"
        f" where customer_endpoint_address = '{caller}'",
    )
    status, staged, contacts_stripped, events_stripped = audit["R-CALLER"]
    assert (status, staged, events_stripped) == ("applied", 0, 0)
    assert contacts_stripped >= calls > 0
    # the person's request by email: the first build knows only that email (no identity state
    # yet), so the events carrying it are stripped, in the base table
    status, staged, contacts_stripped, events_stripped = audit["R-PERSON"]
    assert status == "applied" and events_stripped > 0
    assert audit["R-NOBODY"] == ("no_match", 0, 0, 0)
    ((staged_strips,),) = query(
        builds.from_scratch,
        "select count(*) from privacy.privacy_erased_records__stripped"
        " where relation_name like 'stg_%'",
    )
    assert staged_strips == 0


def test_the_id_map_forgets_the_erased_records(builds: Builds) -> None:
    """int_unified_profile_ids keeps a departed record with is_current false; not an erased one."""
    records = ", ".join(f"'{record}'" for record in builds.person.records)
    sql = (
        "select count(*) from intermediate.int_unified_profile_ids"
        f" where profile_record_id in ({records})"
    )
    assert query(builds.first, sql) == [(len(builds.person.records),)]
    assert query(builds.erased, sql) == [(0,)]


def test_a_request_naming_nobody_changes_nothing(builds: Builds) -> None:
    ((status, staged, normalized, stripped),) = query(
        builds.no_match,
        "select status, staged_records_removed, normalized_records_removed,"
        " contact_records_stripped + web_events_stripped"
        " from audit.audit_erasure_requests where request_id = 'R-NOBODY'",
    )
    assert (status, staged, normalized, stripped) == ("no_match", 0, 0, 0)
    assert query(
        builds.no_match,
        "select status, invalid_reason, identifier_hash from audit.audit_erasure_requests"
        " where request_id = 'R-INVALID'",
    ) == [("invalid", "more than one identifier", None)]
    assert_same(builds.first, builds.no_match, ["{db}.staging.stg_crm__contacts", *IDENTITY])
    # and the audit row is not appended again by the later run
    assert query(
        builds.erased,
        "select count(*) from audit.audit_erasure_requests where request_id = 'R-NOBODY'",
    ) == [(1,)]


def test_the_erasure_ends_where_a_full_refresh_without_the_person_ends(builds: Builds) -> None:
    assert_same(builds.erased, builds.reference, list(IDENTITY))
    ((records,),) = query(builds.erased, "select count(*) from marts.fct_identity_graph")
    ((before,),) = query(builds.first, "select count(*) from marts.fct_identity_graph")
    assert records == before - len(builds.person.records)


def test_the_reconciliation_counts_the_erased_records(builds: Builds) -> None:
    ((erased,),) = query(
        builds.erased, "select sum(erased_rows) from audit.audit_feed_reconciliation"
    )
    ((quarantined,),) = query(
        builds.erased,
        "select quarantined_rows_removed from audit.audit_erasure_requests"
        " where request_id = 'R-PERSON'",
    )
    assert erased == len(builds.person.records) + quarantined


def assert_same(left: Path, right: Path, queries: list[str]) -> None:
    with duckdb.connect() as con:
        con.execute(f"attach '{left}' as a (read_only)")
        con.execute(f"attach '{right}' as b (read_only)")
        for sql in queries:
            a = sql if sql.startswith("select") else f"select * from {sql}"
            a, b = a.format(db="a"), a.format(db="b")
            (count,) = con.sql(f"select count(*) from ({a})").fetchone()
            (differ,) = con.sql(
                f"select count(*) from (({a}) except ({b}) union all (({b}) except ({a})))"
            ).fetchone()
            assert count > 100, sql
            assert differ == 0, sql


# --- the analyst schema -------------------------------------------------------------------------

ANALYST_VIEWS = (
    "dim_unified_profiles",
    "fct_identity_graph",
    "fct_match_review_queue",
    "fct_contacts",
    "customer_360",
    "fct_web_events",
    "dim_web_cookies",
)


def tagged_columns(manifest: dict, model: str, kinds: set[str]) -> list[str]:
    columns = manifest["nodes"][f"model.customer_360.{model}"]["columns"]
    return [name for name, column in columns.items() if column["meta"].get("pii") in kinds]


def values(con: duckdb.DuckDBPyConnection, relation: str, column: str) -> set[str]:
    """The column's values as text, a list column's elements one by one."""
    kind = con.sql(f"select {column} from {relation} limit 0").types[0]
    element = f"unnest({column})" if str(kind).endswith("[]") else column
    rows = con.sql(f"select distinct cast({element} as varchar) from {relation}").fetchall()
    return {row[0] for row in rows if row[0] is not None}


def open_as_built(database: Path) -> duckdb.DuckDBPyConnection:
    """A snapshot of the warehouse under the catalog name its views were created with (they
    name the catalog: the DuckDB file's stem when dbt built them)."""
    con = duckdb.connect()
    con.execute(f"attach '{database}' as customer_360 (read_only)")
    con.execute("use customer_360")
    return con


def test_analyst_views_show_no_name_email_or_phone_of_the_marts(
    builds: Builds, manifest: dict
) -> None:
    checked = 0
    with open_as_built(builds.first) as con:
        for view in ANALYST_VIEWS:
            columns = tagged_columns(manifest, view, {"name", "email", "phone"})
            if not columns:
                continue
            checked += 1
            mart = set().union(*(values(con, f"marts.{view}", column) for column in columns))
            shown = set().union(*(values(con, f"analyst.{view}", column) for column in columns))
            assert mart, view  # the mart does hold such values
            assert mart & shown == set(), view
    assert checked == 4  # profiles, review queue, contacts, customer_360


def test_hashed_keys_are_stable_between_runs_and_still_join(builds: Builds) -> None:
    emails = """
        select unified_profile_id, marts.email, analyst.email
        from marts.dim_unified_profiles as marts
        join analyst.dim_unified_profiles as analyst using (unified_profile_id)
        where marts.email is not null
    """
    joined = """
        select
            (select count(distinct email) from {s}.dim_unified_profiles),
            (select count(distinct phone) from {s}.fct_contacts as contacts
             join {s}.dim_unified_profiles as profiles
                 on contacts.customer_phone = profiles.phone),
            (select count(*) from {s}.fct_identity_graph as graph
             join {s}.fct_match_review_queue as queue
                 on graph.profile_record_id = queue.profile_record_id_l)
    """
    with open_as_built(builds.first) as con:
        first = {row[0]: row[1:] for row in con.sql(emails).fetchall()}
    with open_as_built(builds.erased) as con:
        erased = {row[0]: row[1:] for row in con.sql(emails).fetchall()}
        marts = con.sql(joined.format(s="marts")).fetchone()
        analyst = con.sql(joined.format(s="analyst")).fetchone()
    kept = [
        profile
        for profile in first
        if profile in erased and first[profile][0] == erased[profile][0]
    ]
    assert len(kept) > 100
    assert all(first[profile][1] == erased[profile][1] for profile in kept)
    assert min(marts) > 0 and analyst == marts


# --- PII tags ---------------------------------------------------------------------------------

# the vocabulary of meta.pii (docs/privacy.md)
KINDS = {
    "name",
    "email",
    "phone",
    "address",
    "postal_code",
    "location",
    "birth_date",
    "gender",
    "account_number",
    "identifier",
    "free_text",
    "raw_record",
    "url",
    "device",
}
# column names that hold personal data wherever they appear: such a column must be tagged
PII_NAMES = re.compile(
    r"(agent_)?(first|middle|last|full|display|recipient)_?name(_l|_r|_canonical|_soundex)?"
    r"|.*name_tf_value|name_suffix"
    r"|.*e_?mail.*|.*phone.*|customer_endpoint_address"
    r"|.*(street|address|postal_?code|zip).*|city|state|country|unit"
    r"|birth_?date(_l|_r|_raw)?|gender"
    r"|account_?number|accountno"
    r"|(.*_)?source_record_id.*|(.*_)?profile_record_id(_l|_r)?|customer_id(_attribute)?"
    r"|cookie_id|cluster_id|match_component_id"
    r"|.*raw_record|attributes|attribute_value|block_key|note|page_url|referrer|user_agent"
)
# ... but not counts, flags, comparison levels and weights, or hashes
NOT_PII = re.compile(
    r"(is|has)_.*|.*_(level|weight|count|removed|stripped|remaining|rows|kind|hash|holding_rows)"
    r"|system_endpoint_address"
)


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("parse")
    result = run_dbt(["parse"], work / "lake", work / "customer_360.duckdb")
    assert result.returncode == 0, result.stdout[-4000:]
    return json.loads((work / "target" / "manifest.json").read_text())


def untagged_pii_columns(manifest: dict) -> list[str]:
    """model/seed/source.column for every column named like personal data without meta.pii."""
    found = []
    for node in [*manifest["nodes"].values(), *manifest["sources"].values()]:
        if node["resource_type"] not in ("model", "seed", "source"):
            continue
        for name, column in node["columns"].items():
            lower = name.lower()
            named_like_pii = PII_NAMES.fullmatch(lower) and not NOT_PII.fullmatch(lower)
            if named_like_pii and not column["meta"].get("pii"):
                found.append(f"{node['name']}.{name}")
    return sorted(found)


def test_every_column_named_like_personal_data_is_tagged(manifest: dict) -> None:
    assert untagged_pii_columns(manifest) == []


def test_tags_use_the_documented_vocabulary(manifest: dict) -> None:
    used = {
        column["meta"]["pii"]
        for node in [*manifest["nodes"].values(), *manifest["sources"].values()]
        for column in node.get("columns", {}).values()
        if column["meta"].get("pii")
    }
    assert used <= KINDS
    documented = set(re.findall(r"^\| `(\w+)` \|", DOCS.read_text(), flags=re.MULTILINE))
    assert documented == KINDS


def test_a_new_model_with_an_untagged_email_column_is_caught(manifest: dict) -> None:
    """The check is not vacuous: a model documenting `customer_email` without a tag fails it."""
    node = {
        "resource_type": "model",
        "name": "fct_new",
        "columns": {"customer_email": {"meta": {}}},
    }
    extended = {"nodes": {**manifest["nodes"], "model.customer_360.fct_new": node}, "sources": {}}
    assert untagged_pii_columns(extended) == ["fct_new.customer_email"]
