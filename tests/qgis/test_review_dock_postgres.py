"""The review dock on a shared PostgreSQL workspace: the role its server grants each login decides the buttons, other
users' steps show by themselves within seconds, the one who was second is told who was first, refusals of the server
are messages, and a slow or stopped server never freezes the dock (it says so and a Retry works once it is back)."""

import time
from datetime import date, timedelta

import pytest
from qgis.PyQt.QtCore import QCoreApplication, QTimer

from farmland_grid_plugin import store
from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.domain import roles
from farmland_grid_plugin.i18n import render
from farmland_grid_plugin.store import pg_schema
from farmland_grid_plugin.ui import store_worker
from farmland_grid_plugin.ui.review_dock import EvidenceReviewDock
from farmland_grid_plugin.ui.review_listing import COL_STATUS

from .test_review_dock import ISSUER, canvas, settings, settle, square  # noqa: F401 - fixtures

pytestmark = pytest.mark.usefixtures("canvas", "settings")  # the map in another CRS, QGIS's settings kept apart

CRS = "EPSG:4527"
ISSUED_ON = date.today() - timedelta(days=3)
CASES = {  # case id → unit code: two in township 530102001 (township_wang's), one in 530102002 (township_chen's)
    "PG0001": "530102001001001",
    "PG0002": "530102001002000",
    "PG0003": "530102002003000",
}


@pytest.fixture
def database(postgis):
    """A new workspace database, its three cases issued by the admin."""
    dbname = postgis.new_workspace(srid=4527)
    with store.open_workspace(postgis.location(dbname, "admin_zhang"), create=False) as workspace:
        patches = [
            {"patch_id": case_id, "unit_code": unit, "issued_on": ISSUED_ON, "geometry": square(39_512_000 + 500 * k, 3_320_000)}
            for k, (case_id, unit) in enumerate(CASES.items())
        ]
        workspace.cases.issue(patches, ISSUER)
    return dbname


def open_as(qgis_iface, postgis, dbname, login):
    dock = EvidenceReviewDock(qgis_iface)
    dock.actor_edit.setText(f"{login} 本人")
    dock.open_workspace(postgis.location(dbname, login))
    settle(dock)
    return dock


def close(dock):
    dock.close()
    dock.cleanup()
    dock.deleteLater()
    QCoreApplication.processEvents()


def status_shown(dock, case_id):
    row = dock.model.row_of(case_id)
    return None if row is None else dock.model.index(row, COL_STATUS).data()


def label(status):
    return render(c.status_label(status))


