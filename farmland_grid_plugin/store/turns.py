"""Writers of one workspace GeoPackage take turns for the whole of a write, not just its commit.

SQLite's own lock is taken by a transaction's first write, after QGIS has opened the layers the
write goes through. QGIS's OGR provider shares one GDAL data set (one SQLite connection) among the
layers of a file only while the file is unchanged since the data set was opened: when another
process commits between the opening of the case layer and that of the event layer, the second
layer gets a connection of its own, which then waits for the lock its own transaction holds and
fails with "database is locked" after GDAL's wait. So a writer takes its turn before it opens a
layer and keeps it until its layers are closed. The turn is an ``flock`` on a file beside the
workspace (``<workspace>-lock``, created once and left there: removing a lock file races with
the next writer opening it). Writers that are not the plugin (QGIS editing, sqlite3) still meet
SQLite's lock, which the store waits for as before.
"""

import errno
import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path

from ..domain.messages import QT_TR_NOOP
from .cases import CaseStoreError

_POLL_S = 0.02


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + "-lock")


@contextmanager
def writer_turn(path: Path, deadline: float):
    """Hold the workspace's writer turn; wait until ``deadline`` (``time.monotonic()``) for it.

    Where the lock file cannot be made (a read-only folder), there is no turn to take: the write
    itself then meets SQLite's lock or the folder's refusal, and says so.
    """
    try:
        handle = os.open(lock_path(path), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError:
        yield
        return
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
            if time.monotonic() >= deadline:
                raise CaseStoreError(
                    QT_TR_NOOP("The workspace {path} is busy: another writer did not finish in time. Try again"),
                    path=str(path),
                )
            time.sleep(_POLL_S)
        yield
    finally:
        os.close(handle)  # closing the descriptor releases the lock
