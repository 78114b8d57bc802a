"""Benchmark of the many-counties batch (farmlandgrid:runcounties) on a generated city of three counties.

Contestants, each in a child process of its own:
- ``batch``: runcounties with 2 workers (grid + codes + quota per county in qgis_process children, then the merge);
  its peak is the largest worker's (RUSAGE_CHILDREN) and the orchestrating process's own;
- ``sequential``: the three counties one after another in one process (delineategrid, assignspacecodes,
  quotaoverlay), merged by hand with native:mergevectorlayers, the way a user does it today;
- ``merge``: runcounties again with MERGE_ONLY on the batch's work folder: the merge alone.

Usage: python bench/city.py --size 500000 --out bench-output   (bench/bench.py --city SIZE calls it)
"""

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _peak_mib():
    with open("/proc/self/status") as status:
        return int(next(line for line in status if line.startswith("VmHWM:")).split()[1]) / 1024


def _load():
    return Path("/proc/loadavg").read_text().split()[:3]


def _inputs(city_dir):
    counties = sorted(p for p in Path(city_dir).iterdir() if p.is_dir() and (p / "county.gpkg").exists())
    return [f"{p / 'county.gpkg'}|layername=dltb" for p in counties], Path(city_dir)


def child(kind, city_dir, out):
    from qgis.core import QgsApplication, QgsProcessingFeedback

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    import processing
    from processing.core.Processing import Processing

    from farmland_grid_plugin.processing.provider import FarmlandGridProvider

    Processing.initialize()
    provider = FarmlandGridProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    counties, city = _inputs(city_dir)
    shared = {"ROSTER": str(city / "roster.csv"), "TARGETS": str(city / "targets.csv")}
    quota = {"PBF": f"{city / 'city.gpkg'}|layername=jbnt", "CHANGES": f"{city / 'city.gpkg'}|layername=bhtb"}
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    feedback = QgsProcessingFeedback()
    start = time.perf_counter()
    if kind in ("batch", "merge"):
        result = processing.run(
            "farmlandgrid:runcounties",
            {
                "COUNTIES": counties,
                **shared,
                **quota,
                "WORKERS": 2,
                "MERGE_ONLY": kind == "merge",
                "OUTPUT": str(out / "city.gpkg"),
            },
            feedback=feedback,
        )
        count = result["MERGED"]
    else:
        grids = []
        for k, county in enumerate(counties):
            grids.append(str(out / f"grid_{k}.gpkg"))
            processing.run(
                "farmlandgrid:delineategrid",
                {
                    "INPUT": county,
                    "ROSTER": shared["ROSTER"],
                    "OUTPUT": grids[-1],
                    "OUTPUT_ISSUES": str(out / f"issues_{k}.gpkg"),
                },
                feedback=feedback,
            )
            processing.run(
                "farmlandgrid:assignspacecodes",
                {"INPUT": county, "WORKSPACE": str(out / "workspace.gpkg"), "OUTPUT": str(out / f"coded_{k}.gpkg")},
                feedback=feedback,
            )
            processing.run(
                "farmlandgrid:quotaoverlay",
                {"PARCELS": county, "TARGETS": shared["TARGETS"], **quota, "OUTPUT_UNITS": str(out / f"units_{k}.gpkg")},
                feedback=feedback,
            )
        for name in ("grid", "coded", "units"):
            layers = [str(out / f"{name}_{k}.gpkg") for k in range(len(counties))]
            processing.run(
                "native:mergevectorlayers", {"LAYERS": layers, "OUTPUT": str(out / f"merged_{name}.gpkg")}, feedback=feedback
            )
        count = len(counties)
    seconds = time.perf_counter() - start
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest qgis_process child
    print(json.dumps({"seconds": seconds, "count": count, "peak_mib": _peak_mib(), "worker_peak_mib": worker}))


def measure(kind, city_dir, out):
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--city", str(city_dir), "--out", str(out)], capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"{kind} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def city_sums(gpkg):
    """(city cell farmland, sum of its counties) in 亩: equal to 0.0001 亩 when the merge is exact."""
    import sqlite3

    with sqlite3.connect(str(gpkg)) as db:
        city = db.execute("SELECT farmland_mu FROM grid_cells WHERE level = 2").fetchone()[0]
        counties = db.execute("SELECT sum(farmland_mu) FROM grid_cells WHERE level = 3").fetchone()[0]
    return city, counties


def bench_city(size, out):
    from sample_county.city import generate_city
    from sample_county.county import CountyConfig

    out = Path(out).resolve()
    start = time.perf_counter()
    config = CountyConfig(parcels=size, photos=0, track_townships=0, changes=size // 50)
    directory, marker = out / f"city_{size}", out / f"city_{size}" / "generated.json"
    if not marker.exists() or json.loads(marker.read_text()) != repr(config):  # generating 3 × 500,000 takes minutes
        generate_city(directory, config, counties=3)
        marker.write_text(json.dumps(repr(config)))
    row = {"parcels_per_county": size, "generate_s": time.perf_counter() - start}
    shutil.rmtree(out / f"city_run_{size}", ignore_errors=True)  # every step runs: no results of an earlier bench
    load = _load()
    for kind, folder in (("batch", "batch"), ("merge", "batch"), ("sequential", "sequential")):
        before = _load()
        row[kind] = {**measure(kind, directory, out / f"city_run_{size}" / folder), "load_before": before, "load_after": _load()}
    row["load_before"] = load
    row["load_after"] = _load()
    row["city_mu"], row["counties_mu"] = city_sums(out / f"city_run_{size}" / "batch" / "city.gpkg")
    b, s, m = row["batch"], row["sequential"], row["merge"]
    print(
        f"City of 3 × {size} parcels (generated or found in {row['generate_s']:.0f} s; load {' '.join(load)} before)", flush=True
    )
    print(
        f"  runcounties, 2 workers: {b['seconds']:.1f} s, largest worker {b['worker_peak_mib']:.0f} MiB, orchestrator "
        f"{b['peak_mib']:.0f} MiB; one after another in one process + merge by hand: {s['seconds']:.1f} s, peak "
        f"{s['peak_mib']:.0f} MiB; {s['seconds'] / b['seconds']:.2f}× faster",
        flush=True,
    )
    print(
        f"  merge alone (MERGE_ONLY): {m['seconds']:.1f} s; "
        f"city cell {row['city_mu']:.4f} 亩 = counties {row['counties_mu']:.4f} 亩"
    )
    for kind in ("batch", "merge", "sequential"):
        print(
            f"  load average (1, 5, 15 min) before / after {kind}: {' '.join(row[kind]['load_before'])} / "
            f"{' '.join(row[kind]['load_after'])}"
        )
    (out / f"city_results_{size}.json").write_text(json.dumps(row, indent=2))
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=500000)
    parser.add_argument("--out", default="bench-output")
    parser.add_argument("--child")
    parser.add_argument("--city")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.city, args.out)
    else:
        bench_city(args.size, args.out)


if __name__ == "__main__":
    main()
