"""Benchmark delineategrid against the native chain a user would otherwise build.

For each county size: farmlandgrid:delineategrid (all four levels, roster, QA) versus the
native chain — field calculator for the code prefix of each level plus native:dissolve on
it. Each run is a child process of its own so that its peak memory (max RSS) is its own.

Usage: python bench/bench_delineate.py --sizes 100000,500000 --out bench-output
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

LEVELS = {3: 6, 4: 9, 5: 12, 6: 15}


def child(kind, parcels, roster, out_dir):
    """Run one contestant inside a fresh QGIS; prints JSON with the wall time of the work itself."""
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    import processing
    from processing.core.Processing import Processing

    from farmland_grid_plugin.processing.provider import FarmlandGridProvider

    Processing.initialize()
    provider = FarmlandGridProvider()  # referenced until the end: the registry does not own the Python object
    QgsApplication.processingRegistry().addProvider(provider)
    out = Path(out_dir)
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    start = time.perf_counter()
    if kind == "ours":
        result = processing.run(
            "farmlandgrid:delineategrid",
            {
                "INPUT": parcels,
                "ROSTER": roster,
                "OUTPUT": str(out / "ours_cells.gpkg"),
                "OUTPUT_ISSUES": str(out / "ours_issues.gpkg"),
            },
            context=context,
            feedback=feedback,
        )
        cells = result["CELL_COUNT"]
    else:
        cells = 0
        for level, length in LEVELS.items():
            with_code = processing.run(
                "native:fieldcalculator",
                {
                    "INPUT": parcels,
                    "FIELD_NAME": "grid_code",
                    "FIELD_TYPE": 2,
                    "FIELD_LENGTH": length,
                    "FORMULA": f'left("ZLDWDM", {length})',
                    "OUTPUT": "TEMPORARY_OUTPUT",
                },
                context=context,
                feedback=feedback,
            )["OUTPUT"]
            dissolved = processing.run(
                "native:dissolve",
                {"INPUT": with_code, "FIELD": ["grid_code"], "OUTPUT": str(out / f"native_level{level}.gpkg")},
                context=context,
                feedback=feedback,
            )["OUTPUT"]
            from qgis.core import QgsVectorLayer

            cells += QgsVectorLayer(dissolved, "d", "ogr").featureCount()
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cells": cells, "peak_mib": peak_mib}))


def measure(kind, county, out_dir):
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            kind,
            "--parcels",
            county.uri(county.parcels_layer),
            "--roster",
            str(county.roster_csv),
            "--out",
            str(out_dir),
        ],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"{kind} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,500000")
    parser.add_argument("--out", default="bench-output")
    parser.add_argument("--child")
    parser.add_argument("--parcels")
    parser.add_argument("--roster")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.parcels, args.roster, args.out)
        return

    from farmland_grid_plugin.sample.county import CountyConfig, generate_county

    out = Path(args.out).resolve()
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        start = time.perf_counter()
        county = generate_county(out / f"county_{size}", CountyConfig(parcels=size, photos=0, track_townships=0))
        generated = time.perf_counter() - start
        work = out / f"run_{size}"
        work.mkdir(parents=True, exist_ok=True)
        ours = measure("ours", county, work)
        native = measure("native", county, work)
        rows.append({"parcels": size, "generate_s": generated, "ours": ours, "native": native})
        print(
            f"{size:>7} parcels: delineategrid {ours['seconds']:.1f} s, peak {ours['peak_mib']:.0f} MiB; "
            f"native chain {native['seconds']:.1f} s, peak {native['peak_mib']:.0f} MiB; "
            f"{native['seconds'] / ours['seconds']:.1f}× faster",
            flush=True,
        )
    (out / "delineate_results.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
