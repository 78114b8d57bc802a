"""The review dock on a real month in PostgreSQL: 50,000 cases and 300,000 events (run by ``dock_bench.py --postgres``).

The month is written by the server itself (generate_series, as a DBA's bulk load; the step triggers are off for the
load as in a migration): ten townships, a few hundred responsible persons, every case with its issue event and
three to seven steps of the loop after it (six events a case on average), statuses spread over the loop. The dock
then connects as a reviewer and is timed as a user meets it: the list read (in the worker; the main thread's share
apart), filters and sorting of the list, and opening cases (from the click until details, map and trail show).
"""

import random
import statistics
import time

from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import QApplication, QMainWindow

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.store import pg_schema
from farmland_grid_plugin.store.pg_schema import q
from farmland_grid_plugin.store.schema import CASES, EVENTS
from farmland_grid_plugin.ui import review_layout
from farmland_grid_plugin.ui import review_listing as columns

SRID = 4527
# The loop as the month's cases went through it: after "issue", the first k of these (k from 3 to 7).
PATH = [
    (c.COLLECT, c.ISSUED, c.COLLECTING),
    (c.REPORT, c.COLLECTING, c.REPORTED),
    (c.SEND_BACK, c.REPORTED, c.RETURNED),
    (c.REPORT, c.RETURNED, c.REPORTED),
    (c.APPROVE, c.REPORTED, c.APPROVED),
    (c.RECTIFY, c.APPROVED, c.RECTIFYING),
    (c.CLOSE, c.RECTIFYING, c.CLOSED),
]


def fill(cursor, count):
    """``count`` cases and six events each on average, in the caller's transaction; returns the events written."""
    steps = ", ".join(f"({i + 1}, '{a}', '{f}', '{t}')" for i, (a, f, t) in enumerate(PATH))
    final = " ".join(f"WHEN {k} THEN '{PATH[k - 1][2]}'" for k in range(3, 8))
    cursor.execute(
        f"""
INSERT INTO {q(CASES)} (case_id, patch_id, unit_code, township_code, village_code, person, phone, status, verdict,
    issued_on, due_date, area_mu, pbf_mu, farmland_mu, accountable, updated_at, checks, photo_count, flagged_photos, geom)
SELECT id, id, unit, left(unit, 9), left(unit, 12), '责任人' || (n % 397), '138' || lpad(n::text, 8, '0'),
    CASE 3 + n % 5 {final} END, CASE WHEN 3 + n % 5 >= 4 THEN 'illegal' END,
    issued, issued + CASE WHEN n % 9 = 0 THEN 15 ELSE 30 END, 1 + (n % 173) / 7.0, (n % 11) / 3.0, 1 + (n % 173) / 8.0,
    (n % 9 = 0)::int, '2026-03-01T00:00:00Z', CASE WHEN n % 13 = 0 THEN 'too_few_photos' ELSE '' END, 3, 0,
    ST_Multi(ST_MakeEnvelope(x, y, x + 80, y + 80, {SRID}))
FROM (
    SELECT n, 'M' || lpad(n::text, 6, '0') AS id,
        '530102' || lpad((1 + n % 10)::text, 3, '0') || lpad((1 + n % 23)::text, 3, '0') || lpad((n % 7)::text, 3, '0') AS unit,
        date '2026-02-01' + (n % 28) AS issued,
        39500000 + (n % 250) * 400.0 AS x, 3300000 + (n / 250) * 400.0 AS y
    FROM generate_series(1, {int(count)}) AS n
) AS month
"""
    )
    cursor.execute(f"ALTER TABLE {q(EVENTS)} DISABLE TRIGGER step_rules, DISABLE TRIGGER announce")
    cursor.execute(
        f"""
INSERT INTO {q(EVENTS)} (case_id, action, from_status, to_status, actor, time, note)
SELECT case_id, action, from_status, to_status, CASE WHEN action IN ('collect', 'report', 'rectify') THEN person
    ELSE '审核员 李华' END, to_char(timestamp '2026-02-01' + (fid % 28) * interval '1 day' + i * interval '1 hour',
    'YYYY-MM-DD"T"HH24:MI:SS"Z"'), CASE WHEN action = 'send_back' THEN '照片不清楚,请补拍' ELSE '' END
FROM (
    SELECT fid, case_id, person, 0 AS i, 'issue' AS action, NULL AS from_status, 'issued' AS to_status,
        3 + substr(case_id, 2)::int % 5 AS k FROM {q(CASES)}
    UNION ALL
    SELECT fid, case_id, person, i, action, from_status, to_status, 3 + substr(case_id, 2)::int % 5
    FROM {q(CASES)} CROSS JOIN (VALUES {steps}) AS step (i, action, from_status, to_status)
) AS trail
WHERE i <= k
ORDER BY fid, i
"""
    )
    written = cursor.rowcount
    cursor.execute(f"ALTER TABLE {q(EVENTS)} ENABLE TRIGGER step_rules, ENABLE TRIGGER announce")
    return written


def _rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 1e6


