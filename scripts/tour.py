"""Screenshots for the README tour, taken in a real QGIS desktop (run by scripts/screenshots.sh).

QGIS runs this file after start-up (``qgis --code``): it loads the demo outputs, then, step by
step, each a pause after the previous one so the GUI paints in between, shows the plugin menu over the styled grid, the
algorithm dialog and a code search in the locator bar, grabbing the whole X screen each time, and
quits.
"""

import os
import subprocess
import sys
import traceback
from pathlib import Path

import processing
from qgis.core import QgsExpression, QgsFeatureRequest, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QDate, QTimer
from qgis.PyQt.QtWidgets import QApplication
from qgis.utils import iface

DEMO = Path(os.environ["TOUR_DEMO"])
# The tour runs through ``qgis --code`` (no __file__); QGIS_PLUGINPATH is the repository.
sys.path.insert(0, str(Path(os.environ["QGIS_PLUGINPATH"]) / "scripts"))
from tour_player import play  # noqa: E402

SHOTS = Path(os.environ["TOUR_SHOTS"])
SHOTS.mkdir(parents=True, exist_ok=True)
_keep = []


def grab(name):
    QApplication.processEvents()  # what the last step showed is painted before the screen is read
    subprocess.run(["import", "-window", "root", str(SHOTS / name)], check=True)


def load(path, name, qml=None):
    layer = QgsVectorLayer(str(path), name, "ogr")
    if qml:
        layer.loadNamedStyle(str(qml), True)  # the shipped file, not a style kept in the GeoPackage
    QgsProject.instance().addMapLayer(layer)
    return layer


def step_layers():
    # No window manager under Xvfb: the main window is made to fill the screen by hand.
    window = iface.mainWindow()
    window.setGeometry(QApplication.primaryScreen().availableGeometry())
    plugin_styles = Path(os.environ["TOUR_PLUGIN"]) / "resources" / "styles"
    parcels = load(f"{DEMO / 'county' / 'county.gpkg'}|layername=dltb", "地类图斑 DLTB")
    parcels.renderer().symbol().setColor(parcels.renderer().symbol().color().lighter(150))
    load(DEMO / "grid_cells.gpkg", "网格单元 grid cells", plugin_styles / "grid_cells.qml")
    iface.mapCanvas().setExtent(parcels.extent())
    iface.mapCanvas().refresh()


def step_menu():
    bar = iface.mainWindow().menuBar()
    plugins = next(a.menu() for a in bar.actions() if a.menu() and a.menu().objectName() == "mPluginMenu")
    plugins.popup(bar.mapToGlobal(bar.actionGeometry(plugins.menuAction()).bottomLeft()))
    _keep.append(plugins)
    QTimer.singleShot(600, safely(lambda: open_submenu(plugins)))


def open_submenu(plugins):
    ours = next((a for a in plugins.actions() if a.menu() and "耕地" in a.text()), None)
    if ours is None:
        raise RuntimeError(f"no 耕地 submenu in {[a.text() for a in plugins.actions()]}")
    plugins.setActiveAction(ours)
    ours.menu().popup(plugins.mapToGlobal(plugins.actionGeometry(ours).topRight()))
    _keep.append(ours.menu())


def step_menu_shot():
    grab("qgis_menu.png")
    for menu in _keep:
        menu.close()


def step_grid_village():
    """The grid style at village scale: village and group lines apart, unit names where they fit."""
    cells = QgsProject.instance().mapLayersByName("网格单元 grid cells")[0]
    village = next(cells.getFeatures(QgsFeatureRequest(QgsExpression('"level" = 5'))))
    extent = village.geometry().boundingBox()
    extent.scale(1.3)
    iface.mapCanvas().setExtent(extent)
    iface.mapCanvas().refresh()


def step_grid_county():
    cells = QgsProject.instance().mapLayersByName("网格单元 grid cells")[0]
    iface.mapCanvas().setExtent(cells.extent())
    iface.mapCanvas().refresh()