def wait_for(condition, seconds):
    """Let the event loop run until ``condition()`` holds; the time it took, None when it did not within ``seconds``."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        QCoreApplication.processEvents()
        if condition():
            return time.monotonic() - start
        time.sleep(0.01)
    return None


def test_each_login_gets_the_buttons_of_its_role(qgis_iface, postgis, database, monkeypatch):
    reviewer = open_as(qgis_iface, postgis, database, "reviewer_li")
    assert "user=reviewer_li" in reviewer.location and reviewer.message() == ""
    assert reviewer.listed_case_ids() == list(CASES)
    assert reviewer.role() == roles.REVIEWER and not reviewer.role_combo.isEnabled()
    assert reviewer.select_case("PG0001")
    settle(reviewer)
    assert reviewer.shown_actions() == []  # issued: the township's steps, named beside the (no) buttons
    assert reviewer.details.role_note.text() == render(roles.others_note(roles.REVIEWER, [c.COLLECT, c.REPORT]))
    close(reviewer)

    township = open_as(qgis_iface, postgis, database, "township_wang")
    assert township.listed_case_ids() == ["PG0001", "PG0002"]  # row-level security: its own township only
    assert township.role() == roles.FIELD and not township.role_combo.isEnabled()
    township.select_case("PG0002")
    settle(township)
    assert township.shown_actions() == [c.COLLECT, c.REPORT]
    township.action_buttons()[0].click()  # start collecting
    settle(township)
    assert township.current_case().status == c.COLLECTING and status_shown(township, "PG0002") == label(c.COLLECTING)
    monkeypatch.setattr(township, "ask_verdict", lambda: (c.LEGAL, None, True))
    township.action_buttons()[0].click()  # report
    settle(township)
    assert township.current_case().status == c.REPORTED and township.shown_actions() == []
    # A step the server does not give the login (sending back, a reviewer's) is refused by the server: a message
    # naming the login, never a traceback; nothing is stored.
    monkeypatch.setattr(township, "ask_note", lambda title, label: ("退回", True))
    township.run_action(c.SEND_BACK)
    settle(township)
    assert township.message().startswith("Your login township_wang may not") and "Traceback" not in township.message()
    assert township.current_case().status == c.REPORTED
    close(township)

    viewer = open_as(qgis_iface, postgis, database, "viewer_liu")
    assert viewer.role() == roles.VIEWER and not viewer.role_combo.isEnabled()
    assert viewer.listed_case_ids() == list(CASES)
    viewer.select_case("PG0002")
    settle(viewer)
    assert viewer.shown_actions() == []
    assert viewer.details.role_note.text() == render(roles.others_note(roles.VIEWER, [c.COLLECT]))
    close(viewer)

    admin = open_as(qgis_iface, postgis, database, "admin_zhang")
    assert admin.role_combo.isEnabled() and admin.role() == roles.REVIEWER  # may take every step: chooses
    viewer_item = admin.role_combo.model().item(admin.role_combo.findData(roles.VIEWER))
    assert not viewer_item.isEnabled()
    admin.set_role(roles.FIELD)
    admin.select_case("PG0002")
    settle(admin)
    assert admin.shown_actions() == []  # reported: the reviewer's steps
    admin.set_role(roles.REVIEWER)
    assert admin.shown_actions() == [c.SEND_BACK, c.APPROVE]
    close(admin)
    with store.open_workspace(postgis.location(database), create=False) as workspace:  # the superuser reads the trail
        assert [(e.action, e.actor) for e in workspace.cases.events("PG0002")] == [
            (c.ISSUE, ISSUER),
            (c.COLLECT, "township_wang 本人"),
            (c.REPORT, "township_wang 本人"),
        ]


def test_another_users_step_shows_by_itself_and_the_second_is_told_who_was_first(qgis_iface, postgis, database, monkeypatch):
    dock = open_as(qgis_iface, postgis, database, "reviewer_li")
    assert dock.link.live()
    dock.select_case("PG0001")
    settle(dock)
    assert dock.current_case().status == c.ISSUED and dock.history.rowCount() == 1
    township = store.open_workspace(postgis.location(database, "township_wang"), create=False)
    township.cases.apply("PG0001", c.COLLECT, "王建国")
    township.cases.apply("PG0002", c.REPORT, "王建国", verdict=c.LEGAL)
    # No refresh: the list row and the case shown follow within 3 s.
    took = wait_for(
        lambda: (
            status_shown(dock, "PG0002") == label(c.REPORTED)
            and dock.current_case().status == c.COLLECTING
            and dock.history.rowCount() == 2
        ),
        3.0,
    )
    assert took is not None, "the dock did not show the other user's steps within 3 s"
    assert status_shown(dock, "PG0001") == label(c.COLLECTING)

    # Two reviewers act on the same reported case: the other one is first; this dock is told who and when.
    dock.select_case("PG0002")
    settle(dock)
    assert dock.shown_actions() == [c.SEND_BACK, c.APPROVE]
    monkeypatch.setattr(dock, "confirm", lambda action, record: True)
    monkeypatch.setattr(dock, "ask_note", lambda title, label: ("照片不清楚", True))
    other = store.open_workspace(postgis.location(database, "reviewer_zhao"), create=False)
    other.cases.apply("PG0002", c.APPROVE, "审核员 赵六")
    dock.run_action(c.SEND_BACK)  # chosen on the screen before the news arrived
    settle(dock)
    assert "审核员 赵六" in dock.message() and render(c.action_label(c.APPROVE)) in dock.message()
    assert dock.message() == render(other.cases.changed("PG0002").message)
    assert dock.current_case().status == c.APPROVED and dock.shown_actions() == [c.CLOSE]
    events = other.cases.events("PG0002")
    assert [e.action for e in events] == [c.ISSUE, c.REPORT, c.APPROVE]  # nothing of the refused step stored
    for workspace in (township, other):
        workspace.close()
    close(dock)


# A frozen dock waits for the server (seconds: a statement timeout, a lost server); a busy 2-core machine alone makes
# gaps of a few hundred ms in a timer's ticks, so the bound sits between the two.
STALL_S = 1.0


def test_a_slow_or_stopped_server_never_freezes_the_dock(qgis_iface, postgis, database, monkeypatch):
    monkeypatch.setattr(store_worker, "SLOW_MS", 800)
    dock = open_as(qgis_iface, postgis, database, "reviewer_li")
    ticks = []  # a timer's ticks every 20 ms: a gap shows the event loop stalled
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)

    def longest_stall():
        stalls = [b - a for a, b in zip(ticks, ticks[1:])]
        ticks.clear()
        return max(stalls, default=0.0)

    # Another session holds the cases table: the list cannot be read meanwhile. The dock says so and stays responsive.
    import psycopg2

    blocker = psycopg2.connect(postgis.location(database))
    with blocker.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {pg_schema.q(pg_schema.CASES)} IN ACCESS EXCLUSIVE MODE")
    ticks.clear()
    dock.refresh()
    assert wait_for(lambda: not dock.message_label.retry_button.isHidden(), 3.0) is not None
    assert "does not answer" in dock.message() and not dock.busy_bar.isHidden()
    assert longest_stall() < STALL_S, "the event loop stalled while the server did not answer"
    blocker.rollback()  # the server answers again: the message goes by itself
    assert wait_for(lambda: dock.message() == "" and dock.busy_bar.isHidden(), 5.0) is not None
    assert dock.listed_case_ids() == list(CASES)

    # The server stops: a clear message with a Retry; once the server is back, Retry reads the cases again.
    blocker.close()
    postgis.halt()
    try:
        ticks.clear()
        dock.refresh()
        assert wait_for(lambda: dock.message() != "" and not dock.link.busy(), 10.0) is not None
        assert longest_stall() < STALL_S
        assert "did not answer" in dock.message() and "Traceback" not in dock.message()
        assert not dock.message_label.retry_button.isHidden()
        assert dock.listed_case_ids() == list(CASES)  # what was read before stays shown
    finally:
        postgis.resume()
    with store.open_workspace(postgis.location(database, "township_chen"), create=False) as township:
        township.cases.apply("PG0003", c.COLLECT, "陈明")
    ticks.clear()
    dock.message_label.retry_button.click()
    settle(dock)
    assert dock.message() == "" and status_shown(dock, "PG0003") == label(c.COLLECTING)
    assert longest_stall() < STALL_S
    timer.stop()
    # The listener made its connection again by itself: news arrive again.
    assert wait_for(dock.link.live, 10.0) is not None
    with store.open_workspace(postgis.location(database, "township_chen"), create=False) as township:
        township.cases.apply("PG0003", c.REPORT, "陈明", verdict=c.ILLEGAL)
    assert wait_for(lambda: status_shown(dock, "PG0003") == label(c.REPORTED), 3.0) is not None
    close(dock)


def test_a_saved_connection_is_offered_opened_and_remembered_without_password(qgis_iface, postgis, database):
    from qgis.core import QgsSettings

    from farmland_grid_plugin import settings as plugin_settings

    stored, group = QgsSettings(), "PostgreSQL/connections/县局 workspace"
    values = {"host": str(postgis.root), "port": str(postgis.port), "database": database, "username": "reviewer_zhao"}
    values.update(saveUsername="true", password="not-needed-here", savePassword="true")
    for key, value in values.items():
        stored.setValue(f"{group}/{key}", value)
    try:
        dock = EvidenceReviewDock(qgis_iface)
        combo = dock.file_widget.combo
        assert "postgres:县局 workspace" in [combo.itemText(i) for i in range(combo.count())]
        combo.setCurrentIndex(combo.findText("postgres:县局 workspace"))
        combo.activated.emit(combo.currentIndex())  # the user picks it from the list
        settle(dock)
        assert dock.listed_case_ids() == list(CASES) and dock.role() == roles.REVIEWER
        remembered = plugin_settings.load().review_workspace
        assert remembered == "postgres:县局 workspace" and "not-needed-here" not in remembered
        close(dock)
        again = EvidenceReviewDock(qgis_iface)  # QGIS started again: the remembered workspace opens by itself
        settle(again)
        assert again.file_widget.location() == "postgres:县局 workspace" and again.listed_case_ids() == list(CASES)
        close(again)
    finally:
        stored.remove(group)
