"""Live news of a PostgreSQL workspace: LISTEN on ``pg_schema.NOTIFY_CHANNEL`` in a thread of its own.

The schema's ``announce`` trigger sends one notification per event and per piece of evidence committed
(JSON: case id, action, actor, login, time). A ``CaseListener`` keeps a connection of its own (never the
store's: that one is busy with the user's work), waits on its socket with ``select`` and a timeout, and
hands every payload to ``on_payload`` in its thread. A lost connection is noticed (``on_state(False)``) and
made again every ``retry_s``; once back, ``on_state(True)`` says so, and since notifications sent
meanwhile are lost, the caller reads again what it shows. A connection that goes quiet is asked
``SELECT 1`` every ``check_s``, so a server that went away without closing the socket is noticed too.
"""

import json
import logging
import select
import threading
import time
from typing import Callable, Optional

from .pg_schema import NOTIFY_CHANNEL

LOG = logging.getLogger(__name__)
POLL_S = 0.5  # how long one wait on the socket lasts: stop() takes effect within it
RETRY_S = 2.0
CHECK_S = 10.0


class CaseListener:
    """Calls ``on_payload(dict)`` for every notification of the workspace, from its own thread.

    ``connect``: makes a new psycopg2 connection (e.g. ``PostgresLocation.connect``); ``on_state(bool)``:
    whether the listener is connected (``True`` again after a reconnection).
    """

    def __init__(
        self,
        connect: Callable,
        on_payload: Callable[[dict], None],
        on_state: Optional[Callable[[bool], None]] = None,
        *,
        retry_s: float = RETRY_S,
        check_s: float = CHECK_S,
    ):
        self._connect = connect
        self._on_payload = on_payload
        self._on_state = on_state or (lambda _connected: None)
        self._retry_s = retry_s
        self._check_s = check_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="farmland-grid-listen", daemon=True)
        self.connected = False

    def start(self):
        self._thread.start()
        return self

    def stop(self, wait_s: float = 2.0):
        """Stop listening; returns once the thread has closed its connection (or after ``wait_s``)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(wait_s)

    def _run(self):
        connection = None
        while not self._stop.is_set():
            if connection is None:
                connection = self._listen()
                if connection is None:
                    self._stop.wait(self._retry_s)
                    continue
            try:
                self._wait(connection)
            except Exception as error:  # psycopg2.OperationalError, OSError: the connection is gone
                LOG.info("farmland_grid listener lost its connection: %s", error)
                _close(connection)
                connection = None
                self._state(False)
        _close(connection)

    def _listen(self):
        try:
            connection = self._connect()
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(f'LISTEN "{NOTIFY_CHANNEL}"')
        except Exception as error:
            LOG.info("farmland_grid listener cannot connect: %s", error)
            if self.connected:
                self._state(False)
            return None
        self._state(True)
        return connection

    def _wait(self, connection):
        last = time.monotonic()
        while not self._stop.is_set():
            readable, _, _ = select.select([connection], [], [], POLL_S)
            if readable:
                connection.poll()  # raises when the server closed the connection
                last = time.monotonic()
                while connection.notifies:
                    self._deliver(connection.notifies.pop(0).payload)
            elif time.monotonic() - last > self._check_s:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
                last = time.monotonic()

    def _deliver(self, payload):
        try:
            news = json.loads(payload)
        except ValueError:
            return  # not one of the workspace's announcements
        if isinstance(news, dict) and news.get("case_id"):
            self._on_payload(news)

    def _state(self, connected):
        self.connected = connected
        self._on_state(connected)


def _close(connection):
    if connection is not None:
        try:
            connection.close()
        except Exception:  # closing a broken connection may fail; it is let go anyway
            pass