def open_dialog(algorithm_id, parameters):
    dialog = processing.createAlgorithmDialog(algorithm_id, parameters)
    screen = QApplication.primaryScreen().availableGeometry()
    dialog.resize(min(1100, screen.width() - 60), screen.height() - 60)
    dialog.move(screen.x() + 30, screen.y() + 20)
    dialog.show()
    dialog.raise_()  # above the main window and its docks (no window manager under Xvfb)
    dialog.activateWindow()
    _keep.append(dialog)


def step_patrol_dialog():
    grid = QgsProject.instance().mapLayersByName("网格单元 grid cells")[0]
    parcels = QgsProject.instance().mapLayersByName("地类图斑 DLTB")[0]
    open_dialog("farmlandgrid:patrolcoverage", {"GRID": grid.id(), "PARCELS": parcels.id()})


def step_report_dialog():
    _keep[-1].close()
    open_dialog("farmlandgrid:dashboardreport", plugin_dashboard_parameters())


def plugin_dashboard_parameters():
    from qgis.utils import plugins

    return plugins["farmland_grid_plugin"].dashboard_dock.report_parameters()


def step_dashboard_window():
    from qgis.utils import plugins

    _keep[-1].close()
    plugins["farmland_grid_plugin"].dashboard_dock.toggle_window()


def dashboard_drawn():
    """Whether the dashboard's figures are in and its charts drawn for the width the dock has now (the task and
    the redraw after a resize both take a while on a busy machine): a shot waits for it."""
    from qgis.utils import plugins

    dock = plugins["farmland_grid_plugin"].dashboard_dock
    if dock.tasks or dock.dashboard is None or dock._redraw.isActive() or not dock.canvases:
        return False
    width = next(iter(dock.canvases.values())).figure.get_figwidth() * 100
    return abs(width - dock.pages[next(iter(dock.canvases))].chart_width()) < 2


def step_dialog():
    parcels = QgsProject.instance().mapLayersByName("地类图斑 DLTB")[0]
    open_dialog("farmlandgrid:delineategrid", {"INPUT": parcels.id(), "ROSTER": str(DEMO / "county" / "roster.csv")})


def step_dialog_shot():
    grab("delineate_dialog.png")
    _keep[-1].close()


def step_locator():
    load(DEMO / "coded_2026.gpkg", "已赋码图斑 coded parcels")
    iface.locatorSearch("130123001001001")


def step_locator_shot():
    grab("locator.png")


def step_locator_names():
    iface.locatorSearch("城关")  # a unit's name finds its cells: the township first, then villages and groups


def step_locator_typo():
    code = next(QgsProject.instance().mapLayersByName("已赋码图斑 coded parcels")[0].getFeatures())["space_code"]
    iface.locatorSearch(code[:9] + str((int(code[9]) + 1) % 10) + code[10:])  # one digit mistyped


def step_patrols():
    plugin_styles = Path(os.environ["TOUR_PLUGIN"]) / "resources" / "styles"
    for layer in QgsProject.instance().mapLayersByName("已赋码图斑 coded parcels"):
        QgsProject.instance().removeMapLayer(layer)
    groups = f'{DEMO / "patrol_cells.gpkg"}|subset="level" = 6'
    cells = load(groups, "巡田情况 patrol cells", plugin_styles / "patrol_cells.qml")
    load(DEMO / "patrol_tracks.gpkg", "巡查轨迹 patrol tracks", plugin_styles / "patrol_tracks.qml")
    iface.mapCanvas().setExtent(cells.extent())
    iface.mapCanvas().refresh()


def step_patrols_shot():
    grab("patrol_cells.png")


def step_review():
    from qgis.utils import plugins

    plugin = plugins["farmland_grid_plugin"]
    plugin.review_action.trigger()
    dock = plugin.review_dock
    dock.actor_edit.setText("李审核")
    dock.open_workspace(str(DEMO / "cases_workspace.gpkg"))
    dock.wait_until_idle()  # the dock reads the workspace in the background
    with_evidence = next(c for c in dock.listed_case_ids() if dock.workspace.cases.evidence(c))
    dock.select_case(with_evidence)


