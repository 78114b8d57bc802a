"""The dashboard dock (耕地保护驾驶舱): inputs picked from the project, figures collected in a task, charts and tables
equal to the report's, stale results dropped, errors shown, and the report dialog opened with the same inputs."""

import sys
import time

import pytest
from matplotlib.backends.backend_qt5agg import FigureCanvasQTAgg
from qgis.core import QgsApplication, QgsProcessingContext, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QDate, Qt

from farmland_grid_plugin import classFactory
from farmland_grid_plugin.domain import dashboard as d
from farmland_grid_plugin.ui.dashboard_dock import DashboardDock
from sample_county.nextyear import write_balance_tasks

from .helpers import open_layer, run_algorithm
from .test_dashboard_report import AS_OF, Tables, made, year_layers  # noqa: F401 - made is a fixture

AS_OF_QDATE = QDate(AS_OF.year, AS_OF.month, AS_OF.day)
WINDOWS = []


def wait_for_tasks(dock, timeout=60.0):
    deadline = time.monotonic() + timeout
    while (dock.tasks or QgsApplication.taskManager().countActiveTasks()) and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    QCoreApplication.processEvents()
    assert not dock.tasks, "the dashboard task did not finish"


@pytest.fixture
def balance_units(made, county):  # noqa: F811
    """farmlandbalance's township balances between the two yearly layers, with tasks (made once)."""
    path = made["folder"] / "balance_units.gpkg"
    if not path.exists():
        tasks = made["folder"] / "balance_tasks.csv"
        write_balance_tasks(county, tasks)
        parameters = {"PREVIOUS": made["years"]["2025"], "PARCELS": made["years"]["2026"], "TARGETS": str(tasks)}
        run_algorithm("farmlandgrid:farmlandbalance", {**parameters, "CLASS_FIELD": "DLBM", "OUTPUT_UNITS": str(path)})
    return str(path)


@pytest.fixture
def layers(made, balance_units, qgis_new_project):  # noqa: F811 - the fixture imported above
    summary = QgsVectorLayer(made["summary"], "巡田汇总", "ogr")
    units = QgsVectorLayer(made["units"], "乡镇指标", "ogr")
    balance = QgsVectorLayer(balance_units, "耕地平衡", "ogr")
    years = year_layers(made)
    QgsProject.instance().addMapLayers([summary, units, balance, *years])
    yield {"summary": summary, "units": units, "balance": balance, "years": years}
    QgsProject.instance().removeAllMapLayers()


@pytest.fixture
def dock(qgis_iface, layers, made):  # noqa: F811
    dock = DashboardDock(qgis_iface)
    dock.patrol_combo.setLayer(layers["summary"])
    dock.units_combo.setLayer(layers["units"])
    dock.balance_combo.setLayer(layers["balance"])
    dock.file_widget.setFilePath(made["workspace"])
    for layer in layers["years"]:
        assert dock.set_layer_checked(layer)
    dock.as_of_edit.setDate(AS_OF_QDATE)
    yield dock
    wait_for_tasks(dock)
    dock.cleanup()
    dock.close()
    dock.deleteLater()
    QCoreApplication.processEvents()


def table_texts(widget):
    header = [widget.horizontalHeaderItem(c).text() for c in range(widget.columnCount())]
    rows = [[widget.item(r, c).text() for c in range(widget.columnCount())] for r in range(widget.rowCount())]
    return [header, *rows]


def test_inputs_offered_from_the_project(qgis_iface, layers):
    dock = DashboardDock(qgis_iface)
    try:
        assert dock.objectName() == "FarmlandGridDashboardDock" and dock.windowTitle() == "Farmland protection dashboard"
        # Only the polygon layers are offered for the trend, none ticked; the combos start empty.
        names = [dock.layer_list.item(i).text() for i in range(dock.layer_list.count())]
        assert names == ["地类图斑2025", "地类图斑2026"]
        assert dock.checked_layer_ids() == [] and dock.patrol_combo.currentLayer() is None
        assert dock.units_combo.currentLayer() is None and dock.balance_combo.currentLayer() is None
        assert [dock.tabs.tabText(i) for i in range(dock.tabs.count())] == [
            "Patrols",
            "Cases",
            "Farmland and PBF against targets",
            "Farmland balances against tasks",
            "Farmland trend",
        ]
        # A layer added later appears, ticks are kept.
        dock.set_layer_checked(layers["years"][0])
        extra = QgsVectorLayer(layers["years"][1].source(), "地类图斑2024", "ogr")
        QgsProject.instance().addMapLayer(extra)
        assert dock.layer_list.count() == 3 and dock.checked_layer_ids() == [layers["years"][0].id()]
        QgsProject.instance().removeMapLayer(extra.id())
        assert dock.layer_list.count() == 2
    finally:
        dock.cleanup()
        dock.deleteLater()


