"""The review dock's link to its workspace: opening it, reading the list and a case, taking a step — all in a worker
thread (``store_worker``) — and, for a PostgreSQL workspace, the live news of other users' steps.

A new location is opened in a session of its own; only once it is open does it replace the workspace shown
(a location that cannot be opened leaves the dock as it was). ``retry`` opens the same location again: after a
lost or slow server, the dock reads the list and the case shown again through the new connection.

Live news (``store/pg_listen.py``) arrive in the listener's thread and are handed to the main thread by a signal;
the changed cases are gathered for ``GATHER_MS`` and read again in one request (the whole list when many changed,
or when the listener had lost its connection and may have missed some).
"""

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from ..store.pg_location import is_postgres, parse_location
from .review_listing import CaseListing, CaseRow
from .store_worker import StoreSession

GATHER_MS = 300  # news of the same moment (a batch of steps) make one read
MANY_CHANGED = 200  # more cases changed at once than this: the whole list is read again


def _listing(cases, today):
    """The list of every case (read without what the list does not show), indexed for filtering and sorting."""
    return CaseListing([CaseRow.of(record) for record in cases.cases(geometry=False)], today)


def _case(cases, case_id):
    """``(CaseRecord or None, evidence, events)`` of a case, as the details show it."""
    record = cases.case(case_id)
    if record is None:
        return None, [], []
    return record, cases.evidence(case_id), cases.events(case_id)


class ReviewWorkspace(QObject):
    """Requests to the dock's workspace; answers come back to the callbacks given, in the main thread."""

    busy_changed = pyqtSignal(bool)
    slow = pyqtSignal()  # a request waits longer than the session's ``slow_ms``
    news = pyqtSignal(list)  # ids of the cases other users changed (gathered)
    reread = pyqtSignal()  # the live connection was lost and is back: the whole list should be read again
    _arrived = pyqtSignal(object)  # a payload from the listener thread
    _listening = pyqtSignal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None  # the session of the workspace shown
        self._opening = None  # a session opening a new location
        self.location = ""  # as given (a URI may carry a password: it is used, never shown or kept)
        self.workspace = None
        self.listener = None
        self._changed = set()
        self._gather = QTimer(self)
        self._gather.setSingleShot(True)
        self._gather.setInterval(GATHER_MS)
        self._gather.timeout.connect(self._deliver_news)
        self._arrived.connect(self._payload)
        self._listening.connect(self._listener_state)
        self._was_lost = False
        self._reads = 0

    # -- opening

    def open(self, location, done):
        """Open ``location``; ``done(Opened or None, error)``; the workspace shown stays until the new one is open."""
        if self._opening is not None:
            self._opening.let_go()
        session = self._opening = StoreSession(self)
        session.busy_changed.connect(lambda busy, s=session: self._busy(s, busy))
        session.slow.connect(lambda _kind, s=session: s in (self.session, self._opening) and self.slow.emit())

        def opened(result, error):
            self._opening = None
            if error is not None:
                session.let_go()
                self.busy_changed.emit(self.busy())
                done(None, error)
                return
            self._replace(session, location, result.workspace)
            done(result, None)

        session.open(location, QgsProject.instance().transformContext(), opened)
        return session

    def retry(self, done):
        """Open the location shown again (a new connection); ``done`` as for ``open``."""
        return self.open(self.location, done) if self.location else None

    def _replace(self, session, location, workspace):
        self._stop_listening()
        if self.session is not None:
            self.session.let_go()
        self.session, self.location, self.workspace = session, location, workspace
        if is_postgres(location):
            self._listen(workspace)

    def busy(self):
        return any(s is not None and s.busy() for s in (self.session, self._opening))

    def _busy(self, session, _busy):
        if session in (self.session, self._opening):
            self.busy_changed.emit(self.busy())

    # -- requests

    def request(self, kind, job, done):
        """``job(cases)`` on the workspace shown, in the worker; ``done(result, error)`` unless a newer request of
        the same kind was made. False without a workspace."""
        if self.session is None:
            return False
        return self.session.request(kind, lambda worker: job(worker.workspace.cases), done) is not None

    def read_cases(self, today, done):
        """The ``CaseListing`` of every case, overdue judged on ``today``."""
        return self.request("cases", lambda cases: _listing(cases, today), done)

    def read_rows(self, case_ids, done):
        """The rows of some cases (the others' steps); cases no longer there (or not visible to the login) left out.
        Every such read is answered (a later one does not make an earlier one stale: they read different cases)."""
        ids = list(case_ids)
        self._reads += 1
        return self.request(
            f"rows {self._reads}", lambda cases: [CaseRow.of(r) for r in map(cases.case, ids) if r is not None], done
        )

    def read_case(self, case_id, done):
        return self.request("case", lambda cases: _case(cases, case_id), done)

    def apply(self, case_id, action, actor, done, **step):
        """Take a step; ``done((state, event, (record, evidence, events)), error)`` with the case read again."""

        def job(cases):
            state, event = cases.apply(case_id, action, actor, **step)
            return state, event, _case(cases, case_id)

        return self.request("step", job, done)

    # -- live news (PostgreSQL)

    def _listen(self, workspace):
        from ..store.pg_listen import CaseListener  # psycopg2 only where a PostgreSQL workspace is used

        connect = _listen_connect(workspace, self.location)
        self.listener = CaseListener(connect, self._arrived.emit, self._listening.emit).start()

    def _stop_listening(self):
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.stop()
        self._changed.clear()
        self._gather.stop()
        self._was_lost = False

    def _payload(self, news):
        self._changed.add(news["case_id"])
        if not self._gather.isActive():
            self._gather.start()

    def _deliver_news(self):
        changed, self._changed = sorted(self._changed), set()
        if len(changed) > MANY_CHANGED:
            self.reread.emit()
        elif changed:
            self.news.emit(changed)

    def _listener_state(self, connected):
        if not connected:
            self._was_lost = True
        elif self._was_lost:
            self._was_lost = False
            self.reread.emit()

    def gathering(self):
        """Whether news arrived that are not read yet."""
        return self._gather.isActive()

    def live(self):
        """Whether other users' steps arrive by themselves (a PostgreSQL workspace whose listener is connected)."""
        return self.listener is not None and self.listener.connected

    # -- closing

    def close(self):
        self._stop_listening()
        for session in (self.session, self._opening):
            if session is not None:
                session.let_go()
        self.session = self._opening = self.workspace = None


def _listen_connect(workspace, location):
    """How the listener makes its own connection: as the store says (``listen_params``), else from the location."""
    params = getattr(workspace.cases, "listen_params", None)
    if callable(params):
        import psycopg2

        kwargs = params()
        return lambda: psycopg2.connect(**kwargs)
    return parse_location(location).connect
