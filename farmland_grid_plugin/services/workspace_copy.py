"""Copy a whole workspace between a GeoPackage and PostgreSQL (either way), and prove the copy.

Every case, event (ids and order kept), piece of evidence and registry code is copied; the target keeps the
source's identity (its ``created_at``), so field packages exported from the source still import into the copy.
The target must hold no workspace content yet, unless it already is a copy of the same workspace: then nothing is
written and only the check runs. Each table is counted and check-summed on both sides (``workspace_tables``);
the copy is kept only when every figure agrees:

- into PostgreSQL: one transaction on the target, the check read back inside it before the commit; the loop
  triggers are off for it (historical events do not lead to the cases' current status), which only the owner
  of the schema may do;
- into a GeoPackage: a new file, written beside the target under a temporary name and renamed when checked.
"""

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Tuple

from ..domain.cases import iso_utc
from ..domain.messages import QT_TR_NOOP, Canceled
from ..store import pg_schema
from ..store.cases import CaseStoreError
from ..store.pg_location import is_postgres, parse_location, redact
from ..store.postgres import FILES_ROOT
from ..store.schema import CASES, EVENTS, EVIDENCE, REGISTRY, SCHEMA_VERSION, prepare
from ..store.workspace import open_workspace
from .workspace_tables import TABLES, GeoPackageTables, PostgresTables, checksum, write_geopackage

_CONTENT = (CASES, EVIDENCE, REGISTRY)  # a target holding any of these is not empty
IDENTITY = "identity"  # meta key: the identity of the workspace a copy was made of (its store reports it)


@dataclass(frozen=True)
class TableCheck:
    table: str
    source_rows: int
    target_rows: int
    source_checksum: str
    target_checksum: str

    @property
    def equal(self) -> bool:
        return self.source_rows == self.target_rows and self.source_checksum == self.target_checksum


@dataclass(frozen=True)
class CopyReport:
    copied: bool  # False: the target already was a copy of the source, nothing was written
    identity: str
    checks: Tuple[TableCheck, ...]
    roles_created: Tuple[str, ...] = ()

    @property
    def equal(self) -> bool:
        return all(check.equal for check in self.checks)


@dataclass(frozen=True)
class _Content:
    identity: str
    created_at: str
    srid: int
    rows: Dict[str, List[tuple]]

    def checks_against(self, tables) -> Tuple[TableCheck, ...]:
        found = []
        for spec in TABLES:
            mine, theirs = checksum(spec, self.rows[spec.name]), checksum(spec, tables.rows(spec))
            found.append(TableCheck(spec.name, mine[0], theirs[0], mine[1], theirs[1]))
        return tuple(found)


def copy_workspace(source: str, target: str, shown_source: str, shown_target: str, feedback=None) -> CopyReport:
    """Copy the workspace at ``source`` into ``target`` (locations; ``shown_*`` without passwords, for messages)."""
    if is_postgres(source) == is_postgres(target):
        raise CaseStoreError(QT_TR_NOOP("Copy a GeoPackage workspace into PostgreSQL, or a PostgreSQL one into a GeoPackage"))
    content = _read_postgres(source, shown_source) if is_postgres(source) else _read_geopackage(Path(source))
    _progress(feedback, 40)
    if is_postgres(target):
        return _into_postgres(content, target, shown_target, feedback, files_root=str(Path(source).resolve().parent))
    return _into_geopackage(content, Path(target), feedback)


def _progress(feedback, percent):
    if feedback is None:
        return
    if feedback.isCanceled():
        raise Canceled()
    feedback.setProgress(percent)


def _source_identity(location: str) -> str:
    """The identity the source's own store gives it (field packages carry it); opening also checks the source."""
    with open_workspace(location, create=False) as workspace:
        return workspace.identity


def _target_meta(content: "_Content") -> Dict[str, str]:
    meta = {IDENTITY: content.identity, "migrated_at": iso_utc(datetime.now(timezone.utc))}
    if content.created_at:
        meta["created_at"] = content.created_at
    return meta


# ---------------------------------------------------------------------------------------------
# GeoPackage side