def test_refresh_shows_the_report_figures(dock, layers, made, tmp_path, monkeypatch):  # noqa: F811
    task = dock.refresh()
    assert task in dock.tasks and dock.message() == "Collecting the figures…"
    wait_for_tasks(dock)
    assert dock.dashboard is not None and dock.dashboard.as_of == AS_OF
    assert dock.message() == f"Figures as of {AS_OF.isoformat()}"

    # Charts: one matplotlib canvas per section, drawn.
    assert set(dock.canvases) == set(d.SECTIONS)
    for canvas in dock.canvases.values():
        assert isinstance(canvas, FigureCanvasQTAgg) and canvas.figure.axes
        canvas.draw()
        pixels = bytes(canvas.buffer_rgba())
        assert len(set(pixels[::97])) > 10  # not a blank canvas

    # The dock's numbers straight from the inputs.
    units = {f["unit_code"]: f for f in open_layer(made["units"]).getFeatures()}
    farmland = {row[0]: row for row in table_texts(dock.tables["quota-farmland"])[1:]}
    for code, unit in units.items():
        assert farmland["" if code == "TOTAL" else code][2] == f"{unit['farmland_mu']:.4f}"
    balances = {f["unit_code"]: f for f in open_layer(layers["balance"].source()).getFeatures()}
    inout = {row[0]: row for row in table_texts(dock.tables["balance-inout"])[1:]}
    assert len(inout) == len(balances) > 1
    for code, unit in balances.items():
        row = inout["" if code == "TOTAL" else code]
        assert [float(v) for v in row[2:5]] == pytest.approx([unit["in_mu"], unit["out_mu"], unit["inout_balance_mu"]], abs=1e-4)
    chart = dock.canvases[d.SECTION_BALANCE].figure
    townships = sorted(code for code in balances if code != "TOTAL")
    assert [b.get_width() for b in chart.axes[1].containers[0]] == pytest.approx(
        [balances[code]["occupation_balance_mu"] for code in townships], abs=1e-4
    )

    # The export button opens the report dialog with the dock's inputs; run with them, the report has the same tables.
    import processing

    opened = []
    monkeypatch.setattr(processing, "execAlgorithmDialog", lambda alg, parameters=None: opened.append((alg, parameters)))
    dock.export_button.click()
    [(algorithm, parameters)] = opened
    assert algorithm == "farmlandgrid:dashboardreport"
    assert parameters == {
        "PATROL_SUMMARY": layers["summary"].id(),
        "UNITS": layers["units"].id(),
        "BALANCE": layers["balance"].id(),
        "WORKSPACE": made["workspace"],
        "PARCEL_LAYERS": [layer.id() for layer in sorted(layers["years"], key=lambda lyr: lyr.name())],
        "AREA_FIELD": "TBDLMJ",
        "AS_OF": AS_OF_QDATE,
    }
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    html = tmp_path / "from_dock.html"
    processing.run(algorithm, {**parameters, "OUTPUT_HTML": str(html)}, context=context)
    tables = Tables(html.read_text(encoding="utf-8")).tables
    assert set(tables) == set(dock.tables)
    for key, widget in dock.tables.items():
        assert table_texts(widget) == tables[key], key


def test_a_newer_refresh_wins_and_errors_are_shown(dock):
    dock.as_of_edit.setDate(QDate(2026, 1, 1))
    first = dock.refresh()
    dock.as_of_edit.setDate(AS_OF_QDATE)
    second = dock.refresh()
    assert first.token != second.token
    wait_for_tasks(dock)
    assert dock.dashboard.as_of == AS_OF  # the first result, if it came at all, was dropped

    dock.patrol_combo.setLayer(None)
    dock.units_combo.setLayer(None)
    dock.balance_combo.setLayer(None)
    dock.file_widget.setFilePath("")
    for i in range(dock.layer_list.count()):
        dock.layer_list.item(i).setCheckState(0)
    shown = dock.dashboard
    dock.refresh()
    wait_for_tasks(dock)
    assert "Give at least one input" in dock.message() and "b00000" in dock.message_label.styleSheet()
    assert dock.dashboard is shown  # the figures shown before stay


