"""The review dock connected to a PostgreSQL workspace, grabbed in a real QGIS desktop (run by
scripts/review_postgres_shots.py with ``qgis --code``): the demo county's layers on the map, the dock opened on
``TOUR_LOCATION`` (a saved connection of the profile), a case with photos selected, the screen grabbed into
``TOUR_SHOTS``/review_dock_postgres.png, and QGIS quits.
"""

import os
import subprocess
import sys
from pathlib import Path

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication
from qgis.utils import iface, plugins

# The tour runs through ``qgis --code`` (no __file__); QGIS_PLUGINPATH is the repository.
sys.path.insert(0, str(Path(os.environ["QGIS_PLUGINPATH"]) / "scripts"))
from tour_player import play  # noqa: E402

DEMO = Path(os.environ["TOUR_DEMO"])
SHOTS = Path(os.environ["TOUR_SHOTS"])
LOCATION = os.environ["TOUR_LOCATION"]


def dock():
    return plugins["farmland_grid_plugin"].review_dock


def step_layers():
    window = iface.mainWindow()  # no window manager under Xvfb: the main window fills the screen by hand
    window.setGeometry(QApplication.primaryScreen().availableGeometry())
    parcels = QgsVectorLayer(f"{DEMO / 'county' / 'county.gpkg'}|layername=dltb", "地类图斑 DLTB", "ogr")
    parcels.renderer().symbol().setColor(parcels.renderer().symbol().color().lighter(150))
    QgsProject.instance().addMapLayer(parcels)
    iface.mapCanvas().setExtent(parcels.extent())


def step_open():
    plugins["farmland_grid_plugin"]._show_review_dock()
    dock().actor_edit.setText("李审核")
    dock().open_workspace(LOCATION)


def step_select():
    review = dock()
    if review.link.busy() or review.model.total() == 0:
        return False
    with_photos = next(row.case_id for row in review.model.listing.rows if row.photo_count)
    review.select_case(with_photos)
    return True


def step_shot():
    review = dock()
    if review.link.busy() or review.thumbnail_tasks:
        return False
    QApplication.processEvents()
    subprocess.run(["import", "-window", "root", str(SHOTS / "review_dock_postgres.png")], check=True)
    return True


def step_quit():
    dock().cleanup()
    QgsProject.instance().clear()
    QTimer.singleShot(500, lambda: QApplication.instance().exit(0))


STEPS = ((1.0, step_layers), (2.0, step_open), (1.0, step_select), (3.0, step_shot), (0.5, step_quit))


play(STEPS, SHOTS, 120)
