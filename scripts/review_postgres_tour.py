"""The review dock connected to a PostgreSQL workspace, grabbed in a real QGIS desktop (run by
scripts/review_postgres_shots.py with ``qgis --code``): the demo county's layers on the map, the dock opened on
``TOUR_LOCATION`` (a saved connection of the profile), a case with photos selected, the screen grabbed into
``TOUR_SHOTS``/review_dock_postgres.png, and QGIS quits.
"""

import os
import subprocess
import traceback
from pathlib import Path

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication
from qgis.utils import iface, plugins

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


def play(index=0, tries=0):
    try:
        ready = STEPS[index][1]()
    except Exception:  # noqa: BLE001 - report whatever broke, then stop
        (SHOTS / "tour-error.txt").write_text(traceback.format_exc())
        QApplication.instance().exit(1)
        return
    if ready is False:
        if tries > 120:
            (SHOTS / "tour-error.txt").write_text(f"step {STEPS[index][1].__name__} not ready after 60 s")
            QApplication.instance().exit(1)
            return
        QTimer.singleShot(500, lambda: play(index, tries + 1))
    elif index + 1 < len(STEPS):
        QTimer.singleShot(int(STEPS[index + 1][0] * 1000), lambda: play(index + 1))


QTimer.singleShot(int(STEPS[0][0] * 1000), play)