def test_without_a_chinese_font_the_dock_says_what_to_install(dock, monkeypatch):
    from farmland_grid_plugin.report import fonts

    monkeypatch.setattr(fonts, "cjk_font", lambda: None)  # as on a machine without any Chinese font
    dock.refresh()
    wait_for_tasks(dock)
    assert dock.message().startswith("No font with Chinese characters was found") and "fonts-wqy-microhei" in dock.message()
    ticks = [t.get_text() for t in dock.canvases[d.SECTION_CASES].figure.axes[0].get_yticklabels()]
    assert ticks == ["130123001", "130123002", "130123003"]  # codes: the names could not be drawn
    assert dock.tables["cases"].item(0, 1).text() != "130123001"  # the tables keep the names


def test_without_matplotlib_the_dock_shows_the_tables_and_says_what_to_install(dock, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib.backends.backend_qt5agg", None)  # as if matplotlib were missing
    dock.refresh()
    wait_for_tasks(dock)
    assert dock.message().startswith("The dashboard charts need matplotlib") and "python3-matplotlib" in dock.message()
    assert dock.canvases == {} and set(dock.tables) >= {"cases", "quota-farmland", "trend"}


def test_plugin_opens_and_unloads_the_dock(qgis_iface, qgis_processing):
    QgsApplication.processingRegistry().removeProvider("farmlandgrid")  # the plugin registers its own
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    try:
        assert plugin.dashboard_action.objectName() == "farmlandgrid:dashboard"
        assert plugin.dashboard_action in plugin.toolbar.actions()
        plugin.dashboard_action.trigger()
        dock = plugin.dashboard_dock
        assert isinstance(dock, DashboardDock) and dock.isVisible()
        plugin.dashboard_action.trigger()
        assert plugin.dashboard_dock is dock
    finally:
        plugin.unload()
    assert plugin.dashboard_dock is None and plugin.dashboard_action is None


def test_charts_fit_the_default_width_and_are_redrawn_on_resize(dock):
    """At the width a right-hand dock opens with, every chart is drawn for that width (nothing beyond its edge, the
    townships named); widened, the charts are drawn again for the new width; the inputs fold away for the charts."""
    dock.resize(360, 700)  # about what QGIS gives a right-hand dock at 1366×768
    dock.show()
    assert not dock.form_box.isCollapsed()
    dock.refresh()
    wait_for_tasks(dock)
    assert dock.form_box.isCollapsed()  # collapsible, folded once there are figures
    dock.form_box.setCollapsed(False)
    assert dock.patrol_combo.isVisible()
    page_width = dock.pages[d.SECTION_PATROL].chart_width()
    assert page_width < 400
    for key, canvas in dock.canvases.items():
        figure = canvas.figure
        assert figure.get_figwidth() < 4.5 and abs(figure.get_figwidth() * 100 - canvas.width()) < 2, key
        figure.canvas.draw()
        drawn = figure.get_tightbbox(figure.canvas.get_renderer())
        assert drawn.x0 >= -0.01 and drawn.x1 <= figure.get_figwidth() + 0.01, key
        assert canvas.height() >= figure.get_figheight() * 100 - 1 or not canvas.isVisible(), key
    for key in (d.SECTION_QUOTA, d.SECTION_BALANCE):
        assert all(ax.get_yticklabels() for ax in dock.canvases[key].figure.axes[:2]), key  # the townships on every panel
    narrow = dock.canvases[d.SECTION_PATROL]

    dock.resize(1100, 700)
    QCoreApplication.processEvents()
    deadline = time.monotonic() + 5
    while dock.canvases[d.SECTION_PATROL] is narrow and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    wide = dock.canvases[d.SECTION_PATROL]
    assert wide is not narrow and wide.figure.get_figwidth() > 6.0  # drawn again, with the long labels
    assert "(" in wide.figure.axes[0].get_yticklabels()[0].get_text()


def test_open_in_a_window_floats_the_dock_large(dock):
    from qgis.PyQt.QtWidgets import QMainWindow

    window = QMainWindow()
    window.resize(1366, 768)
    window.addDockWidget(Qt.RightDockWidgetArea, dock)
    window.show()
    assert not dock.isFloating()
    dock.window_button.click()
    for _ in range(5):
        QCoreApplication.processEvents()
    screen = dock.screen().availableGeometry()
    assert dock.isFloating() and dock.window_button.text() == "Dock again"
    assert dock.width() >= min(1200, int(screen.width() * 0.9)) - 1
    dock.window_button.click()
    QCoreApplication.processEvents()
    assert not dock.isFloating() and dock.window_button.text() == "Open in a window"
    WINDOWS.append(window)  # kept to the end: the fixture deletes the dock it holds
