"""Compare two demo output folders, to show a refactor left every result as it was.

Usage: python scripts/compare_outputs.py BASELINE_DIR NEW_DIR   (exit status 1 when anything differs)

GeoPackage layers are compared feature by feature (count, fields and their types, every value, floats to
1e-6 relative, geometries equal or with a symmetric difference under 1e-6 of their area), CSV and XLSX
tables cell by cell, PDFs by page count, PNG and SVG files by name, anything else by size. Values written
at run time (timestamps of runs, cases, events and codes) and GeoPackage metadata tables (styles, gpkg_*,
spatial indexes) are left out: they differ between any two runs.
"""

import argparse
import csv
import math
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import shapely
from osgeo import gdal, ogr

#: fields holding the time of the run that wrote them
VOLATILE_FIELDS = {"run_time", "created_at", "issued_at", "added_at", "updated_at", "retired_at"}
#: (layer, field) holding a run time under a name other layers use for data (GPS point times)
VOLATILE_LAYER_FIELDS = {("case_events", "time")}
SKIPPED_DIRS = {"qgis-profile"}  # the demo's throw-away QGIS profile
SKIPPED_SUFFIXES = ("-wal", "-shm", "-journal")
METADATA_TABLES = ("layer_styles", "gpkg_", "rtree_", "sqlite_")
REL_TOL = 1e-6
EXAMPLES = 3  # differences shown per field; the rest are counted


class Report:
    def __init__(self):
        self.lines = defaultdict(list)

    def add(self, path, text):
        self.lines[path].append(text)

    def print(self):
        for path, lines in sorted(self.lines.items()):
            print(f"{path}:")
            for line in lines:
                print(f"  {line}")


def same(a, b):
    """Equal, numbers (also numbers written as text) to REL_TOL relative."""
    if a == b:
        return True
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return False
    return (math.isnan(x) and math.isnan(y)) or math.isclose(x, y, rel_tol=REL_TOL, abs_tol=1e-9)


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def files_of(root):
    found = {}
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if path.is_file() and relative.parts[0] not in SKIPPED_DIRS and not path.name.endswith(SKIPPED_SUFFIXES):
            found[relative.as_posix()] = path
    return found


def compare_presence(old, new, report):
    """Files in one folder only, grouped by directory, with a few of their names."""
    for label, mine, theirs in (("only in baseline", old, new), ("only in new", new, old)):
        by_dir = defaultdict(list)
        for name in sorted(set(mine) - set(theirs)):
            by_dir[str(Path(name).parent)].append(Path(name).name)
        for directory, names in by_dir.items():
            shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
            report.add(f"{directory}/", f"{len(names)} file{'s' if len(names) > 1 else ''} {label}: {shown}")


# --- GeoPackages -----------------------------------------------------------------------------------


def read_layer(layer):
    """Fields (name, type), CRS, and feature id → (values, WKB) of one layer."""
    definition = layer.GetLayerDefn()
    fields = []
    for i in range(definition.GetFieldCount()):
        field = definition.GetFieldDefn(i)
        fields.append((field.GetName(), field.GetTypeName(), ogr.GetFieldSubTypeName(field.GetSubType())))
    srs = layer.GetSpatialRef()
    features = {}
    for feature in layer:
        geometry = feature.GetGeometryRef()
        wkb = bytes(geometry.ExportToIsoWkb()) if geometry is not None else None
        features[feature.GetFID()] = ([feature.GetField(i) for i in range(len(fields))], wkb)
    return fields, srs.ExportToWkt() if srs is not None else "", features


def gpkg_layers(path):
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY, open_options=["LIST_ALL_TABLES=YES"])
    layers = {}
    for i in range(dataset.GetLayerCount()):
        layer = dataset.GetLayer(i)
        if not layer.GetName().startswith(METADATA_TABLES):
            layers[layer.GetName()] = read_layer(layer)
    return layers


def compare_gpkg(name, old_path, new_path, report):
    old, new = gpkg_layers(old_path), gpkg_layers(new_path)
    for layer in sorted(set(old) ^ set(new)):
        report.add(name, f"layer {layer} only in {'baseline' if layer in old else 'new'}")
    for layer in sorted(set(old) & set(new)):
        compare_layer(f"{name}:{layer}", layer, old[layer], new[layer], report)


