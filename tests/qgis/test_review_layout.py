"""The review dock on a real screen: ten cases visible at 1366×768, a minimum height that leaves QGIS's status bar
on screen, the details side by side in a wide window, the user's sizes remembered, buttons by role, zoom with
surroundings."""

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsRectangle
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
from qgis.PyQt.QtGui import QMouseEvent
from qgis.PyQt.QtWidgets import QApplication, QMainWindow, QWidget

from farmland_grid_plugin import settings as plugin_settings
from farmland_grid_plugin import store
from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.domain import roles
from farmland_grid_plugin.store.geopackage import GeoPackageCaseStore
from farmland_grid_plugin.ui import review_layout
from farmland_grid_plugin.ui.review_dock import EvidenceReviewDock
from farmland_grid_plugin.ui.review_models import OVERDUE_BACKGROUND
from farmland_grid_plugin.ui.role import RoleProvider
from farmland_grid_plugin.ui.zoom import MIN_SCALE

from .test_review_dock import CRS, ISSUER, REVIEWER, canvas, settings, square  # noqa: F401 - fixtures

# What QGIS 3.22 leaves a right-hand dock at 1366×768 under Xvfb (menu bar, three toolbar rows and the status
# bar take the rest; measured with scripts/tour.py): 598 px of height.
DOCK_HEIGHT_1366 = 598
DOCK_HEIGHT_1920 = 910


@pytest.fixture
def many_cases(tmp_path):
    """59 cases, as many as the demo county issues."""
    path = tmp_path / "many.gpkg"
    patches = [
        {
            "patch_id": f"P{n:04d}",
            "unit_code": f"530102001{n:03d}000",
            "person": "王建国",
            "area_mu": 1.0 + n,
            "geometry": square(39_512_000 + 300 * n, 3_320_000),
        }
        for n in range(59)
    ]
    GeoPackageCaseStore(path, crs=CRS).issue(patches, ISSUER)
    return path


@pytest.fixture
def window(qgis_iface, canvas, settings):  # noqa: F811 - the fixtures imported above
    """A main window as QGIS's at 1366×768, its height the part left to docks; the dock on its right."""
    main = QMainWindow()
    main.setCentralWidget(QWidget())
    main.resize(1366, DOCK_HEIGHT_1366)
    yield main
    main.close()
    main.deleteLater()
    QCoreApplication.processEvents()


def open_dock(qgis_iface, main, path):
    dock = EvidenceReviewDock(qgis_iface)
    dock.actor_edit.setText(REVIEWER)
    main.addDockWidget(Qt.RightDockWidgetArea, dock)
    main.show()
    assert dock.open_workspace(path)
    settle(dock)
    return dock


def settle(dock=None):
    """Until the dock has its workspace's answers (it reads in a worker thread), and the layout has followed."""
    if dock is not None:
        assert dock.wait_until_idle(10)
    for _ in range(5):
        QApplication.processEvents()


def drag(handle, dy):
    """The user drags the splitter's handle ``dy`` px down (QTest's mouseMove carries no button in Qt 5)."""
    start = handle.rect().center()
    end = start + QPoint(0, dy)
    for kind, point, buttons in ((QEvent.MouseButtonPress, start, Qt.LeftButton), (QEvent.MouseMove, end, Qt.LeftButton)):
        QApplication.sendEvent(handle, QMouseEvent(kind, QPointF(point), Qt.LeftButton, buttons, Qt.NoModifier))
    QApplication.sendEvent(
        handle, QMouseEvent(QEvent.MouseButtonRelease, QPointF(end), Qt.LeftButton, Qt.NoButton, Qt.NoModifier)
    )


def whole_rows(table):
    """Rows of the list fully visible in its viewport."""
    height = table.viewport().height()
    rows = range(table.model().rowCount())
    return sum(
        1 for r in rows if table.rowViewportPosition(r) >= 0 and table.rowViewportPosition(r) + table.rowHeight(r) <= height
    )


def test_ten_cases_visible_at_1366x768_and_the_minimum_height(qgis_iface, window, many_cases):
    dock = open_dock(qgis_iface, window, many_cases)
    assert dock.width() == review_layout.docked_width(window) == 546  # wider than its controls need, beside the map
    assert dock.height() == DOCK_HEIGHT_1366
    assert dock.minimumSizeHint().width() <= 546  # no control holds the dock wider
    assert dock.splitter.orientation() == Qt.Vertical
    assert whole_rows(dock.table) >= 10
    assert dock.details.height() >= review_layout.DETAILS_MIN
    # QGIS's status bar and locator stay on a 768 px screen: the dock can be made lower than 450 px.
    assert dock.minimumSizeHint().height() < 450 and dock.minimumHeight() < 450
    window.resize(1366, 450)
    settle()
    assert dock.height() <= 450 and dock.table.isVisible() and dock.details.isVisible()
    # At 1920×1080: wider, and the list gets more rows.
    window.resize(1920, DOCK_HEIGHT_1920)
    settle()
    assert whole_rows(dock.table) >= 15


