"""One connection to a PostgreSQL workspace, used one transaction at a time, and what its errors mean to a user.

The case store and the code registry each hold a ``PgSession``. ``transaction(what)`` runs a block in one
transaction on the session's connection (made on first use, and again after it was lost): committed when
the block ends, rolled back on any exception. Threads take turns (a dock's tasks and the main thread may
share a store). A server's refusal becomes a ``CaseStoreError`` naming the login, what it tried and why:
missing rights (SQLSTATE 42501), a statement timeout (57014), another writer holding the rows too long, a
lost connection. A connection that was idle for a while is checked before it is used, so a server that was
restarted meanwhile costs no failed action.
"""

import threading
import time
from contextlib import contextmanager
from typing import Iterator

from ..domain.messages import QT_TR_NOOP, Message
from .cases import CaseStoreError
from .pg_location import PostgresLocation, redact

STATEMENT_TIMEOUT_MS = 30000
_CHECK_AFTER_IDLE_S = 2.0
_BUSY = ("55P03", "40001", "40P01")  # lock not available, serialization failure, deadlock
_LOST = ("57P01", "57P02", "57P03")  # the server shut down or is starting


class PgSession:
    """A connection to ``location`` with the given statement and lock timeouts (milliseconds)."""

    def __init__(self, location: PostgresLocation, lock_timeout_ms: int, statement_timeout_ms: int = STATEMENT_TIMEOUT_MS):
        self.location = location
        self.lock_timeout_ms = int(lock_timeout_ms)
        self.statement_timeout_ms = int(statement_timeout_ms)
        self.login = ""
        self._timeout_ms = self.statement_timeout_ms
        self._connection = None
        self._used = 0.0
        self._turn = threading.RLock()

    def _connect(self):
        # The location's own options come last, so a service file or URI may set other timeouts (the last -c wins).
        own = self.location.params.get("options", "")
        options = f"-c statement_timeout={self.statement_timeout_ms} -c lock_timeout={self.lock_timeout_ms} {own}".strip()
        connection = self.location.connect(options=options, keepalives="1", keepalives_idle="30")
        with connection.cursor() as cursor:
            cursor.execute("SELECT session_user, setting::int FROM pg_settings WHERE name = 'statement_timeout'")
            self.login, self._timeout_ms = cursor.fetchone()  # the timeout in force: the location's options may set it
        connection.commit()
        return connection

    def _ready(self, what: Message):
        """The connection, made again when it was lost, checked when it was idle (nothing is lost by a check).

        The first connection's refusal says why it cannot connect; once the store has worked, a server that does
        not answer is a passing fault: the message says to try again."""
        import psycopg2

        if self._connection is not None and not self._connection.closed and time.monotonic() - self._used > _CHECK_AFTER_IDLE_S:
            try:
                with self._connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
                self._connection.rollback()
            except psycopg2.Error:
                self._drop()
        if self._connection is None or self._connection.closed:
            try:
                self._connection = self._connect()
            except CaseStoreError as refused:
                if not self.login:
                    raise
                raise self._lost(what, refused.message.params.get("error", "")) from None
        return self._connection

    def _drop(self):
        if self._connection is not None:
            self._connection.close()  # psycopg2 closes a lost or closed connection without complaint
        self._connection = None

    @contextmanager
    def transaction(self, what: Message) -> Iterator:
        """A cursor in one transaction; ``what`` (e.g. "take the step Approve on case X") names it in refusals."""
        import psycopg2

        with self._turn:
            connection = self._ready(what)
            try:
                with connection.cursor() as cursor:
                    yield cursor
                connection.commit()
            except BaseException as error:
                try:
                    connection.rollback()
                except psycopg2.Error:
                    self._drop()
                if connection.closed:
                    self._drop()
                if isinstance(error, psycopg2.Error):
                    raise self.refusal(error, what) from None
                raise
            finally:
                self._used = time.monotonic()

    def refusal(self, error, what: Message) -> CaseStoreError:
        """The ``CaseStoreError`` a user reads for a psycopg2 error."""
        import psycopg2

        code = getattr(error, "pgcode", None)
        diag = getattr(error, "diag", None)
        reason = redact((diag.message_primary if diag else None) or str(error), self.location.params)
        place = {"location": self.location.text, "what": what, "reason": " ".join(reason.split())}
        if code == "42501":
            return CaseStoreError(
                QT_TR_NOOP("Your login {login} may not {what} in the workspace {location}: {reason}"), login=self.login, **place
            )
        if code == "57014":
            return CaseStoreError(
                QT_TR_NOOP(
                    "The PostgreSQL server of the workspace {location} did not answer within {seconds} s while trying to "
                    "{what}; nothing was changed. Try again"
                ),
                seconds=f"{self._timeout_ms / 1000:g}",
                **place,
            )
        if code in _BUSY:
            return CaseStoreError(
                QT_TR_NOOP(
                    "The workspace {location} is busy: another user is changing the same records, so it could not {what}; "
                    "nothing was changed. Try again"
                ),
                **place,
            )
        unanswered = isinstance(error, (psycopg2.OperationalError, psycopg2.InterfaceError)) and code is None
        if unanswered or code in _LOST or (code or "").startswith("08"):
            self._drop()
            return self._lost(what, place["reason"])
        return CaseStoreError(QT_TR_NOOP("The PostgreSQL workspace {location} refused to {what}: {reason}"), **place)

    def _lost(self, what: Message, reason: str) -> CaseStoreError:
        return CaseStoreError(
            QT_TR_NOOP(
                "The PostgreSQL server of the workspace {location} did not answer while trying to {what} ({reason}). Try again"
            ),
            location=self.location.text,
            what=what,
            reason=" ".join(reason.split()),  # libpq's texts run over several indented lines
        )

    def close(self) -> None:
        with self._turn:
            self._drop()


READ_CASES = Message(QT_TR_NOOP("read the cases"))
