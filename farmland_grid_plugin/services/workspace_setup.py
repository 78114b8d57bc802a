"""Setting up a workspace for a county office: the schema in PostgreSQL with its group roles, the township
logins and the shared folder of the evidence photos (``createworkspace``); or a GeoPackage for one user.

Everything of one run is one transaction: a refusal by the server (a login that may not create a schema or
roles) leaves the database as it was, and running it again changes only what is missing.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence, Tuple

from ..domain.cases import iso_utc
from ..domain.messages import QT_TR_NOOP
from ..store import pg_schema
from ..store.cases import CaseStoreError
from ..store.pg_location import SCHEMA, parse_location, redact
from ..store.postgres import FILES_ROOT
from ..store.schema import SCHEMA_VERSION
from ..store.workspace import open_workspace


@dataclass(frozen=True)
class SetupReport:
    schema_version: int
    created: bool  # False: the workspace was there already
    roles_created: Tuple[str, ...] = ()
    logins_added: Tuple[Tuple[str, str], ...] = ()
    logins_unknown: Tuple[str, ...] = ()  # township logins the server has no role for yet


def setup_geopackage(path: Path, crs) -> SetupReport:
    existed = path.exists()
    with open_workspace(path, crs=crs) as workspace:
        return SetupReport(workspace.schema_version, not existed)


def setup_postgres(
    location: str, shown: str, srid: int, files_root: Optional[str], township_logins: Sequence[Tuple[str, str]], now
) -> SetupReport:
    """Create (or complete) the workspace schema at ``location`` (``shown`` in messages)."""
    import psycopg2

    parsed = parse_location(location)
    connection = parsed.connect()
    try:
        with connection.cursor() as cursor:
            version = pg_schema.schema_version(cursor)
            if version is not None and version != SCHEMA_VERSION:
                raise CaseStoreError(
                    QT_TR_NOOP("The workspace {location} has schema version {found}; this plugin knows version {known}"),
                    location=shown,
                    found=version,
                    known=SCHEMA_VERSION,
                )
            login = _login(cursor)
            roles = _roles(cursor, login, shown)
            if version is None:
                pg_schema.create_schema(cursor, srid, iso_utc(now))
            if files_root:
                cursor.execute(
                    f"INSERT INTO {pg_schema.q(pg_schema.META)} (key, value) VALUES (%s, %s) "
                    "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                    (FILES_ROOT, files_root),
                )
            added = []
            for name, township in township_logins:
                cursor.execute(
                    f"INSERT INTO {pg_schema.q(pg_schema.TOWNSHIP_LOGINS)} (login, township_code) VALUES (%s, %s) "
                    "ON CONFLICT DO NOTHING",
                    (name, township),
                )
                if cursor.rowcount:
                    added.append((name, township))
            cursor.execute("SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", ([name for name, _ in township_logins],))
            known = {name for (name,) in cursor.fetchall()}
            unknown = tuple(sorted({name for name, _ in township_logins} - known))
        connection.commit()
        return SetupReport(SCHEMA_VERSION, version is None, tuple(roles), tuple(added), unknown)
    except psycopg2.Error as error:
        raise _refusal(error, shown, parsed.params) from None
    finally:
        connection.close()


def _login(cursor) -> str:
    cursor.execute("SELECT session_user")
    return cursor.fetchone()[0]


def _roles(cursor, login: str, shown: str) -> list:
    """The group roles created now; a clear refusal when some are missing and the login may not create them."""
    missing = pg_schema.missing_roles(cursor)
    if not missing:
        return []
    cursor.execute("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = session_user")
    if not cursor.fetchone()[0]:
        raise CaseStoreError(
            QT_TR_NOOP(
                "The group roles {roles} do not exist in the server of {location}, and your login {login} may not create "
                "roles. Run this tool with a login that has CREATEROLE (or a superuser), or ask the DBA to run: {sql}"
            ),
            roles=", ".join(missing),
            location=shown,
            login=login,
            sql=" ".join(f"CREATE ROLE {role} NOLOGIN;" for role in missing),
        )
    return pg_schema.ensure_roles(cursor)


def _refusal(error, shown: str, params) -> CaseStoreError:
    text = redact(str(error).strip(), params)
    if getattr(error, "pgcode", None) == "42501":  # insufficient_privilege
        return CaseStoreError(
            QT_TR_NOOP(
                "The server refused to set up the workspace in {location}: {error}. Creating the schema {schema} needs the "
                "owner of the database or a superuser; recording township logins an administrator (farmland_admin)"
            ),
            location=shown,
            error=text,
            schema=SCHEMA,
        )
    return CaseStoreError(
        QT_TR_NOOP("The server refused to set up the workspace in {location}: {error}"), location=shown, error=text
    )
