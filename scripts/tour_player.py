"""Plays the steps of a screenshot tour inside QGIS (scripts run with ``qgis --code``), one after the other.

Each step ``(seconds, function)`` runs that long after the previous one is done; a step that returns False is
not ready yet and is tried again every half second, up to ``wait_limit`` tries. A fixed timeline would fire in
a burst after the main thread was busy (drawing the dashboard) and grab a dialog before it was painted. An
exception, or a step never ready, is written to ``tour-error.txt`` in ``shots`` and QGIS quits with 1.
"""

import traceback

from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication


def play(steps, shots, wait_limit=180):
    def run(index=0, tries=0):
        try:
            ready = steps[index][1]()
        except Exception:  # noqa: BLE001 - report whatever broke, then stop
            (shots / "tour-error.txt").write_text(traceback.format_exc())
            QApplication.instance().exit(1)
            return
        if ready is False:
            if tries >= wait_limit:
                name = steps[index][1].__name__
                (shots / "tour-error.txt").write_text(f"step {index} ({name}) not ready after {wait_limit / 2:.0f} s")
                QApplication.instance().exit(1)
                return
            QTimer.singleShot(500, lambda: run(index, tries + 1))
        elif index + 1 < len(steps):
            QTimer.singleShot(int(steps[index + 1][0] * 1000), lambda: run(index + 1))

    QTimer.singleShot(int(steps[0][0] * 1000), run)
