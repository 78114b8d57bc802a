"""The evidence review dock (举证审核): the case list and its filters, the case on the map, thumbnails made in a
task, the audit trail, the whole case loop driven by buttons and keys, and refusals shown in the dock.

The dock reads and writes the workspace in a worker thread: ``settle(dock)`` lets the event loop run until it has
its answers, as a user would see them a moment later."""

import dataclasses
import shutil
import threading
import time
from datetime import date, timedelta

import pytest
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsSettings,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QPoint, QSize, Qt
from qgis.PyQt.QtGui import QImageReader
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication

from farmland_grid_plugin import settings as plugin_settings
from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.domain import roles
from farmland_grid_plugin.i18n import render
from farmland_grid_plugin.store.geopackage import GeoPackageCaseStore
from farmland_grid_plugin.ui import review_photos
from farmland_grid_plugin.ui.review_dock import EvidenceReviewDock
from farmland_grid_plugin.ui.review_listing import COL_OVERDUE, COL_STATUS

from ..corpus import CORPUS as SHARED_CORPUS

PHOTOS = SHARED_CORPUS / "photos"
ROTATED = f"{PHOTOS}/orientation/landscape_6.jpg"  # stored 450 × 600, EXIF orientation 6: upright 600 × 450
PLAIN = f"{PHOTOS}/gps/DSCN0010.jpg"  # 640 × 480, orientation 1
PORTRAIT = f"{PHOTOS}/orientation/portrait_6.jpg"  # stored 600 × 450, orientation 6: upright 450 × 600
CRS = "EPSG:4527"  # CGCS2000 3-degree Gauss-Krüger zone 39
ISSUER = "县自然资源局 张三"
REVIEWER = "审核员 李华"
ISSUED_ON = date.today() - timedelta(days=20)  # accountable cases (15 days) are overdue, the others (30) not yet


KEYS = [f.name for f in dataclasses.fields(plugin_settings.PluginSettings)]


def square(x, y, size=200.0):
    return QgsGeometry.fromRect(QgsRectangle(x, y, x + size, y + size))


@pytest.fixture
def settings():
    """The dock remembers the workspace, reviewer, role, keys and sizes in QGIS's settings: start empty, restore afterwards."""
    stored = QgsSettings()
    saved = {key: stored.value(key) for key in map(plugin_settings.key, KEYS)}
    for key in saved:
        stored.remove(key)
    yield stored
    for key, value in saved.items():
        if value is None:
            stored.remove(key)
        else:
            stored.setValue(key, value)


@pytest.fixture
def workspace(tmp_path):
    path = tmp_path / "workspace.gpkg"
    store = GeoPackageCaseStore(path, crs=CRS)
    base = {"person": "王建国", "phone": "13800000001", "issued_on": ISSUED_ON}
    store.issue(
        [
            dict(base, patch_id="WP0001", unit_code="530102001001001", area_mu=3.0, geometry=square(39_512_000, 3_320_000)),
            dict(
                base,
                patch_id="WP0002",
                unit_code="530102001002000",
                person="李四",
                area_mu=12.5,
                farmland_mu=12.0,
                accountable=True,
                geometry=square(39_514_000, 3_320_000, 400.0),
            ),
            dict(base, patch_id="WP0003", unit_code="530102002003000", area_mu=6.0, geometry=square(39_516_000, 3_321_000)),
        ],
        ISSUER,
    )
    photos = tmp_path / "photos"
    photos.mkdir()
    rotated, plain = shutil.copy(ROTATED, photos / "IMG_0001.jpg"), shutil.copy(PLAIN, photos / "IMG_0002.jpg")
    store.add_evidence(
        "WP0001",
        [
            {
                "path": str(rotated),
                "geometry": QgsGeometry.fromPointXY(QgsPointXY(39_512_050, 3_320_100)),
                "direction_deg": 90.0,
                "space_code": "530102001001001000127",
            },
            {"path": str(plain), "geometry": QgsGeometry.fromPointXY(QgsPointXY(39_512_150, 3_320_150))},
        ],
        "王建国",
    )
    return path