def _read_geopackage(path: Path) -> _Content:
    identity = _source_identity(str(path))  # refuses what is no workspace; brings an older one to the current version
    tables = GeoPackageTables(path)
    try:
        rows = {spec.name: list(tables.rows(spec)) for spec in TABLES}
        return _Content(identity, tables.meta().get("created_at", ""), tables.srid(), rows)
    finally:
        tables.close()


def _into_geopackage(content: _Content, path: Path, feedback) -> CopyReport:
    if path.exists():
        try:
            same = _source_identity(str(path)) == content.identity
        except CaseStoreError:  # no workspace at all
            same = False
        if not same:
            raise CaseStoreError(QT_TR_NOOP("{path} already exists: copy a workspace into a new GeoPackage file"), path=str(path))
        tables = GeoPackageTables(path)
        try:
            return CopyReport(False, content.identity, content.checks_against(tables))
        finally:
            tables.close()
    partial = path.with_name(path.stem + ".partial.gpkg")
    if partial.exists():
        partial.unlink()  # left by a copy that was stopped
    try:
        prepare(partial, f"EPSG:{content.srid}")
        write_geopackage(partial, content.rows, _target_meta(content))
        _progress(feedback, 80)
        tables = GeoPackageTables(partial)
        try:
            checks = content.checks_against(tables)
        finally:
            tables.close()
        _refuse_unequal(checks, str(path))
        _progress(feedback, 95)
        os.replace(partial, path)
    finally:
        if partial.exists():
            partial.unlink()
    return CopyReport(True, content.identity, checks)


# ---------------------------------------------------------------------------------------------
# PostgreSQL side


def _read_postgres(location: str, shown: str) -> _Content:
    identity = _source_identity(location)
    parsed = parse_location(location)
    connection = parsed.connect()
    try:
        connection.set_session(isolation_level="REPEATABLE READ", readonly=True)  # one snapshot of every table
        with connection.cursor() as cursor:
            _check_version(cursor, shown)
            if not _sees_everything(cursor):
                raise CaseStoreError(
                    QT_TR_NOOP(
                        "Your login {login} sees only part of the workspace {location}: copy it with an administrator "
                        "login (farmland_admin) or the owner of its schema"
                    ),
                    login=_login(cursor),
                    location=shown,
                )
            tables = PostgresTables(cursor)
            meta = tables.meta()
            rows = {spec.name: list(tables.rows(spec)) for spec in TABLES}
            return _Content(identity, meta.get("created_at", ""), tables.srid(), rows)
    except _driver_error() as error:
        raise _server_error(error, shown, parsed.params) from None
    finally:
        connection.close()


def _into_postgres(content: _Content, location: str, shown: str, feedback, files_root: str) -> CopyReport:
    parsed = parse_location(location)
    connection = parsed.connect()
    try:
        with connection.cursor() as cursor:
            created_roles, version = [], pg_schema.schema_version(cursor)
            if version is None:
                created_roles = _roles_for_new_schema(cursor, shown)
                pg_schema.create_schema(cursor, content.srid, content.created_at or iso_utc(datetime.now(timezone.utc)))
            else:
                _check_version(cursor, shown)
            tables = PostgresTables(cursor)
            if tables.srid() != content.srid:
                raise CaseStoreError(
                    QT_TR_NOOP("The workspace {location} keeps geometries in EPSG:{target}, the source in EPSG:{source}"),
                    location=shown,
                    target=tables.srid(),
                    source=content.srid,
                )
            if any(tables.count(spec) for spec in TABLES if spec.name in _CONTENT):
                if tables.meta().get(IDENTITY) != content.identity:
                    raise CaseStoreError(
                        QT_TR_NOOP("{location} already holds cases or codes of another workspace: copy into an empty one"),
                        location=shown,
                    )
                return CopyReport(False, content.identity, content.checks_against(tables))
            _write_postgres(cursor, tables, content, files_root)
            _progress(feedback, 80)
            checks = content.checks_against(tables)
            _refuse_unequal(checks, shown)
        connection.commit()
        return CopyReport(True, content.identity, checks, tuple(created_roles))
    except _driver_error() as error:
        raise _server_error(error, shown, parsed.params) from None
    finally:
        connection.close()  # without a commit: rolled back


