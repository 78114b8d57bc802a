"""A month-sized workspace migrated (migrateworkspace's copy) from a GeoPackage into PostgreSQL and back, on a
throw-away server (tests/qgis/postgis.PostgisServer): 50,000 cases, 300,000 events, 20,000 evidence rows and
100,000 registry codes by default. Reports the seconds of each direction, the peak memory and the load of the
machine, after checking that both copies are equal to their source (counts and checksums of every table).

Usage: python bench/pg_migrate.py [--cases 50000] [--out bench-output]   (bench.py runs it in a process of its own.)
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

EVENTS_PER_CASE, EVIDENCE_SHARE, CODES_PER_CASE = 6, 0.4, 2
ACTIONS = ("issue", "collect", "report", "send_back", "report", "approve")


def bench_pg_migrate(out, cases=50000):
    """Run the bench in a child process (it starts QGIS itself); returns its figures."""
    done = subprocess.run([sys.executable, __file__, "--out", str(out), "--cases", str(cases)], capture_output=True, text=True)
    print(done.stdout, end="", flush=True)
    if done.returncode != 0:
        sys.exit(f"pg_migrate failed:\n{done.stderr}")
    return json.loads((Path(out) / "pg_migrate_results.json").read_text())


def _rows(cases):
    """The tables' rows (store/schema.py's columns) of a workspace with ``cases`` reported cases."""
    import shapely

    from farmland_grid_plugin.store.schema import CASE_FIELDS, EVENT_FIELDS, EVIDENCE_FIELDS

    def row(row_id, fields, values, *geometry):
        return (row_id, *[values.get(name) for name, _kind, _since in fields], *geometry)

    case_rows, event_rows, evidence_rows = [], [], []
    for i in range(cases):
        x, y = 102.0 + (i % 500) * 0.001, 25.0 + (i // 500) * 0.001
        case = {
            "case_id": f"C{i:06d}",
            "unit_code": "5301020010010000000",
            "township_code": "530102001",
            "person": "张三",
            "status": "reported",
            "verdict": "legal",
            "issued_on": "2026-01-10",
            "due_date": "2026-02-09",
            "area_mu": 1.5 + i % 7,
            "accountable": i % 2,
            "updated_at": "2026-01-12T08:00:00Z",
            "photo_count": 2,
        }
        polygon = shapely.to_wkb(shapely.MultiPolygon([shapely.box(x, y, x + 0.0005, y + 0.0005)]))
        case_rows.append(row(i + 1, CASE_FIELDS, case, polygon))
        for k, action in enumerate(ACTIONS):
            event = {
                "case_id": case["case_id"],
                "action": action,
                "to_status": "reported",
                "actor": "李四",
                "time": f"2026-01-1{k}T08:00:00Z",
                "note": "照片清楚" if k == 3 else "",
            }
            event_rows.append(row(len(event_rows) + 1, EVENT_FIELDS, event))
    point = shapely.to_wkb(shapely.Point(102.0, 25.0))
    for j in range(int(cases * EVIDENCE_SHARE)):
        photo = {
            "case_id": f"C{j:06d}",
            "path": f"DCIM/{j}.jpg",
            "lon_wgs84": 102.0,
            "lat_wgs84": 25.0,
            "checks": "",
            "added_at": "2026-01-12T08:00:00Z",
            "added_by": "张三",
            "sha256": "ab" * 32,
            "size_bytes": 123456,
        }
        evidence_rows.append(row(j + 1, EVIDENCE_FIELDS, photo, point))
    codes = [(f"530102001001{n // 1000:03d}{n % 1000 + 1:05d}X", "530102", f"530102001001{n // 1000:03d}", n % 1000 + 1,
              "active", "2026-01-01T00:00:00Z", None, "") for n in range(cases * CODES_PER_CASE)]  # fmt: skip
    return {"cases": case_rows, "case_events": event_rows, "evidence": evidence_rows, "space_code_registry": codes}


def run(out, cases):
    from qgis.core import QgsApplication

    from farmland_grid_plugin.services.workspace_copy import copy_workspace
    from farmland_grid_plugin.services.workspace_tables import write_geopackage
    from farmland_grid_plugin.store.schema import prepare
    from tests.qgis.postgis import PostgisServer

    app = QgsApplication([], False)
    app.initQgis()
    out.mkdir(parents=True, exist_ok=True)
    source, back = out / "pg_migrate_source.gpkg", out / "pg_migrate_back.gpkg"
    for path in (source, back):
        path.unlink(missing_ok=True)
    prepare(source, "EPSG:4490")
    write_geopackage(source, _rows(cases), {})
    load = Path("/proc/loadavg").read_text().split()[:3]
    server = PostgisServer().start()
    try:
        dbname = server.new_workspace()
        start = time.perf_counter()
        into = copy_workspace(str(source), server.location(dbname), "GeoPackage", "PostgreSQL")
        into_s = time.perf_counter() - start
        start = time.perf_counter()
        out_of = copy_workspace(server.location(dbname), str(back), "PostgreSQL", "GeoPackage")
        back_s = time.perf_counter() - start
    finally:
        server.stop()
    if not (into.equal and out_of.equal):
        sys.exit("pg_migrate: a copy differs from its source")
    rows = {check.table: check.target_rows for check in into.checks}
    figures = {"rows": rows, "into_postgres_s": into_s, "into_geopackage_s": back_s, "load": load,
               "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}  # fmt: skip
    (out / "pg_migrate_results.json").write_text(json.dumps(figures, indent=2))
    print(
        f"migrateworkspace, {rows['cases']} cases, {rows['case_events']} events, {rows['evidence']} evidence, "
        f"{rows['space_code_registry']} codes: GeoPackage → PostgreSQL {into_s:.1f} s, back {back_s:.1f} s, checksums "
        f"equal, peak {figures['peak_mib']:.0f} MiB (load {' '.join(load)})"
    )
    app.exitQgis()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=50000)
    parser.add_argument("--out", default="bench-output")
    arguments = parser.parse_args()
    run(Path(arguments.out), arguments.cases)