@pytest.fixture
def canvas(qgis_iface, qgis_new_project):
    canvas = qgis_iface.mapCanvas()
    crs, extent = canvas.mapSettings().destinationCrs(), canvas.extent()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))  # the map in another CRS than the workspace
    canvas.setExtent(QgsRectangle(0, 0, 1000, 1000))  # far away from the cases
    yield canvas
    canvas.setDestinationCrs(crs)
    canvas.setExtent(extent)


@pytest.fixture
def dock(qgis_iface, canvas, settings, workspace):
    dock = EvidenceReviewDock(qgis_iface)
    dock.actor_edit.setText(REVIEWER)
    assert dock.open_workspace(workspace)
    settle(dock)
    yield dock
    wait_for_thumbnails(dock)
    dock.close()
    dock.cleanup()
    dock.deleteLater()
    QCoreApplication.processEvents()


def settle(dock, timeout=10.0):
    """Until the dock has every answer of its workspace (it never waits for them itself)."""
    assert dock.wait_until_idle(timeout), "the workspace did not answer in time"


def wait_for_thumbnails(dock, timeout=10.0):
    deadline = time.monotonic() + timeout
    while dock.thumbnail_tasks and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    QCoreApplication.processEvents()
    assert not dock.thumbnail_tasks, "thumbnail tasks did not finish"


def column(dock, col):
    return [dock.model.index(row, col).data() for row in range(dock.model.rowCount())]


def icon_sizes(dock):
    return [dock.thumbnails.item(i).icon().availableSizes() for i in range(dock.thumbnails.count())]


def test_list_filters_and_sorting(dock):
    assert dock.objectName() == "FarmlandGridReviewDock"
    assert dock.listed_case_ids() == ["WP0001", "WP0002", "WP0003"]
    assert column(dock, COL_STATUS) == [QCoreApplication.translate("@default", "Issued")] * 3
    assert column(dock, COL_OVERDUE) == ["", dock.tr("Overdue"), ""]
    overdue_row = dock.model.index(1, 0)
    assert overdue_row.data(Qt.BackgroundRole) is not None and dock.model.index(0, 0).data(Qt.BackgroundRole) is None
    assert dock.count_label.text() == dock.tr("{shown} of {total} cases").format(shown=3, total=3)

    dock.overdue_check.setChecked(True)
    assert dock.listed_case_ids() == ["WP0002"]
    dock.overdue_check.setChecked(False)
    dock.unit_edit.setText("530102001")
    assert dock.listed_case_ids() == ["WP0001", "WP0002"]
    dock.person_edit.setText("王")
    assert dock.listed_case_ids() == ["WP0001"]
    dock.unit_edit.clear()
    dock.person_edit.clear()
    dock.status_combo.setCurrentIndex(dock.status_combo.findData(c.REPORTED))
    assert dock.listed_case_ids() == []
    dock.status_combo.setCurrentIndex(dock.status_combo.findData(c.ISSUED))
    assert dock.listed_case_ids() == ["WP0001", "WP0002", "WP0003"]
    dock.status_combo.setCurrentIndex(0)

    # Sorting by clicking the headers: area, then due date (the accountable case is due first).
    header = dock.table.horizontalHeader()
    QTest.mouseClick(header.viewport(), Qt.LeftButton, Qt.NoModifier, _section_centre(header, 5))
    assert dock.listed_case_ids() == ["WP0001", "WP0003", "WP0002"]
    dock.table.sortByColumn(5, Qt.DescendingOrder)
    assert dock.listed_case_ids() == ["WP0002", "WP0003", "WP0001"]
    dock.table.sortByColumn(4, Qt.AscendingOrder)
    assert dock.listed_case_ids()[0] == "WP0002"


def _section_centre(header, section):
    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2, header.height() // 2)


