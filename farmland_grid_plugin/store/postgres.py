"""The case store in a PostgreSQL/PostGIS workspace (schema ``farmland_grid``, ``store/pg_schema.py``), through psycopg2.

Same contract as the GeoPackage store (``store/cases.py``), with several users at once: each write is one
transaction on the store's connection (``store/pg_session.py``); a step and an evidence write lock the case
row first (``SELECT … FOR UPDATE``), so two users acting on one case take turns and the second sees what the
first did (``seen_events`` → ``CaseChanged``). The server enforces the rights (grants, row-level security,
triggers): a township login sees only its townships' cases, and a refusal comes back as a ``CaseStoreError``
naming the login and the step. Geometries travel as WKB in the schema's SRID; the rows are prepared by
``store/rows.py`` exactly as for a GeoPackage. Filters run in SQL on the schema's indexes.

``open_postgres`` is how ``open_workspace`` opens one: it creates the schema when it is missing (with a login
that may), refuses a newer one, and hands back a ``Workspace`` with the ``PostgresCodeRegistry``.
"""

from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple, Union
from urllib.parse import quote

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransformContext, QgsGeometry, QgsSettings

from .. import settings
from ..domain import cases as domain
from ..domain import evidence_checks as checks
from ..domain.messages import QT_TR_NOOP, Message
from . import pg_schema
from .cases import EVIDENCE_CHECK_FIELDS, CaseRecord, CaseStore, CaseStoreError, EvidenceRecord
from .pg_location import SCHEMA, PostgresLocation, parse_location
from .pg_registry import PostgresCodeRegistry
from .pg_schema import q
from .pg_session import READ_CASES, STATEMENT_TIMEOUT_MS, PgSession
from .rows import (
    VERDICT_ACTIONS,
    WGS84,
    case_check_values,
    changed_values,
    evidence_actor,
    evidence_rows,
    issue_rows,
    new_only,
    transform_to,
    verdict_event,
)
from .schema import CASE_FIELDS, CASES, DEFAULT_CRS, EVENT_FIELDS, EVENTS, EVIDENCE, EVIDENCE_FIELDS, META, SCHEMA_VERSION
from .values import CrsLike, case_event, case_state, qgs_crs, write_time
from .workspace import Workspace

_CASE_COLUMNS = [name for name, _, _ in CASE_FIELDS]
_EVENT_COLUMNS = [name for name, _, _ in EVENT_FIELDS]
_EVIDENCE_COLUMNS = [name for name, _, _ in EVIDENCE_FIELDS]
FILES_ROOT = "files_root"  # meta key: the shared folder of the workspace's photos (createworkspace records it)
_FILES_ROOTS = f"{settings.GROUP}/files_roots"  # a user's own mount of it, per location (QgsSettings)


def _names(columns) -> str:
    return ", ".join(f'"{name}"' for name in columns)