def _write_postgres(cursor, tables: PostgresTables, content: _Content, files_root: str) -> None:
    # No one issues or acts while the copy is made; the copied events were checked when first recorded.
    cursor.execute(f"LOCK TABLE {pg_schema.q(CASES)}, {pg_schema.q(EVENTS)}, {pg_schema.q(EVIDENCE)} IN EXCLUSIVE MODE")
    cursor.execute(f"ALTER TABLE {pg_schema.q(EVENTS)} DISABLE TRIGGER step_rules, DISABLE TRIGGER announce")
    cursor.execute(f"ALTER TABLE {pg_schema.q(EVIDENCE)} DISABLE TRIGGER announce")
    for spec in TABLES:
        tables.write(spec, content.rows[spec.name], content.srid)
    cursor.execute(f"ALTER TABLE {pg_schema.q(EVENTS)} ENABLE TRIGGER step_rules, ENABLE TRIGGER announce")
    cursor.execute(f"ALTER TABLE {pg_schema.q(EVIDENCE)} ENABLE TRIGGER announce")
    meta = _target_meta(content)
    if not tables.meta().get(FILES_ROOT):
        meta[FILES_ROOT] = files_root  # where the GeoPackage's relative evidence paths resolve
    tables.set_meta(meta)


def _roles_for_new_schema(cursor, shown: str) -> List[str]:
    missing = pg_schema.missing_roles(cursor)
    if missing and not _may_create_roles(cursor):
        raise CaseStoreError(
            QT_TR_NOOP(
                "The group roles {roles} do not exist and your login {login} may not create roles: create the workspace "
                "in {location} first (createworkspace) with a login that may"
            ),
            roles=", ".join(missing),
            login=_login(cursor),
            location=shown,
        )
    return pg_schema.ensure_roles(cursor)


def _check_version(cursor, shown: str) -> None:
    version = pg_schema.schema_version(cursor)
    if version is None:
        raise CaseStoreError(QT_TR_NOOP("{location} holds no workspace (schema farmland_grid)"), location=shown)
    if version != SCHEMA_VERSION:
        raise CaseStoreError(
            QT_TR_NOOP("The workspace {location} has schema version {found}; this plugin copies version {known}"),
            location=shown,
            found=version,
            known=SCHEMA_VERSION,
        )


def _login(cursor) -> str:
    cursor.execute("SELECT session_user")
    return cursor.fetchone()[0]


def _may_create_roles(cursor) -> bool:
    cursor.execute("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = session_user")
    return bool(cursor.fetchone()[0])


def _sees_everything(cursor) -> bool:
    """Superuser, owner of the schema (no row-level security applies) or an administrator (policies: all rows)."""
    cursor.execute(
        "SELECT r.rolsuper OR n.nspowner = r.oid OR pg_has_role(session_user, %s, 'member') "
        "FROM pg_roles r, pg_namespace n WHERE r.rolname = session_user AND n.nspname = %s",
        (pg_schema.ADMIN, "farmland_grid"),
    )
    return bool(cursor.fetchone()[0])


def _refuse_unequal(checks, shown: str) -> None:
    wrong = [check.table for check in checks if not check.equal]
    if wrong:
        raise CaseStoreError(
            QT_TR_NOOP("The copy into {location} differs from its source in {tables}; nothing was kept"),
            location=shown,
            tables=", ".join(wrong),
        )


def _driver_error():
    import psycopg2

    return psycopg2.Error


def _server_error(error, shown: str, params) -> CaseStoreError:
    text = redact(str(error).strip(), params)
    if getattr(error, "pgcode", None) == "42501":  # insufficient_privilege: owner rights for the triggers, say
        return CaseStoreError(
            QT_TR_NOOP(
                "The server refused the copy into {location}: {error}. Copy with the owner of the schema farmland_grid "
                "(the login that created it) or a superuser"
            ),
            location=shown,
            error=text,
        )
    return CaseStoreError(QT_TR_NOOP("The server refused the copy with {location}: {error}"), location=shown, error=text)
