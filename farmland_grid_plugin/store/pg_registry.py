"""The space-code registry of a PostgreSQL workspace (``farmland_grid.space_code_registry``).

Same interface and meaning as the GeoPackage registry (``store/registry.py``). A coding run's
``transaction()`` is one PostgreSQL transaction that first locks the table in SHARE ROW EXCLUSIVE mode:
readers go on, but a second coding session waits until the first has committed its codes, then reads the
serials it drew, so no serial is drawn twice. The lock needs a write grant on the registry (the admins'),
so a login without one is refused at once, with nothing drawn. The registry has a connection of its own:
the case store stays usable while a run holds the lock.
"""

from contextlib import contextmanager
from typing import Dict, Iterable, Iterator, Mapping, Sequence, Set

from ..domain.messages import QT_TR_NOOP, Message
from .pg_location import PostgresLocation
from .pg_schema import q
from .pg_session import PgSession
from .registry import ACTIVE, RETIRED
from .schema import REGISTRY

# A coding run holds the lock for the whole run, so a second one waits longer for it than a case write waits.
_LOCK_WAIT_MS = 60000
_CODING = Message(QT_TR_NOOP("assign space codes"))
_READING = Message(QT_TR_NOOP("read the space-code registry"))


class PostgresCodeRegistry:
    def __init__(self, location: PostgresLocation):
        self._session = PgSession(location, _LOCK_WAIT_MS, statement_timeout_ms=2 * _LOCK_WAIT_MS)
        self._cursor = None

    @contextmanager
    def transaction(self) -> Iterator["PostgresCodeRegistry"]:
        """All reads and writes inside are one transaction holding the registry's lock; an exception rolls it back."""
        with self._session.transaction(_CODING) as cursor:
            cursor.execute(f"LOCK TABLE {q(REGISTRY)} IN SHARE ROW EXCLUSIVE MODE")
            self._cursor = cursor
            try:
                yield self
            finally:
                self._cursor = None

    @contextmanager
    def _in_transaction(self, what):
        if self._cursor is not None:
            yield self._cursor
            return
        with self._session.transaction(what) as cursor:
            yield cursor

    def highest_serials(self) -> Dict[str, int]:
        """{group code: highest serial ever issued in it}."""
        with self._in_transaction(_READING) as cursor:
            cursor.execute(f"SELECT group_code, MAX(serial) FROM {q(REGISTRY)} GROUP BY group_code")
            return dict(cursor.fetchall())

    def retired_codes(self) -> Set[str]:
        with self._in_transaction(_READING) as cursor:
            cursor.execute(f"SELECT space_code FROM {q(REGISTRY)} WHERE status = %s", (RETIRED,))
            return {code for (code,) in cursor.fetchall()}

    def record(
        self, issued: Mapping[str, Sequence[str]], retired: Iterable[str], when: str, existing: Iterable[str] = ()
    ) -> None:
        """Store new codes (code → parent codes), retire codes, and register codes coded before the registry."""
        from psycopg2.extras import execute_batch, execute_values

        def row(code, parents):
            return (code, code[:6], code[:15], int(code[15:20]), ACTIVE, when, "; ".join(parents))

        with self._in_transaction(_CODING) as cursor:
            rows = [row(code, ()) for code in existing] + [row(code, parents) for code, parents in issued.items()]
            if rows:
                execute_values(
                    cursor,
                    f"INSERT INTO {q(REGISTRY)} (space_code, county_code, group_code, serial, status, issued_at, parent_codes) "
                    "VALUES %s ON CONFLICT (space_code) DO NOTHING",
                    rows,
                )
            execute_batch(
                cursor,
                f"UPDATE {q(REGISTRY)} SET status = %s, retired_at = %s WHERE space_code = %s",
                [(RETIRED, when, code) for code in retired],
            )

    def close(self) -> None:
        self._session.close()
