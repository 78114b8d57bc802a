"""How interactive the evidence review dock stays: a case with 50 photos selected, time until the dock
returns control to the event loop (map zoomed, history and buttons shown) and until every thumbnail
has arrived from the background task.

With ``--postgres``: a throw-away PostgreSQL server (tests/qgis/postgis.py) filled with a real month, 50,000
cases and 300,000 events (``bench/dock_month.py``), and the dock connected to it as a reviewer: the time to
list the cases, to filter and sort the list, and to open a case (from the click until its details, map and
trail are shown), and the memory the list takes.

Usage: python bench/dock_bench.py PHOTO_DIR (JPEGs to copy, e.g. a sample county's photos folder)
       python bench/dock_bench.py --postgres [--cases 50000]
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from qgis.core import QgsApplication, QgsGeometry, QgsRectangle
from qgis.gui import QgsMapCanvas, QgsMessageBar
from qgis.PyQt.QtWidgets import QMainWindow

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main(photo_dir):
    from farmland_grid_plugin.store.geopackage import GeoPackageCaseStore
    from farmland_grid_plugin.ui.review_dock import EvidenceReviewDock

    work = Path(tempfile.mkdtemp())
    sources = sorted(Path(photo_dir).glob("*.jpg"))
    photos = []
    for i in range(50):
        target = work / f"photo_{i:02d}.jpg"
        shutil.copy(sources[i % len(sources)], target)
        photos.append(target)
    store = GeoPackageCaseStore(work / "cases.gpkg", crs="EPSG:4527")
    square = QgsGeometry.fromRect(QgsRectangle(39500000, 4200000, 39500100, 4200100))
    store.issue([{"geometry": square, "patch_id": "P1"}, {"geometry": square, "patch_id": "P2"}], "bench")
    store.add_evidence("P1", [{"path": str(p), "lon_wgs84": 117.0, "lat_wgs84": 37.9} for p in photos], "bench")
    window = QMainWindow()
    canvas = QgsMapCanvas(window)
    window.setCentralWidget(canvas)
    dock = EvidenceReviewDock(_Desktop(window, canvas))
    dock.show()
    dock.open_workspace(str(work / "cases.gpkg"))
    dock.wait_until_idle()
    dock.select_case("P2")
    dock.wait_until_idle()
    start = time.perf_counter()
    dock.select_case("P1")
    returned = time.perf_counter() - start
    while dock.current_case() is None or dock.current_case().case_id != "P1":  # read in the worker thread
        QgsApplication.processEvents()
    shown = time.perf_counter() - start
    # The event loop's longest stall while the thumbnails load is what a reviewer would feel.
    longest, last = 0.0, time.perf_counter()
    while QgsApplication.taskManager().countActiveTasks() or not _all_shown(dock):
        QgsApplication.processEvents()
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
        if now - start > 120:
            break
    done = time.perf_counter() - start
    print(
        f"select a case with 50 photos: control back after {returned * 1000:.0f} ms, case shown after {shown * 1000:.0f} ms; "
        f"all thumbnails after "
        f"{done:.2f} s; longest event-loop stall meanwhile {longest * 1000:.0f} ms"
    )
    dock.cleanup()


class _Desktop:
    """The three parts of QGIS's iface the dock uses, on a real canvas in a real window."""

    def __init__(self, window, canvas):
        self._window, self._canvas, self._bar = window, canvas, QgsMessageBar(window)

    def mainWindow(self):  # noqa: N802 - QgisInterface's names
        return self._window

    def mapCanvas(self):  # noqa: N802
        return self._canvas

    def messageBar(self):  # noqa: N802
        return self._bar


def _all_shown(dock):
    view = dock.thumbnails
    return view.count() == 50 and all(not view.item(i).icon().isNull() for i in range(view.count()))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "photo_dir", metavar="PHOTO_DIR", nargs="?", help="a folder of JPEGs to copy, e.g. a sample county's photos"
    )
    parser.add_argument("--postgres", action="store_true", help="the month's list on a throw-away PostgreSQL server instead")
    parser.add_argument("--cases", type=int, default=50000, help="cases of the month (--postgres); six events each")
    args = parser.parse_args()  # before Qt starts, so that --help works without a display
    if not args.postgres and not args.photo_dir:
        parser.error("PHOTO_DIR is needed without --postgres")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QgsApplication([], True)
    app.initQgis()
    if args.postgres:
        import dock_month  # bench/dock_month.py, beside this file

        dock_month.main(args.cases, _Desktop)
    else:
        main(args.photo_dir)
    app.exitQgis()
