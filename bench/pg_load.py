"""Several users on one PostgreSQL workspace at once: the load test's harness (tests/qgis/pg_load_worker.py)
with bigger numbers, on a throw-away server (tests/qgis/postgis.PostgisServer): reviewers and township
logins, each a process of its own taking steps on shared cases with random waits. Reports the throughput
(transitions stored per second), the time of one transition (p50, p95) and the refusals, after checking
that every case equals the replay of its events and no step was lost or doubled.

Usage: python bench/pg_load.py [--processes 12] [--steps 500] [--cases 100] [--out bench-output]
(bench.py runs it in a process of its own.)
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def bench_pg_load(out, processes=12, steps=500, cases=100):
    """Run the bench in a child process (it starts QGIS itself); returns its figures."""
    command = [sys.executable, __file__, "--out", str(out), "--processes", str(processes), "--steps", str(steps)]
    done = subprocess.run([*command, "--cases", str(cases)], capture_output=True, text=True)
    print(done.stdout, end="", flush=True)
    if done.returncode != 0:
        sys.exit(f"pg_load failed:\n{done.stderr}")
    return json.loads((Path(out) / "pg_load_results.json").read_text())


def run(out, processes, steps, cases):
    from qgis.core import QgsApplication

    from farmland_grid_plugin.store import open_workspace
    from tests.qgis.pg_load_worker import add_logins, case_patches, check_load, load_summary, logins, run_load
    from tests.qgis.postgis import PostgisServer

    app = QgsApplication([], False)
    app.initQgis()
    load = Path("/proc/loadavg").read_text().split()[:3]
    server = PostgisServer().start()
    try:
        dbname = server.new_workspace()
        people = logins(reviewers=processes // 2, townships=processes - processes // 2)
        add_logins(server, dbname, people)
        with open_workspace(server.location(dbname, "admin_zhang"), create=False) as admin:
            case_ids, _ = admin.cases.issue(case_patches(cases), "admin_zhang")
        attempts, idle, span = run_load(lambda login: server.location(dbname, login), people, case_ids, steps)
        with open_workspace(server.location(dbname, "viewer_liu"), create=False) as viewer:
            problems = check_load(viewer.cases, attempts, case_ids)
    finally:
        server.stop()
    result, text = load_summary(people, attempts, idle, span)
    result.update(cases=cases, steps_each=steps, load_before=load, problems=problems[:20])
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "pg_load_results.json").write_text(json.dumps(result, indent=2))
    print(f"PostgreSQL workspace, {cases} shared cases (load {' '.join(load)} before): {text}", flush=True)
    if problems:
        sys.exit("the stored cases contradict the attempts:\n" + "\n".join(problems[:20]))
    app.exitQgis()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processes", type=int, default=12)
    parser.add_argument("--steps", type=int, default=500)
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--out", default="bench-output")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    run(args.out, args.processes, args.steps, args.cases)


if __name__ == "__main__":
    main()