def test_selected_case_on_the_map_with_evidence_and_thumbnails(dock, canvas, workspace):
    store = GeoPackageCaseStore(workspace)
    assert dock.select_case("WP0001")
    settle(dock)
    record = store.case("WP0001")
    to_canvas = QgsCoordinateTransform(store.crs, canvas.mapSettings().destinationCrs(), QgsProject.instance())
    bbox = to_canvas.transformBoundingBox(record.geometry.boundingBox())
    assert canvas.extent().contains(bbox)
    # The patch and its surroundings: it spans a third of the canvas in the direction it fills most.
    assert min(canvas.extent().width() / bbox.width(), canvas.extent().height() / bbox.height()) == pytest.approx(3, rel=0.02)
    assert dock.highlight is not None and dock.highlight in canvas.scene().items()
    assert dock.highlight.asGeometry().area() == pytest.approx(bbox.width() * bbox.height(), rel=0.01)
    # Two evidence points, one view cone opening east from the first photo's position.
    assert len(dock.evidence_markers) == 2 and len(dock.direction_arrows) == len(dock.map_items.view_cones) == 1
    start = to_canvas.transform(QgsPointXY(39_512_050, 3_320_100))
    assert dock.evidence_markers[0].center().distance(start) < 0.01
    cone = dock.direction_arrows[0].asGeometry()
    apex, centre = QgsPointXY(cone.vertexAt(0)), cone.centroid().asPoint()
    assert apex.distance(start) < 0.01
    assert centre.x() - apex.x() > 10 * abs(centre.y() - apex.y())
    assert "530102001001001000127" in dock.parcel_label.text()

    wait_for_thumbnails(dock)
    assert dock.thumbnails.count() == 2
    # The rotated photo is stored taller than wide; turned upright by its EXIF orientation, it is wider.
    assert QImageReader(ROTATED).size() == QSize(450, 600)
    assert icon_sizes(dock) == [[QSize(160, 120)], [QSize(160, 120)]]

    viewer = dock.open_photo(dock.thumbnails.item(0).data(Qt.UserRole))
    assert viewer is not None and viewer.isVisible()
    pixmap = viewer.label.pixmap()
    assert pixmap.width() > pixmap.height()
    viewer.close()

    # Closing the dock takes its drawings off the map; showing it again brings them back.
    drawn, before = [dock.highlight, *dock.evidence_markers, *dock.direction_arrows], len(canvas.scene().items())
    dock.close()
    assert dock.highlight is None and len(canvas.scene().items()) == before - len(drawn) == before - 4
    assert all(sip.isdeleted(item) for item in drawn)
    dock.show()
    assert dock.highlight is not None and len(dock.evidence_markers) == 2
    wait_for_thumbnails(dock)
    assert icon_sizes(dock) == [[QSize(160, 120)], [QSize(160, 120)]]

    # Another case: the highlight moves, evidence and thumbnails go.
    old = dock.highlight
    assert dock.select_case("WP0003")
    settle(dock)
    assert old not in canvas.scene().items() and dock.highlight in canvas.scene().items()
    assert dock.evidence_markers == [] and dock.direction_arrows == [] and dock.thumbnails.count() == 0


def test_stale_thumbnails_are_dropped(dock, workspace, monkeypatch, tmp_path):
    """The first case's thumbnails arrive after the second case was chosen: they are not shown for it."""
    portrait = shutil.copy(PORTRAIT, tmp_path / "photos" / "IMG_0003.jpg")
    GeoPackageCaseStore(workspace).add_evidence("WP0002", [{"path": str(portrait)}], "李四")
    release, read = threading.Event(), review_photos.read_image

    def slow_for_the_first_case(path, box=None):
        if "IMG_0003" not in str(path):
            release.wait(10)
        return read(path, box)

    monkeypatch.setattr(review_photos, "read_image", slow_for_the_first_case)
    dock.select_case("WP0001")
    settle(dock)
    (first,) = dock.thumbnail_tasks
    dock.select_case("WP0002")
    settle(dock)
    deadline = time.monotonic() + 10
    while not dock.thumbnails.item(0).icon().availableSizes() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    assert dock.thumbnail_tasks == [first]  # still running, still referenced
    release.set()
    wait_for_thumbnails(dock)
    assert dock.thumbnails.count() == 1
    assert icon_sizes(dock) == [[QSize(120, 160)]]  # the portrait of this case, upright
    dock.select_case("WP0001")
    settle(dock)
    wait_for_thumbnails(dock)
    assert icon_sizes(dock) == [[QSize(160, 120)], [QSize(160, 120)]]