def _timed(action, repeat=3):
    """The median of ``repeat`` runs of ``action`` (ms), the event loop given its turn between them."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
        QApplication.processEvents()
    return statistics.median(times)


def main(count, desktop):
    import psycopg2

    from farmland_grid_plugin.ui.review_dock import EvidenceReviewDock
    from tests.qgis.postgis import PostgisServer

    server = PostgisServer().start()
    try:
        dbname = server.new_workspace(srid=SRID)
        start = time.perf_counter()
        with psycopg2.connect(server.location(dbname)) as connection, connection.cursor() as cursor:
            events = fill(cursor, count)
            cursor.execute(f"ANALYZE {q(CASES)}; ANALYZE {q(EVENTS)}")
        connection.close()
        print(f"month written by the server: {count:,} cases, {events:,} events in {time.perf_counter() - start:.1f} s")
        _measure(server.location(dbname, "reviewer_li"), desktop, EvidenceReviewDock)
    finally:
        server.stop()


def _measure(location, desktop, dock_class):
    from qgis.gui import QgsMapCanvas

    window = QMainWindow()
    canvas = QgsMapCanvas(window)
    window.setCentralWidget(canvas)
    window.resize(1366, 768)
    dock = dock_class(desktop(window, canvas))
    window.addDockWidget(Qt.RightDockWidgetArea, dock)
    window.show()
    before = _rss_mb()
    ticks = []  # the event loop's turns while the month is read: the longest gap is what the user would feel
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    start = time.perf_counter()
    dock.open_workspace(location)
    assert dock.wait_until_idle(120), "the month was not listed in two minutes"
    listed = time.perf_counter() - start
    timer.stop()
    stall = max((b - a for a, b in zip(ticks, ticks[1:])), default=0.0) * 1000
    total = dock.model.total()
    grown = _rss_mb() - before
    print(
        f"open and list {total:,} cases (in the worker): {listed:.2f} s, longest event-loop stall {stall:.0f} ms; "
        f"memory +{grown:.0f} MB"
    )
    swapped = _timed(lambda: (dock.model.set_cases(dock.model.listing), QApplication.processEvents()))
    dock.table.horizontalHeader().setResizeContentsPrecision(review_layout.FIT_ROWS)
    fitted = _timed(dock.table.resizeColumnsToContents)
    print(f"  main thread: the listing swapped in and painted {swapped:.0f} ms; columns fitted (first time only) {fitted:.0f} ms")

    figures = {}
    figures["filter unit code prefix (a township)"] = _timed(
        lambda: (dock.unit_edit.setText("530102003"), dock.unit_edit.clear())
    )
    figures["filter status"] = _timed(
        lambda: (dock.status_combo.setCurrentIndex(dock.status_combo.findData(c.REPORTED)), dock.status_combo.setCurrentIndex(0))
    )
    figures["filter person (part of a name)"] = _timed(lambda: (dock.person_edit.setText("责任人12"), dock.person_edit.clear()))
    figures["filter overdue only"] = _timed(lambda: (dock.overdue_check.setChecked(True), dock.overdue_check.setChecked(False)))
    for figure in list(figures):
        figures[figure] /= 2  # each run set the filter and cleared it again
    for column, name in ((columns.COL_CASE, "case id"), (columns.COL_STATUS, "status"), (columns.COL_PERSON, "person"),
                         (columns.COL_DUE, "due date"), (columns.COL_AREA, "area")):  # fmt: skip
        figures[f"sort by {name} (first time, then reversed)"] = (
            _timed(
                lambda col=column: (
                    dock.table.sortByColumn(col, Qt.AscendingOrder),
                    dock.table.sortByColumn(col, Qt.DescendingOrder),
                )
            )
            / 2
        )
    dock.table.sortByColumn(-1, Qt.AscendingOrder)
    dock.unit_edit.setText("530102004")
    figures["filter while sorted by due date"] = _timed(
        lambda: (
            dock.table.sortByColumn(columns.COL_DUE, Qt.AscendingOrder),
            dock.person_edit.setText("责任人3"),
            dock.person_edit.clear(),
        )
    )
    dock.unit_edit.clear()
    for name, ms in figures.items():
        print(f"  {name}: {ms:.1f} ms")

    ids = dock.listed_case_ids()
    opened = []
    for case_id in random.Random(15).sample(ids, 20):
        start = time.perf_counter()
        dock.select_case(case_id)
        while dock.current_case() is None or dock.current_case().case_id != case_id:
            QApplication.processEvents()
        opened.append((time.perf_counter() - start) * 1000)
        QApplication.processEvents()
    opened.sort()
    events = dock.history.rowCount()
    print(
        f"open a case (click to details, map and trail shown; {events} events the last): "
        f"median {statistics.median(opened):.0f} ms, 95th percentile {opened[int(0.95 * len(opened)) - 1]:.0f} ms, "
        f"slowest {opened[-1]:.0f} ms of {len(opened)}"
    )
    cases = dock.workspace.cases  # the server's part: the three reads of a case, without the dock
    server = [
        _timed(lambda i=case_id: (cases.case(i), cases.evidence(i), cases.events(i)), 1) for case_id in ids[:: len(ids) // 20]
    ]
    print(
        f"  of which the server's three reads (case with geometry, evidence, events): median {statistics.median(server):.0f} ms"
    )
    print(f"live news: listening {dock.link.live()}; channel {pg_schema.NOTIFY_CHANNEL}")
    dock.cleanup()
    window.close()