def _db_value(value: Any) -> Any:
    """Booleans as 0/1 and times as ISO 8601 UTC text, as the tables keep them (dates stay dates)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return domain.iso_utc(value)
    return value


def _wkb(geometry: Optional[QgsGeometry]):
    """2D WKB of a geometry (the columns have no Z or M), None for none."""
    import psycopg2

    if geometry is None or geometry.isNull():
        return None
    flat = QgsGeometry(geometry)
    flat.get().dropZValue()
    flat.get().dropMValue()
    return psycopg2.Binary(bytes(flat.asWkb()))


def _geometry(wkb) -> Optional[QgsGeometry]:
    if wkb is None:
        return None
    geometry = QgsGeometry()
    geometry.fromWkb(bytes(wkb))
    return geometry


def _rows(cursor) -> List[dict]:
    """The result as dicts, converted in batches: a month's case list read in a worker thread leaves the GIL to
    the main thread between batches instead of holding it for the whole conversion."""
    names = [column.name for column in cursor.description]
    rows = []
    while True:
        batch = cursor.fetchmany(2000)
        if not batch:
            return rows
        rows.extend(dict(zip(names, row)) for row in batch)


class _Changed(Exception):
    """The case has more events than the caller saw: the transaction is rolled back, then ``CaseChanged`` raised."""


class PostgresCaseStore(CaseStore):
    """Cases in the ``farmland_grid`` schema of a PostgreSQL database, as the session's login may see and change them.

    ``crs`` is the schema's (its SRID); ``identity`` the one recorded by a migration, else the workspace's
    creation stamp with the database name;
    ``login`` the session user; ``location`` the ``PostgresLocation`` (its text never holds a password);
    ``files_root`` where relative evidence paths resolve (``Workspace.files_root``).
    """

    def __init__(self, session: PgSession, transform_context: Optional[QgsCoordinateTransformContext] = None):
        self._session = session
        self.location: PostgresLocation = session.location
        self.transform_context = transform_context
        with session.transaction(READ_CASES) as cursor:
            self.schema_version = pg_schema.schema_version(cursor)
            cursor.execute(f"SELECT key, value FROM {q(META)}")
            meta = dict(cursor.fetchall())
            cursor.execute(
                "SELECT current_database(), srid, auth_name, auth_srid, srtext FROM spatial_ref_sys "
                "WHERE srid = Find_SRID(%s, %s, 'geom')",
                (SCHEMA, CASES),
            )
            database, self.srid, auth_name, auth_srid, srtext = cursor.fetchone()
        self.crs = QgsCoordinateReferenceSystem(f"{auth_name}:{auth_srid}")
        if not self.crs.isValid():
            self.crs = QgsCoordinateReferenceSystem.fromWkt(srtext)
        # A workspace migrated from another keeps the identity recorded there (field packages exported before import still).
        self.identity = meta.get("identity") or f"{meta.get('created_at', '')} postgresql:{database}"
        self.files_root = files_root(self.location.text, meta.get(FILES_ROOT))

    @property
    def login(self) -> str:
        return self._session.login

    def listen_params(self) -> dict:
        """psycopg2 connection keywords for a listener of its own (``store/pg_listen.py``); in memory only."""
        return dict(self.location.params)

    def role_provider(self):
        """The dock's role as the server grants it: admin chooses reviewer or field, else the one role; viewer otherwise."""
        from ..domain import roles
        from ..ui.role import GrantedRole

        granted = Message(QT_TR_NOOP("read the roles of your login"))
        with self._session.transaction(granted) as cursor:
            members = ", ".join(f"pg_has_role(session_user, '{role}', 'member')" for role in pg_schema.GROUP_ROLES)
            cursor.execute(f"SELECT {members}")
            admin, reviewer, township, _viewer = cursor.fetchone()
        choices = [role for role, given in ((roles.REVIEWER, admin or reviewer), (roles.FIELD, admin or township)) if given]
        return GrantedRole(choices[0], choices) if choices else GrantedRole(roles.VIEWER)

    def close(self) -> None:
        self._session.close()

    def _transform(self, crs):
        return transform_to(self.crs, crs, self.transform_context)

    def _template(self, columns) -> str:
        """One row of an INSERT: the columns' values, then the geometry from WKB in the schema's SRID."""
        return f"({', '.join(['%s'] * len(columns))}, ST_GeomFromWKB(%s, {int(self.srid)}))"

    # -- reading

    def cases(
        self,
        status: Union[str, Sequence[str], None] = None,
        unit_prefix: Optional[str] = None,
        person: Optional[str] = None,
        overdue_on=None,
        geometry: bool = True,
    ) -> List[CaseRecord]:
        clauses, args = [], []
        if status is not None:
            clauses.append("status = ANY(%s)")
            args.append([status] if isinstance(status, str) else list(status))
        if unit_prefix:
            escaped = unit_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            clauses.append("unit_code LIKE %s")
            args.append(escaped + "%")
        if person is not None:
            clauses.append("person = %s")
            args.append(person)
        if overdue_on is not None:
            clauses.append("status <> %s AND due_date < %s")
            args.extend([domain.CLOSED, overdue_on])
        return self._records(" AND ".join(clauses) or "true", args, geometry)

    def case(self, case_id: str) -> Optional[CaseRecord]:
        found = self._records("case_id = %s", [case_id], True)
        return found[0] if found else None

    def _records(self, where, args, geometry) -> List[CaseRecord]:
        shape = "ST_AsBinary(geom)" if geometry else "NULL"
        with self._session.transaction(READ_CASES) as cursor:
            cursor.execute(
                f"SELECT fid, {_names(_CASE_COLUMNS)}, {shape} AS geom FROM {q(CASES)} WHERE {where} ORDER BY fid", args
            )
            rows = _rows(cursor)
        records = []
        for row in rows:
            wkb = row.pop("geom")
            records.append(CaseRecord(row["fid"], case_state(row), row, _geometry(wkb)))
        return records

    def events(self, case_id: str) -> List[domain.CaseEvent]:
        with self._session.transaction(READ_CASES) as cursor:
            cursor.execute(f"SELECT {_names(_EVENT_COLUMNS)} FROM {q(EVENTS)} WHERE case_id = %s ORDER BY event_id", (case_id,))
            return [case_event(row) for row in _rows(cursor)]

    def evidence(self, case_id: str) -> List[EvidenceRecord]:
        return self._evidence("case_id = %s", [case_id], "ST_AsBinary(geom)")

    def all_evidence(self) -> List[EvidenceRecord]:
        return self._evidence("true", [], "NULL")

    def _evidence(self, where, args, shape) -> List[EvidenceRecord]:
        with self._session.transaction(READ_CASES) as cursor:
            cursor.execute(
                f"SELECT fid, {_names(_EVIDENCE_COLUMNS)}, {shape} AS geom FROM {q(EVIDENCE)} WHERE {where} ORDER BY fid", args
            )
            rows = _rows(cursor)
        return [
            EvidenceRecord(
                evidence_id=a["fid"],
                case_id=a["case_id"],
                path=a["path"],
                taken=a["taken"],
                lon_wgs84=a["lon_wgs84"],
                lat_wgs84=a["lat_wgs84"],
                direction_deg=a["direction_deg"],
                space_code=a["space_code"],
                added_at=domain.parse_iso_utc(a["added_at"]) if a["added_at"] else None,
                added_by=a["added_by"] or "",
                geometry=_geometry(a["geom"]),
                **{name: a[name] for name in EVIDENCE_CHECK_FIELDS},
            )
            for a in rows
        ]

    # -- writing

    def issue(
        self,
        patches: Iterable[Mapping[str, Any]],
        actor: str,
        now: Optional[datetime] = None,
        note: str = "",
        rule: domain.DueRule = domain.DEFAULT_DUE_RULE,
        crs: Optional[CrsLike] = None,
    ) -> Tuple[List[str], List[str]]:
        from psycopg2.extras import execute_values

        now = write_time(now)
        rows = issue_rows(patches, actor, now, note, rule, self._transform(crs))
        if not rows:
            return [], []
        columns = list(rows[0][0])
        with self._session.transaction(Message(QT_TR_NOOP("issue cases"))) as cursor:
            cursor.execute(
                f"SELECT case_id FROM {q(CASES)} WHERE case_id = ANY(%s)", ([values["case_id"] for values, _, _ in rows],)
            )
            rows, skipped = new_only(rows, lambda row: row[0]["case_id"], (case_id for (case_id,) in cursor.fetchall()))
            if not rows:
                return [], skipped
            # A case another user issued meanwhile is skipped, not doubled: the unique case_id decides.
            inserted = execute_values(
                cursor,
                f"INSERT INTO {q(CASES)} ({_names(columns)}, geom) VALUES %s ON CONFLICT (case_id) DO NOTHING RETURNING case_id",
                [[_db_value(values[name]) for name in columns] + [_wkb(geometry)] for values, geometry, _ in rows],
                template=self._template(columns),
                fetch=True,
            )
            created = {case_id for (case_id,) in inserted}
            self._append_events(cursor, [event for values, _, event in rows if values["case_id"] in created])
        skipped += [values["case_id"] for values, _, _ in rows if values["case_id"] not in created]
        return [values["case_id"] for values, _, _ in rows if values["case_id"] in created], skipped

    def apply(
        self,
        case_id: str,
        action: str,
        actor: str,
        note: str = "",
        now: Optional[datetime] = None,
        verdict: Optional[str] = None,
        verdict_reason: Optional[str] = None,
        rectification: Optional[str] = None,
        seen_checks: Sequence[str] = (),
        seen_events: Optional[int] = None,
    ) -> Tuple[domain.CaseState, domain.CaseEvent]:
        now = write_time(now)
        what = Message(
            QT_TR_NOOP("take the step {action} on case {case_id}"), action=domain.action_label(action), case_id=case_id
        )
        try:
            with self._session.transaction(what) as cursor:
                row = self._locked_case(cursor, case_id)
                if seen_events is not None:
                    cursor.execute(f"SELECT count(*) FROM {q(EVENTS)} WHERE case_id = %s", (case_id,))
                    if cursor.fetchone()[0] > seen_events:
                        raise _Changed()
                state = case_state(row)
                new_state, event = domain.transition(state, action, actor, note, now, verdict, verdict_reason, rectification)
                if action in VERDICT_ACTIONS:
                    cursor.execute(f"SELECT path, checks FROM {q(EVIDENCE)} WHERE case_id = %s ORDER BY fid", (case_id,))
                    event = verdict_event(event, row["checks"], cursor.fetchall(), seen_checks)
                self._change_case(cursor, row["fid"], changed_values(state, new_state, now))
                self._append_events(cursor, [event])
        except _Changed:
            raise self.changed(case_id) from None
        return new_state, event

    def add_evidence(
        self,
        case_id: str,
        records: Iterable[Mapping[str, Any]],
        actor: str,
        now: Optional[datetime] = None,
        crs: Optional[CrsLike] = None,
        rules: checks.CheckRules = checks.DEFAULT_RULES,
    ) -> Tuple[List[int], List[str]]:
        from psycopg2.extras import execute_values

        now = write_time(now)
        actor = evidence_actor(case_id, actor)
        rows = evidence_rows(case_id, records, actor, now, self._transform(crs), self._transform(WGS84))
        what = Message(QT_TR_NOOP("add evidence to case {case_id}"), case_id=case_id)
        added = []
        with self._session.transaction(what) as cursor:
            case = self._locked_case(cursor, case_id)  # evidence writes to one case take turns: paths and flags stay right
            cursor.execute(f"SELECT path FROM {q(EVIDENCE)} WHERE case_id = %s", (case_id,))
            rows, skipped = new_only(rows, lambda row: row[0]["path"], (path for (path,) in cursor.fetchall()))
            if rows:
                columns = list(rows[0][0])
                inserted = execute_values(
                    cursor,
                    f"INSERT INTO {q(EVIDENCE)} ({_names(columns)}, geom) VALUES %s RETURNING fid",
                    [[_db_value(values[name]) for name in columns] + [_wkb(geometry)] for values, geometry in rows],
                    template=self._template(columns),
                    fetch=True,
                )
                added = sorted(fid for (fid,) in inserted)
                cursor.execute(f"SELECT direction_deg, checks FROM {q(EVIDENCE)} WHERE case_id = %s ORDER BY fid", (case_id,))
                self._change_case(cursor, case["fid"], case_check_values(cursor.fetchall(), rules))
        return added, skipped

    def _locked_case(self, cursor, case_id) -> dict:
        """The case row, locked until the transaction ends; ``CaseStoreError`` when the login sees no such case."""
        cursor.execute(f"SELECT fid, {_names(_CASE_COLUMNS)} FROM {q(CASES)} WHERE case_id = %s FOR UPDATE", (case_id,))
        rows = _rows(cursor)
        if not rows:
            raise CaseStoreError(
                QT_TR_NOOP("There is no case {case_id} in the workspace {path}"), case_id=case_id, path=self.location.text
            )
        return rows[0]

    def _change_case(self, cursor, fid, values):
        assignments = ", ".join(f'"{name}" = %s' for name in values)
        cursor.execute(f"UPDATE {q(CASES)} SET {assignments} WHERE fid = %s", [_db_value(v) for v in values.values()] + [fid])

    def _append_events(self, cursor, events):
        """The only write to ``case_events``: new rows at the end (the server records the login beside the actor)."""
        from psycopg2.extras import execute_values

        if not events:
            return
        execute_values(
            cursor,
            f"INSERT INTO {q(EVENTS)} ({_names(_EVENT_COLUMNS)}) VALUES %s",
            [
                (e.case_id, e.action, e.from_status, e.to_status, e.actor, domain.iso_utc(e.time), e.note, e.checks)
                for e in events
            ],
        )