def test_whole_loop_with_buttons_and_keys(dock, workspace, monkeypatch):
    notes = iter(["照片不清楚,请补拍", "两张照片已现场核实", "恢复耕种,拆除硬化地面", "已复耕,验收合格"])
    asked, confirmations = [], iter([False, True, True])

    def ask_note(title, label):
        asked.append(label)
        return next(notes), True

    def confirm(action, record):
        asked.append(action)
        return next(confirmations)

    monkeypatch.setattr(dock, "ask_note", ask_note)
    monkeypatch.setattr(dock, "ask_verdict", lambda: (c.ILLEGAL, None, True))
    monkeypatch.setattr(dock, "confirm", confirm)
    dock.show()
    QApplication.setActiveWindow(dock)
    dock.table.setFocus()
    assert dock.select_case("WP0001")
    settle(dock)

    def check(status, events):
        settle(dock)
        stored = GeoPackageCaseStore(workspace).case("WP0001")  # written at once, read by another store
        assert stored.status == status
        assert dock.current_case().case_id == "WP0001"
        assert dock.shown_actions() == roles.actions_for(dock.role(), c.allowed_actions(stored.state))
        history = GeoPackageCaseStore(workspace).events("WP0001")
        assert len(history) == events == dock.history.rowCount()
        return history[-1]

    # A county reviewer is not offered the field staff's steps; the dock says whose they are.
    assert dock.role() == roles.REVIEWER and dock.shown_actions() == []
    assert dock.details.role_note.text() == render(roles.others_note(roles.REVIEWER, [c.COLLECT, c.REPORT]))
    dock.set_role(roles.FIELD)
    assert check(c.ISSUED, 1).actor == ISSUER
    assert dock.shown_actions() == [c.COLLECT, c.REPORT] and dock.details.role_note.text() == ""
    press(dock, c.COLLECT)
    assert check(c.COLLECTING, 2).actor == REVIEWER
    press(dock, c.REPORT)
    check(c.REPORTED, 3)
    assert GeoPackageCaseStore(workspace).case("WP0001").state.verdict == c.ILLEGAL
    # Reported: the field staff can do nothing more; B is a reviewer's step, and single-letter keys are off.
    assert dock.shown_actions() == []
    assert not dock.letter_keys() and not dock.letter_shortcuts[0].isEnabled()
    QTest.keyClick(dock.table, Qt.Key_B)
    check(c.REPORTED, 3)
    dock.letter_keys_action.setChecked(True)  # the user turns the keys on (options menu)
    assert plugin_settings.load().review_letter_keys
    QTest.keyClick(dock.table, Qt.Key_B)  # still the field role: said so, nothing stored
    assert dock.message() == render(roles.not_your_step(c.SEND_BACK))
    check(c.REPORTED, 3)
    dock.set_role(roles.REVIEWER)
    assert dock.message() == ""  # the cause of the message is put right: it goes
    assert dock.shown_actions() == [c.SEND_BACK, c.APPROVE]
    assert [b.toolTip() for b in dock.action_buttons()] == [dock.details.tr("Shortcut: {key}").format(key=k) for k in "BA"]
    QTest.keyClick(dock.table, Qt.Key_B)
    last = check(c.RETURNED, 4)
    assert (last.action, last.note, last.actor) == (c.SEND_BACK, "照片不清楚,请补拍", REVIEWER)
    dock.set_role(roles.FIELD)
    press(dock, c.REPORT)
    check(c.REPORTED, 5)
    dock.set_role(roles.REVIEWER)
    dock.unit_edit.setFocus()
    QTest.keyClick(dock.unit_edit, Qt.Key_A)  # typed into the filter, not a shortcut
    assert dock.unit_edit.text() == "a" and dock.listed_case_ids() == []
    assert GeoPackageCaseStore(workspace).case("WP0001").status == c.REPORTED
    dock.unit_edit.clear()
    assert dock.select_case("WP0001")
    settle(dock)
    dock.table.setFocus()
    QTest.keyClick(dock.table, Qt.Key_A)  # asked first; the reviewer cancels: nothing stored
    check(c.REPORTED, 5)
    QTest.keyClick(dock.table, Qt.Key_A)
    assert check(c.APPROVED, 6).action == c.APPROVE
    QTest.keyClick(dock.table, Qt.Key_A)  # not possible now: said so, nothing stored, not asked
    assert dock.message() == render(c.TransitionRefused("WP0001", c.APPROVED, c.APPROVE, [c.RECTIFY]).message)
    check(c.APPROVED, 6)
    dock.set_role(roles.FIELD)
    press(dock, c.RECTIFY)
    assert check(c.RECTIFYING, 7).note == "恢复耕种,拆除硬化地面"
    dock.set_role(roles.REVIEWER)
    press(dock, c.CLOSE)
    last = check(c.CLOSED, 8)
    assert (last.action, last.note) == (c.CLOSE, "已复耕,验收合格")
    assert GeoPackageCaseStore(workspace).case("WP0001").state.rectification == "已复耕,验收合格"
    assert asked == [
        dock.tr("Why is the case sent back?"),
        c.APPROVE,
        c.APPROVE,
        dock.details.flags.note_prompt(),  # two photos pointing one way: a flagged case is approved with a note
        dock.tr("Rectification plan:"),
        c.CLOSE,
        dock.tr("Rectification result:"),
    ]
    assert dock.shown_actions() == [c.REOPEN]

    # J/K and Down/Up walk through the list.
    QTest.keyClick(dock.table, Qt.Key_J)
    settle(dock)
    assert dock.current_case().case_id == "WP0002"
    QTest.keyClick(dock.table, Qt.Key_Down)
    settle(dock)
    assert dock.current_case().case_id == "WP0003"
    QTest.keyClick(dock.table, Qt.Key_K)
    QTest.keyClick(dock.table, Qt.Key_Up)
    settle(dock)
    assert dock.current_case().case_id == "WP0001"
    # In the status filter, Down and Up step through the statuses as usual.
    dock.status_combo.setFocus()
    QTest.keyClick(dock.status_combo, Qt.Key_Down)
    assert dock.status_combo.currentData() == c.ISSUED and dock.listed_case_ids() == ["WP0002", "WP0003"]


