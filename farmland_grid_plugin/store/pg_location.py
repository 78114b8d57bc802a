"""Where a PostgreSQL workspace is, and how to reach it without a password landing anywhere.

Three ways to name one (the ``WORKSPACE`` parameters and the docks take them as text):

- ``postgres:NAME``: a connection saved in QGIS (Data Source Manager → PostgreSQL); its user name and
  password come from the connection's authentication configuration (authcfg) or libpq's own means;
- ``service=NAME`` (with more ``key=value`` pairs if wanted): a service of ``pg_service.conf``;
- a libpq URI ``postgresql://user@host:port/dbname?sslmode=require`` or a ``key=value`` string (``host=db
  dbname=county user=wang``; it starts with one of the keywords ``host``, ``hostaddr``, ``port``, ``dbname``, ``user``).

A password given in a URI is used for the connection but never kept: ``PostgresLocation.text`` (what
settings, logs, messages and manifests see) has it removed.
"""

import re
from dataclasses import dataclass, field
from typing import Dict

from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsSettings

from ..domain.messages import QT_TR_NOOP
from .cases import CaseStoreError

SCHEMA = "farmland_grid"
# A URI, a saved connection, or libpq key=value text led by one of its connection keywords (no file name starts so).
_PREFIX = re.compile(r"^(postgres(ql)?:|(service|host|hostaddr|port|dbname|user)\s*=)", re.IGNORECASE)
_SAVED = re.compile(r"^postgres:(?!//)(?P<name>.+)$", re.IGNORECASE)
_URI_PASSWORD = re.compile(r"^(?P<head>postgres(ql)?://[^/@:]*):[^/@]*@", re.IGNORECASE)
_SCHEME = re.compile(r"^postgres(ql)?://", re.IGNORECASE)
_AUTHCFG = re.compile(r"\s*\bauthcfg\s*=\s*'?(?P<id>[A-Za-z0-9]+)'?")
# QGIS keeps a saved connection's SSL mode as an enum name or number (QgsDataSourceUri.SslMode).
_SSL_MODES = {"0": "prefer", "1": "disable", "2": "allow", "3": "require", "4": "verify-ca", "5": "verify-full"}
_SSL_MODES.update({f"ssl{mode.replace('-', '')}": mode for mode in _SSL_MODES.values()})
CONNECT_TIMEOUT_S = 10


def is_postgres(location) -> bool:
    """Whether ``location`` names a PostgreSQL workspace rather than a GeoPackage file."""
    return bool(_PREFIX.match(str(location or "").strip()))


@dataclass(frozen=True)
class PostgresLocation:
    """A PostgreSQL workspace: ``text`` to show and remember (never a password), ``params`` to connect with."""

    text: str
    params: Dict[str, str] = field(repr=False, compare=False)

    def connect(self, **extra):
        """A new psycopg2 connection (autocommit off); a refusal is a ``CaseStoreError`` naming the location."""
        import psycopg2

        params = {"connect_timeout": str(CONNECT_TIMEOUT_S), "application_name": "farmland_grid", **self.params, **extra}
        try:
            return psycopg2.connect(**params)
        except psycopg2.Error as error:
            raise CaseStoreError(
                QT_TR_NOOP("Cannot connect to the PostgreSQL workspace {location}: {error}"),
                location=self.text,
                error=redact(str(error).strip(), self.params),
            ) from None


def redact(text: str, params: Dict[str, str]) -> str:
    """``text`` without the password of ``params`` (server messages may echo a connection string)."""
    password = params.get("password")
    return text.replace(password, "***") if password else text


def parse_location(location: str) -> PostgresLocation:
    """The ``PostgresLocation`` of a location text; ``CaseStoreError`` when it cannot be understood."""
    text = str(location or "").strip()
    saved = _SAVED.match(text)
    if saved:
        return _saved_connection(saved.group("name").strip())
    authcfg = _AUTHCFG.search(text)
    conninfo = _AUTHCFG.sub("", text).strip() if authcfg else text
    conninfo = _SCHEME.sub(lambda m: m.group(0).lower(), conninfo)  # libpq knows the scheme in lower case only
    import psycopg2.extensions  # only where a PostgreSQL workspace is used (Debian: python3-psycopg2)

    try:
        params = psycopg2.extensions.parse_dsn(conninfo)
    except psycopg2.ProgrammingError as error:
        raise CaseStoreError(
            QT_TR_NOOP("{location} is no PostgreSQL connection QGIS or libpq understands: {error}"),
            location=_without_password(text),
            error=str(error).strip(),
        ) from None
    if authcfg:
        params.update(_credentials(authcfg.group("id"), text))
    shown = dict(params)
    shown.pop("password", None)
    if authcfg:
        shown["authcfg"] = authcfg.group("id")
    display = _without_password(text) if "://" in text else _conninfo(shown)
    return PostgresLocation(display, params)


def _without_password(text: str) -> str:
    text = _URI_PASSWORD.sub(lambda m: m.group("head") + "@", text)
    return re.sub(r"([?&]password=)[^&]*", r"\1***", re.sub(r"\bpassword\s*=\s*('[^']*'|\S+)", "password=***", text))


def _conninfo(params: Dict[str, str]) -> str:
    return " ".join(f"{key}={value}" for key, value in params.items())


def _saved_connection(name: str) -> PostgresLocation:
    """A connection of QGIS's settings; its password from its authcfg, or from libpq (pgpass, service file)."""
    settings = QgsSettings()
    group = f"PostgreSQL/connections/{name}"
    if not settings.contains(f"{group}/database") and not settings.contains(f"{group}/service"):
        raise CaseStoreError(QT_TR_NOOP("QGIS has no saved PostgreSQL connection named {name}"), name=name)
    params = {}
    for key, param in (("service", "service"), ("host", "host"), ("port", "port"), ("database", "dbname")):
        value = str(settings.value(f"{group}/{key}", "") or "").strip()
        if value:
            params[param] = value
    ssl = str(settings.value(f"{group}/sslmode", "") or "").strip().lower()
    if ssl in _SSL_MODES:
        params["sslmode"] = _SSL_MODES[ssl]
    username = str(settings.value(f"{group}/username", "") or "").strip()
    if username and settings.value(f"{group}/saveUsername", "true") in (True, "true"):
        params["user"] = username
    authcfg = str(settings.value(f"{group}/authcfg", "") or "").strip()
    if authcfg:
        params.update(_credentials(authcfg, f"postgres:{name}"))
    elif settings.value(f"{group}/savePassword", "false") in (True, "true"):
        password = str(settings.value(f"{group}/password", "") or "")
        if password:
            params["password"] = password
    return PostgresLocation(f"postgres:{name}", params)


def _credentials(authcfg: str, location: str) -> Dict[str, str]:
    """User name and password of a QGIS authentication configuration (Basic method), decrypted in memory only."""
    config = QgsAuthMethodConfig()
    manager = QgsApplication.authManager()
    if manager is None or not manager.loadAuthenticationConfig(authcfg, config, True):
        raise CaseStoreError(
            QT_TR_NOOP("{location}: QGIS has no usable authentication configuration {authcfg}"),
            location=location,
            authcfg=authcfg,
        )
    found = {"user": config.config("username", ""), "password": config.config("password", "")}
    return {key: value for key, value in found.items() if value}