def files_root(location_text: str, recorded: Optional[str]) -> Optional[Path]:
    """The folder of the workspace's photos: the user's own setting for this location, else the one recorded."""
    local = str(QgsSettings().value(f"{_FILES_ROOTS}/{quote(location_text, safe='')}", "") or "").strip()
    chosen = local or (recorded or "").strip()
    return Path(chosen) if chosen else None


def set_local_files_root(location_text: str, folder: Optional[str]) -> None:
    """Remember (or with None forget) this user's mount of a workspace's photo folder."""
    key = f"{_FILES_ROOTS}/{quote(location_text, safe='')}"
    if folder:
        QgsSettings().setValue(key, str(folder))
    else:
        QgsSettings().remove(key)


def prepare_schema(cursor, location_text: str, crs: CrsLike = DEFAULT_CRS, *, create: bool = True) -> int:
    """Check the database's workspace schema, creating it when it is missing and ``create``; returns its version.

    Creating takes CREATE on the database (and PostGIS installed, or a login that may install it); missing
    group roles are created when the login may create roles, else the user is sent to createworkspace.
    """
    version = pg_schema.schema_version(cursor)
    if version is None:
        if not create:
            raise CaseStoreError(
                QT_TR_NOOP(
                    "The PostgreSQL database {location} holds no workspace: an administrator creates it with "
                    "Create workspace (farmlandgrid:createworkspace)"
                ),
                location=location_text,
            )
        cursor.execute(
            "SELECT session_user, has_database_privilege(current_database(), 'CREATE'), rolcreaterole OR rolsuper "
            "FROM pg_roles WHERE rolname = session_user"
        )
        login, may_create, may_add_roles = cursor.fetchone()
        missing = pg_schema.missing_roles(cursor)
        if not may_create:
            raise CaseStoreError(
                QT_TR_NOOP(
                    "The PostgreSQL database {location} holds no workspace, and your login {login} may not create it (it "
                    "needs CREATE on the database): an administrator runs Create workspace (farmlandgrid:createworkspace)"
                ),
                location=location_text,
                login=login,
            )
        if missing and not may_add_roles:
            raise CaseStoreError(
                QT_TR_NOOP(
                    "The PostgreSQL server of {location} lacks the group roles {roles}, and your login {login} may not create "
                    "roles: an administrator runs Create workspace (farmlandgrid:createworkspace)"
                ),
                location=location_text,
                login=login,
                roles=", ".join(missing),
            )
        pg_schema.ensure_roles(cursor)
        pg_schema.create_schema(cursor, _srid(crs), domain.iso_utc(datetime.now(timezone.utc)))
        return SCHEMA_VERSION
    if version != SCHEMA_VERSION:
        # Version 4 is the first the plugin writes into PostgreSQL: an older number was never written by it.
        raise CaseStoreError(
            QT_TR_NOOP(
                "The PostgreSQL workspace {location} has schema version {found}, which this plugin (version {known}) "
                "cannot use; update the plugin"
            ),
            location=location_text,
            found=version,
            known=SCHEMA_VERSION,
        )
    return version