def press(dock, action):
    (button,) = [b for b in dock.action_buttons() if b.property("action") == action]
    QTest.mouseClick(button, Qt.LeftButton)
    settle(dock)


def test_refusals_are_shown_not_raised(dock, workspace, monkeypatch):
    monkeypatch.setattr(dock, "ask_note", lambda title, label: ("无照片,已现场核实", True))  # the case has no photo: flagged
    monkeypatch.setattr(dock, "ask_verdict", lambda: (c.LEGAL, None, True))
    monkeypatch.setattr(dock, "confirm", lambda action, record: True)
    dock.select_case("WP0002")
    settle(dock)
    dock.set_role(roles.FIELD)
    press(dock, c.REPORT)
    dock.set_role(roles.REVIEWER)
    assert dock.shown_actions() == [c.SEND_BACK, c.APPROVE]
    # Another reviewer approves the case meanwhile; this dock still shows the buttons of "reported": the step is
    # refused, and the dock says who was first, when, and what the case is now.
    other = GeoPackageCaseStore(workspace)
    other.apply("WP0002", c.APPROVE, "审核员 王五")
    press(dock, c.APPROVE)
    assert dock.message() == render(other.changed("WP0002").message)
    assert "审核员 王五" in dock.message() and dock.current_case().status == c.APPROVED
    assert dock.shown_actions() == [c.CLOSE]  # refreshed from the store
    assert dock.message_label.retry_button.isHidden()  # nothing to retry: the case has moved on
    assert len(GeoPackageCaseStore(workspace).events("WP0002")) == 3

    # An empty note where one is needed: the domain refuses and the dock says why.
    monkeypatch.setattr(dock, "ask_note", lambda title, label: ("  ", True))
    dock.select_case("WP0003")
    settle(dock)
    dock.set_role(roles.FIELD)
    press(dock, c.REPORT)
    dock.set_role(roles.REVIEWER)
    press(dock, c.SEND_BACK)
    needs_note = QCoreApplication.translate("@default", "Case {case_id}: sending it back needs a note saying why")
    assert dock.message() == needs_note.format(case_id="WP0003")
    assert GeoPackageCaseStore(workspace).case("WP0003").status == c.REPORTED

    # A cancelled prompt does nothing; no reviewer name: asked for first, and the message goes once it is typed.
    monkeypatch.setattr(dock, "ask_note", lambda title, label: ("", False))
    assert not dock.run_action(c.SEND_BACK)
    dock.actor_edit.clear()
    assert not dock.run_action(c.APPROVE)
    assert dock.message() == dock.tr("Enter your name as reviewer first: every step records who took it")
    assert GeoPackageCaseStore(workspace).case("WP0003").status == c.REPORTED
    QTest.keyClicks(dock.actor_edit, "li")
    assert dock.message() == "" and dock.message_label.isHidden()