def step_review_shot():
    grab("review_dock.png")


def step_review_window():
    """The review as a wide window (a second monitor): the details beside the list, as the field staff see it."""
    from qgis.utils import plugins

    dock = plugins["farmland_grid_plugin"].review_dock
    dock.set_role("field")
    dock.details.tabs.setCurrentIndex(1)  # the photos
    dock.window_button.click()


def step_review_docked():
    from qgis.utils import plugins

    dock = plugins["farmland_grid_plugin"].review_dock
    dock.window_button.click()
    dock.details.tabs.setCurrentIndex(0)
    dock.set_role("reviewer")  # the tour's profile is kept for the next screen size


def step_dashboard():
    from qgis.utils import plugins

    plugin = plugins["farmland_grid_plugin"]
    plugin.review_dock.hide()
    summary = load(DEMO / "patrol_townships.gpkg", "乡镇巡田汇总 patrol summary")
    units = load(DEMO / "quota_units.gpkg", "乡镇指标核算 units")
    balance = load(DEMO / "balance_units.gpkg", "乡镇耕地平衡 balances")
    years = [load(DEMO / f"coded_{year}.gpkg", f"dltb_{year}") for year in (2025, 2026)]
    plugin.dashboard_action.trigger()
    dock = plugin.dashboard_dock
    dock.patrol_combo.setLayer(summary)
    dock.units_combo.setLayer(units)
    dock.balance_combo.setLayer(balance)
    dock.file_widget.setFilePath(str(DEMO / "cases_workspace.gpkg"))
    for layer in years:
        dock.set_layer_checked(layer)
    dock.as_of_edit.setDate(QDate(2026, 3, 20))
    dock.refresh()


def step_dashboard_shot():
    grab("dashboard_dock.png")


def step_quit():
    # Layers are removed while the main window still stands: removing them during QGIS's own teardown
    # after a plain exit() crashes QGIS 3.22 in its style dock.
    QgsProject.instance().clear()
    QTimer.singleShot(500, lambda: QApplication.instance().exit(0))


def safely(step):
    """Run a step; on any error write it down and quit, so a broken tour never leaves QGIS hanging."""

    def run():
        try:
            step()
        except Exception:  # noqa: BLE001 - report whatever broke, then stop
            (SHOTS / "tour-error.txt").write_text(traceback.format_exc())
            QApplication.instance().exit(1)

    return run


# (seconds after the previous step has finished, step): time for QGIS to paint in between. A step returning False
# is not ready yet: it is tried again every half second.
TOUR = (
    (1.0, step_layers),
    (3.0, lambda: grab("grid_county.png")),
    (0.5, step_grid_village),
    (3.0, lambda: grab("grid_village.png")),
    (0.5, step_grid_county),
    (2.0, step_menu),
    (2.5, step_menu_shot),
    (1.0, step_dialog),
    (3.0, step_dialog_shot),
    (0.5, step_locator),
    (3.0, step_locator_shot),
    (0.5, step_locator_names),
    (3.0, lambda: grab("locator_names.png")),
    (0.5, step_locator_typo),
    (3.0, lambda: grab("locator_typo.png")),
    (1.0, step_patrols),
    (3.0, step_patrols_shot),
    (1.0, step_review),
    (5.0, step_review_shot),
    (0.5, step_review_window),
    (4.0, lambda: grab("review_window.png")),
    (0.5, step_review_docked),
    (1.0, step_dashboard),
    (1.0, dashboard_drawn),
    (1.0, step_dashboard_shot),
    (1.0, step_patrol_dialog),
    (3.0, lambda: grab("patrol_dialog.png")),
    (0.5, step_report_dialog),
    (3.0, lambda: grab("dashboard_report_dialog.png")),
    (0.5, step_dashboard_window),
    (1.0, dashboard_drawn),
    (1.0, lambda: grab("dashboard_window.png")),
    (1.0, step_quit),
)
WAIT_LIMIT = 180  # tries of half a second: 90 s


play(TOUR, SHOTS, WAIT_LIMIT)