def _srid(crs: CrsLike) -> int:
    crs = qgs_crs(crs)
    srid = crs.postgisSrid()
    if not srid:
        raise CaseStoreError(
            QT_TR_NOOP("The CRS {crs} has no PostGIS SRID; choose an EPSG CRS for the workspace"), crs=crs.authid()
        )
    return srid


def open_postgres(
    location: str,
    *,
    create: bool = True,
    crs: CrsLike = DEFAULT_CRS,
    transform_context: Optional[QgsCoordinateTransformContext] = None,
    busy_timeout_ms: int = 10000,
    statement_timeout_ms: int = STATEMENT_TIMEOUT_MS,
) -> Workspace:
    """The PostgreSQL workspace at ``location`` (``store/pg_location.py``), its schema created when missing and
    ``create``. ``busy_timeout_ms`` is how long a write waits for a case another user is changing,
    ``statement_timeout_ms`` how long any statement may take before the store gives up and says so."""
    place = parse_location(location)
    session = PgSession(place, busy_timeout_ms, statement_timeout_ms)
    try:
        with session.transaction(Message(QT_TR_NOOP("open the workspace"))) as cursor:
            prepare_schema(cursor, place.text, crs, create=create)
        cases = PostgresCaseStore(session, transform_context)
    except BaseException:
        session.close()
        raise
    return Workspace(place.text, cases, lambda: PostgresCodeRegistry(place), files_root=cases.files_root)