def test_workspace_and_reviewer_are_remembered(qgis_iface, canvas, settings, workspace, tmp_path):
    dock = EvidenceReviewDock(qgis_iface)
    assert dock.listed_case_ids() == []
    dock.actor_edit.setText(REVIEWER)
    dock.actor_edit.editingFinished.emit()
    dock.file_widget.setFilePath(str(workspace))  # as if chosen in the file dialog
    settle(dock)
    assert dock.listed_case_ids() == ["WP0001", "WP0002", "WP0003"]
    dock.close()
    again = EvidenceReviewDock(qgis_iface)
    settle(again)
    assert again.actor() == REVIEWER and again.listed_case_ids() == ["WP0001", "WP0002", "WP0003"]
    # A GeoPackage without cases is refused, not turned into a workspace.
    from osgeo import ogr

    empty = ogr.GetDriverByName("GPKG").CreateDataSource(str(tmp_path / "empty.gpkg"))
    empty.CreateLayer("points", None, ogr.wkbPoint)
    empty = None
    again.open_workspace(tmp_path / "empty.gpkg")
    settle(again)
    expected = again.tr("{path} holds no cases: choose the workspace GeoPackage the cases were issued to")
    assert again.message() == expected.format(path=tmp_path / "empty.gpkg")
    assert again.listed_case_ids() == ["WP0001", "WP0002", "WP0003"]  # still the workspace opened before
    missing = tmp_path / "missing.gpkg"
    again.open_workspace(missing)
    settle(again)
    assert again.message() == QCoreApplication.translate("@default", "There is no workspace file {path}").format(path=missing)
    assert not missing.exists() and again.listed_case_ids() == ["WP0001", "WP0002", "WP0003"]  # nothing created
    assert again.file_widget.location() == str(workspace)  # the picker names the workspace shown again
    again.close()
    for widget in (dock, again):
        widget.cleanup()
        widget.deleteLater()
    QgsApplication.processEvents()