def compare_layer(where, layer, old, new, report):
    (old_fields, old_crs, old_features), (new_fields, new_crs, new_features) = old, new
    if old_fields != new_fields:
        report.add(where, f"fields {_field_list(old_fields)} → {_field_list(new_fields)}")
    if old_crs != new_crs:
        report.add(where, "CRS differs")
    if len(old_features) != len(new_features):
        report.add(where, f"{len(old_features)} features → {len(new_features)}")
    fids = sorted(set(old_features) & set(new_features))
    if len(fids) < max(len(old_features), len(new_features)):
        report.add(where, f"{len(fids)} feature ids in common of {len(old_features)} and {len(new_features)}")
    old_index = {f[0]: i for i, f in enumerate(old_fields)}
    new_index = {f[0]: i for i, f in enumerate(new_fields)}
    has_key = "key" in old_index and "value" in old_index
    for field in [f[0] for f in old_fields if f[0] in new_index]:
        if field in VOLATILE_FIELDS or (layer, field) in VOLATILE_LAYER_FIELDS:
            continue
        i, j = old_index[field], new_index[field]
        differing = []
        for fid in fids:
            a, b = old_features[fid][0][i], new_features[fid][0][j]
            if field == "value" and has_key and old_features[fid][0][old_index["key"]] in VOLATILE_FIELDS:
                continue  # a key/value metadata row holding a run time
            if not same(a, b):
                differing.append(f"fid {fid}: {a!r} → {b!r}")
        if differing:
            report.add(where, f"{field}: {len(differing)} of {len(fids)} differ, e.g. " + "; ".join(differing[:EXAMPLES]))
    compare_geometries(where, fids, old_features, new_features, report)


def _field_list(fields):
    return ", ".join(f"{name} {kind}" + (f"/{sub}" if sub != "None" else "") for name, kind, sub in fields)


def compare_geometries(where, fids, old_features, new_features, report):
    changed = [fid for fid in fids if old_features[fid][1] != new_features[fid][1]]
    if not changed:
        return
    old = shapely.from_wkb([old_features[fid][1] for fid in changed])
    new = shapely.from_wkb([new_features[fid][1] for fid in changed])
    missing = shapely.is_missing(old) | shapely.is_missing(new)
    polygonal = ~missing & (shapely.get_dimensions(old) == 2) & (shapely.get_dimensions(new) == 2)
    close = polygonal.copy()
    if polygonal.any():
        area = shapely.area(old[polygonal])
        moved = shapely.area(shapely.symmetric_difference(old[polygonal], new[polygonal]))
        close[polygonal] = moved <= REL_TOL * area
    other = ~missing & ~polygonal
    if other.any():
        bounds = shapely.bounds(old[other])
        scale = [max(1.0, math.hypot(b[2] - b[0], b[3] - b[1])) for b in bounds]
        close[other] = [shapely.equals_exact(a, b, REL_TOL * s) for a, b, s in zip(old[other], new[other], scale)]
    far = [fid for fid, ok in zip(changed, close) if not ok]
    if far:
        report.add(where, f"geometry: {len(far)} of {len(fids)} differ, e.g. fid " + ", ".join(map(str, far[:EXAMPLES])))


# --- tables, PDFs, other files ---------------------------------------------------------------------


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return {"": list(csv.reader(f))}


def read_xlsx(path):
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}
    finally:
        workbook.close()


def compare_tables(name, old, new, report):
    if list(old) != list(new):
        report.add(name, f"sheets {list(old)} → {list(new)}")
    for sheet in [s for s in old if s in new]:
        where = f"{name}:{sheet}" if sheet else name
        old_rows, new_rows = old[sheet], new[sheet]
        if len(old_rows) != len(new_rows):
            report.add(where, f"{len(old_rows)} rows → {len(new_rows)}")
        differing = []
        for r, (a_row, b_row) in enumerate(zip(old_rows, new_rows), start=1):
            if len(a_row) != len(b_row):
                differing.append(f"row {r}: {len(a_row)} cells → {len(b_row)}")
            differing += [f"row {r} col {c}: {a!r} → {b!r}" for c, (a, b) in enumerate(zip(a_row, b_row), 1) if not same(a, b)]
        if differing:
            report.add(where, f"{len(differing)} cells differ, e.g. " + "; ".join(differing[:EXAMPLES]))


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "unreadable")


def compare_file(name, old, new, report):
    suffix = Path(name).suffix.lower()
    if suffix == ".gpkg":
        compare_gpkg(name, old, new, report)
    elif suffix == ".csv":
        compare_tables(name, read_csv(old), read_csv(new), report)
    elif suffix == ".xlsx":
        compare_tables(name, read_xlsx(old), read_xlsx(new), report)
    elif suffix == ".pdf":
        pages = pdf_pages(old), pdf_pages(new)
        if pages[0] != pages[1]:
            report.add(name, f"{pages[0]} pages → {pages[1]}")
    elif suffix not in (".png", ".svg"):  # pictures: their names were compared with the file lists
        sizes = old.stat().st_size, new.stat().st_size
        if sizes[0] != sizes[1]:
            report.add(name, f"{sizes[0]} bytes → {sizes[1]}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("baseline", type=Path)
    parser.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    gdal.UseExceptions()
    started = time.perf_counter()
    old, new = files_of(args.baseline), files_of(args.new)
    report = Report()
    compare_presence(old, new, report)
    common = sorted(set(old) & set(new))
    for name in common:
        compare_file(name, old[name], new[name], report)
    report.print()
    elapsed = time.perf_counter() - started
    verdict = f"{len(report.lines)} with differences" if report.lines else "no differences"
    print(f"{len(common)} files compared in {elapsed:.1f} s: {verdict}")
    return 1 if report.lines else 0


if __name__ == "__main__":
    sys.exit(main())
