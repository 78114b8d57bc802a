"""A workspace writer in a process of its own, as a second user's QGIS would be (for test_concurrent_writers)."""

import os
import time


def write_cases(path, case_ids, ready, start, results):
    """Collect and report each case; put (failures, first write start, last write end, longest write)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from farmland_grid_plugin.domain import cases as c
    from farmland_grid_plugin.store import open_workspace

    workspace = open_workspace(path, create=False)
    ready.set()
    start.wait()
    failures, longest, began = [], 0.0, time.monotonic()
    for case_id in case_ids:
        for action in (c.COLLECT, c.REPORT):
            started = time.monotonic()
            try:
                workspace.cases.apply(case_id, action, "王建国", "", verdict=c.LEGAL if action == c.REPORT else None)
            except Exception as error:  # the test reports every failure with its message
                failures.append(f"{case_id} {action}: {error}")
            longest = max(longest, time.monotonic() - started)
    ended = time.monotonic()
    workspace.close()
    results.put((failures, began, ended, longest))