def test_wide_window_puts_the_details_beside_the_list(qgis_iface, window, many_cases):
    dock = open_dock(qgis_iface, window, many_cases)
    dock.window_button.click()  # "Window": floating, most of the screen
    settle()
    screen = QApplication.primaryScreen().availableGeometry()
    assert dock.isFloating() and dock.window_button.isChecked()
    assert dock.width() == int(screen.width() * review_layout.WINDOW_SHARE[0])
    if review_layout.is_wide(dock.widget().size()):
        assert dock.splitter.orientation() == Qt.Horizontal
    dock.setFloating(True)
    dock.resize(1500, 800)
    settle()
    assert dock.splitter.orientation() == Qt.Horizontal
    list_width, details_width = dock.splitter.sizes()
    assert list_width > details_width > 0
    assert whole_rows(dock.table) >= 10
    dock.window_button.click()  # back beside the map
    settle()
    assert not dock.isFloating() and not dock.window_button.isChecked()
    assert dock.splitter.orientation() == Qt.Vertical and whole_rows(dock.table) >= 10


def test_splitter_and_column_sizes_are_remembered(qgis_iface, window, many_cases):
    dock = open_dock(qgis_iface, window, many_cases)
    handle = dock.splitter.handle(1)
    before = dock.splitter.sizes()
    drag(handle, -60)
    moved = dock.splitter.sizes()
    assert moved[0] < before[0] - 40  # dragged up by the user
    dock.table.horizontalHeader().resizeSection(2, 211)
    dock.cleanup()  # closing writes at once what the timer would write a moment later
    stored = plugin_settings.load()
    assert not stored.review_splitter.isEmpty() and not stored.review_columns.isEmpty()
    window.removeDockWidget(dock)
    dock.deleteLater()

    again = open_dock(qgis_iface, window, many_cases)
    assert again.splitter.sizes() == moved
    assert again.table.horizontalHeader().sectionSize(2) == 211
    assert again.listed_case_ids()[:2] == ["P0000", "P0001"]  # the widths come back, not a sorting


def test_buttons_follow_the_role_chosen_and_remembered(qgis_iface, window, many_cases):
    dock = open_dock(qgis_iface, window, many_cases)
    dock.select_case("P0003")
    settle(dock)
    assert dock.role() == roles.REVIEWER and dock.shown_actions() == []  # a county reviewer is not offered 上报
    assert dock.details.role_note.text() != ""
    dock.role_combo.setCurrentIndex(dock.role_combo.findData(roles.FIELD))  # as the user chooses it
    assert dock.shown_actions() == [c.COLLECT, c.REPORT] and dock.details.role_note.text() == ""
    assert plugin_settings.load().review_role == roles.FIELD
    window.removeDockWidget(dock)
    dock.close()
    again = open_dock(qgis_iface, window, many_cases)
    again.select_case("P0003")
    settle(again)
    assert again.role() == roles.FIELD and again.shown_actions() == [c.COLLECT, c.REPORT]


class ServerRole(RoleProvider):
    """What a workspace whose server knows its users hands the dock (the PostgreSQL store's part, issue 15)."""

    def role(self):
        return roles.FIELD


class ServerStore(GeoPackageCaseStore):
    def role_provider(self):
        return ServerRole()


def test_a_workspace_that_knows_the_users_role_decides_it(qgis_iface, window, many_cases, monkeypatch):
    workspace = store.Workspace(str(many_cases), ServerStore(many_cases, create=False), lambda: None)
    monkeypatch.setattr(store, "open_workspace", lambda location, create, transform_context: workspace)
    dock = open_dock(qgis_iface, window, many_cases)
    dock.select_case("P0000")
    settle(dock)
    assert dock.role() == roles.FIELD and not dock.role_combo.isEnabled()
    assert dock.role_combo.currentData() == roles.FIELD and dock.shown_actions() == [c.COLLECT, c.REPORT]
    assert plugin_settings.load().review_role == ""  # the user's own choice is left as it was


def test_overdue_legend_and_messages_that_go_once_put_right(qgis_iface, window, many_cases, tmp_path):
    dock = open_dock(qgis_iface, window, many_cases)
    legend = dock.findChild(QWidget, "overdue_legend")
    assert OVERDUE_BACKGROUND.name() in legend.text() and dock.tr("Overdue") in legend.text()
    assert legend.toolTip() == dock.controls.tr("Rows shaded red are overdue: past their due date and not closed")
    dock.open_workspace(tmp_path / "missing.gpkg")
    settle(dock)
    assert dock.message() != "" and not dock.message_label.retry_button.isHidden()
    dock.select_case("P0001")  # another case does not put a workspace right
    settle(dock)
    assert dock.message() != ""
    assert dock.open_workspace(many_cases)
    settle(dock)
    assert dock.message() == "" and dock.message_label.isHidden()


def test_a_tiny_patch_shows_its_surroundings(qgis_iface, canvas, settings, tmp_path):  # noqa: F811
    path = tmp_path / "tiny.gpkg"
    GeoPackageCaseStore(path, crs=CRS).issue([{"patch_id": "T1", "geometry": square(39_512_000, 3_320_000, 0.2)}], ISSUER)
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem(CRS))
    dock = EvidenceReviewDock(qgis_iface)
    assert dock.open_workspace(path)
    settle(dock)
    assert dock.select_case("T1")
    settle(dock)
    assert canvas.extent().contains(QgsGeometry(square(39_512_000, 3_320_000, 0.2)).boundingBox())
    assert canvas.scale() == pytest.approx(MIN_SCALE, rel=0.01)  # not 1:10 on a patch of 20 cm
    assert canvas.extent().width() > 10 * 0.2
    assert not QgsRectangle(canvas.extent()).isEmpty()
    dock.close()
    dock.deleteLater()
