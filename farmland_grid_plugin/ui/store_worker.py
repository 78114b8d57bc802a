"""The docks talk to their workspace off the main thread: one worker thread, one open workspace (one connection).

``StoreWorker`` runs jobs (callables taking the worker, whose ``workspace`` they use) one after the other in
its thread and sends each answer back by a signal. ``StoreSession`` is what a dock holds: it opens the
workspace in a new worker, sends requests by kind (``"cases"``, ``"case"``, ``"step"``…) and delivers only
the answer to the latest request of each kind (older ones are stale and dropped), says when it is busy, and
when a request has waited longer than ``slow_ms`` it says so, so that the dock can offer a retry instead of
waiting on a server that does not answer. A retry opens the workspace again in a new worker; a worker stuck
on a lost server is left to finish on its own. Every worker is kept referenced until its thread ends (a QThread
destroyed while it runs takes QGIS down), and told to end when Python exits.
"""

import atexit
import itertools
import queue
import time

from qgis.PyQt.QtCore import QObject, QThread, QTimer, pyqtSignal

from .. import store
from .role import server_role

SLOW_MS = 4000  # a request unanswered this long: the dock says the workspace does not answer
_RUNNING = set()  # every worker whose thread has not ended


class StoreWorker(QThread):
    """A thread of its own holding one open ``store.Workspace``; jobs run in the order they came."""

    answered = pyqtSignal(int, object, object)  # job id, result, error (an exception) or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.workspace = None
        self._jobs = queue.Queue()

    def submit(self, job_id, job):
        self._jobs.put((job_id, job))

    def finish(self):
        """No more jobs: the thread closes the workspace and ends after the job it is running."""
        self._jobs.put(None)

    def run(self):
        while True:
            item = self._jobs.get()
            if item is None:
                break
            job_id, job = item
            try:
                result, error = job(self), None
            except Exception as exc:  # handed to the dock, which says what went wrong
                result, error = None, exc
            self.answered.emit(job_id, result, error)
        if self.workspace is not None:
            try:
                self.workspace.close()
            except Exception:  # a lost connection cannot be closed cleanly; it is let go anyway
                pass
            self.workspace = None


class Opened:
    """What opening a workspace gives the dock: the workspace and the role its server grants (None: the user's)."""

    def __init__(self, workspace, roles):
        self.workspace, self.roles = workspace, roles


def open_job(location, transform_context):
    def job(worker):
        workspace = store.open_workspace(location, create=False, transform_context=transform_context)
        worker.workspace = workspace
        return Opened(workspace, server_role(workspace.cases))

    return job


class StoreSession(QObject):
    """A dock's way to its workspace: requests by kind, answers by callback, stale answers dropped."""

    busy_changed = pyqtSignal(bool)
    slow = pyqtSignal(str)  # the kind of the request that waits longer than ``slow_ms``

    def __init__(self, parent=None, slow_ms=None):
        super().__init__(parent)
        self.worker = None
        self._ids = itertools.count(1)
        self._latest = {}  # kind → id of its latest request
        self._waiting = {}  # id → (kind, callback, started)
        self._said_slow = set()
        self.slow_ms = SLOW_MS if slow_ms is None else slow_ms
        self._watch = QTimer(self)
        self._watch.setInterval(250)
        self._watch.timeout.connect(self._check_slow)

    @property
    def workspace(self):
        return self.worker.workspace if self.worker is not None else None

    def open(self, location, transform_context, done):
        """Open ``location`` in a new worker (the one before is let go); ``done(Opened or None, error)``."""
        self.let_go()
        worker = self.worker = StoreWorker()
        worker.answered.connect(lambda job_id, result, error: self._answered(worker, job_id, result, error))
        _RUNNING.add(worker)
        worker.finished.connect(lambda: _ended(worker))
        worker.start()
        return self.request("open", open_job(location, transform_context), done)

    def request(self, kind, job, done):
        """Run ``job(worker)`` in the worker; ``done(result, error)`` in the main thread unless a newer request
        of the same kind came meanwhile. Returns the request's id (None without a worker)."""
        if self.worker is None:
            return None
        job_id = next(self._ids)
        self._latest[kind] = job_id
        was_busy = self.busy()
        self._waiting[job_id] = (kind, done, time.monotonic())
        self.worker.submit(job_id, job)
        if not was_busy:
            self._watch.start()
            self.busy_changed.emit(True)
        return job_id

    def busy(self):
        return bool(self._waiting)

    def _answered(self, worker, job_id, result, error):
        if worker is not self.worker:
            return  # from a worker let go: nobody waits for it any more
        kind, done, _started = self._waiting.pop(job_id, (None, None, None))
        self._said_slow.discard(job_id)
        if done is not None and self._latest.get(kind) == job_id:
            done(result, error)
        if not self._waiting:
            self._watch.stop()
            self.busy_changed.emit(False)

    def _check_slow(self):
        now = time.monotonic()
        for job_id, (kind, _done, started) in list(self._waiting.items()):
            if job_id not in self._said_slow and (now - started) * 1000 >= self.slow_ms:
                self._said_slow.add(job_id)
                self.slow.emit(kind)

    def let_go(self):
        """Drop the worker and every request waiting on it; its thread ends after the job it runs (perhaps much later)."""
        worker, self.worker = self.worker, None
        was_busy = self.busy()
        self._waiting.clear()
        self._latest.clear()
        self._said_slow.clear()
        self._watch.stop()
        if was_busy:
            self.busy_changed.emit(False)
        if worker is not None:
            worker.finish()


def _ended(worker):
    worker.wait(1000)  # ``finished`` comes just before the thread's very end
    _RUNNING.discard(worker)


@atexit.register
def _finish_all(wait_ms=3000):
    for worker in list(_RUNNING):
        worker.finish()
    for worker in list(_RUNNING):
        worker.wait(wait_ms)
