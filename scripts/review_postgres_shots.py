"""Screenshots of the review dock connected to a PostgreSQL workspace, at 1366×768 and 1920×1080 under Xvfb.

A throw-away PostgreSQL server (tests/qgis/postgis.py) gets the demo's case workspace (cases, evidence and their
trail, copied through the case store as the admin login), a QGIS profile gets it as a saved connection
(``postgres:county_office``, user reviewer_li), and QGIS runs scripts/review_postgres_tour.py, which opens the review
dock on it and grabs the screen into docs/screenshots/<size>/review_dock_postgres.png.

Usage: python scripts/review_postgres_shots.py [DEMO_DIR] [SHOT_DIR]   (needs the demo outputs: make demo)
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CONNECTION = "county_office"
SIZES = ("1366x768", "1920x1080")


def copy_demo(source, location):
    """The demo's cases, evidence and steps into the PostgreSQL workspace at ``location`` (an admin login)."""
    from farmland_grid_plugin.domain import cases as c
    from farmland_grid_plugin.store import open_workspace
    from farmland_grid_plugin.store.cases import EVIDENCE_CHECK_FIELDS

    with open_workspace(source, create=False) as demo, open_workspace(location, create=False) as shared:
        records = demo.cases.cases()
        patches = [dict(r.attributes, geometry=r.geometry) for r in records]
        first = {r.case_id: demo.cases.events(r.case_id)[0] for r in records}
        for record in records:
            issue = first[record.case_id]
            shared.cases.issue([patches[records.index(record)]], issue.actor, now=issue.time, note=issue.note)
        for record in records:
            evidence = demo.cases.evidence(record.case_id)
            if evidence:
                rows = [
                    {
                        "path": str(Path(demo.files_root) / e.path),
                        "taken": e.taken,
                        "lon_wgs84": e.lon_wgs84,
                        "lat_wgs84": e.lat_wgs84,
                        "direction_deg": e.direction_deg,
                        "space_code": e.space_code,
                        "geometry": e.geometry,
                        **{name: getattr(e, name) for name in EVIDENCE_CHECK_FIELDS},
                    }
                    for e in evidence
                ]
                shared.cases.add_evidence(record.case_id, rows, evidence[0].added_by, now=evidence[0].added_at)
            for event in demo.cases.events(record.case_id)[1:]:
                verdict = record.state.verdict if event.action == c.REPORT else None
                shared.cases.apply(record.case_id, event.action, event.actor, note=event.note, now=event.time, verdict=verdict)
        return len(records)


def profile(root, server, dbname):
    """A QGIS profile in Chinese with the plugin on and the workspace as a saved PostgreSQL connection."""
    folder = Path(root) / "profiles" / "default" / "QGIS"
    folder.mkdir(parents=True)
    (folder / "QGIS3.ini").write_text(
        "[PythonPlugins]\nfarmland_grid_plugin=true\nprocessing=true\n"
        "[locale]\noverrideFlag=true\nuserLocale=zh_CN\n"
        "[qgis]\ncheckVersion=false\nshowTips322=false\n"
        "[PostgreSQL]\n"
        f"connections\\{CONNECTION}\\host={server.root}\nconnections\\{CONNECTION}\\port={server.port}\n"
        f"connections\\{CONNECTION}\\database={dbname}\nconnections\\{CONNECTION}\\username=reviewer_li\n"
        f"connections\\{CONNECTION}\\saveUsername=true\n",
        encoding="utf-8",
    )


def main(demo, shots):
    from qgis.core import QgsApplication

    from tests.qgis.postgis import PostgisServer

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QgsApplication([], False)
    app.initQgis()
    server = PostgisServer().start()
    try:
        dbname = server.new_workspace(srid=4490)
        copied = copy_demo(str(demo / "cases_workspace.gpkg"), server.location(dbname, "admin_zhang"))
        print(f"{copied} cases of the demo in the PostgreSQL workspace {dbname}")
        env = dict(os.environ, QGIS_PLUGINPATH=str(REPO), TOUR_DEMO=str(demo))
        env.pop("QT_QPA_PLATFORM", None)
        for size in SIZES:
            with tempfile.TemporaryDirectory() as root:
                profile(root, server, dbname)
                out = shots / size
                out.mkdir(parents=True, exist_ok=True)
                error = out / "tour-error.txt"
                error.unlink(missing_ok=True)
                env.update(TOUR_SHOTS=str(out), TOUR_LOCATION=f"postgres:{CONNECTION}")
                command = ["xvfb-run", "-a", "-s", f"-screen 0 {size}x24", "qgis", "--profiles-path", root, "--lang", "zh_CN"]
                command += ["--nologo", "--noversioncheck", "--code", str(REPO / "scripts" / "review_postgres_tour.py")]
                subprocess.run(command, env=env, check=False, timeout=300)
                if error.exists():
                    raise SystemExit(error.read_text())
                print(out / "review_dock_postgres.png")
    finally:
        server.stop()
        app.exitQgis()


if __name__ == "__main__":
    demo_dir = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "demo-output").resolve()
    shot_dir = Path(sys.argv[2] if len(sys.argv) > 2 else REPO / "docs" / "screenshots").resolve()
    main(demo_dir, shot_dir)
