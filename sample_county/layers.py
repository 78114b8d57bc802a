"""The four GeoPackage layers: DLTB parcels, permanent basic farmland, change patches, village boundaries."""

from datetime import date

import numpy as np
import shapely
from osgeo import gdal, ogr, osr

from farmland_grid_plugin.domain.area import EllipsoidalArea
from farmland_grid_plugin.domain.landclass import DEFAULT_FARMLAND_CLASSES, LAND_CLASS_NAMES

from .units import location_codes

CLASS_SHARES = {
    "0101": 0.20,
    "0102": 0.15,
    "0103": 0.35,
    "0201": 0.03,
    "0201K": 0.02,
    "0301": 0.04,
    "0404": 0.03,
    "0702": 0.07,
    "1003": 0.02,
    "1006": 0.04,
    "1101": 0.02,
    "1104": 0.02,
    "1202": 0.01,
}
PBF_SHARE = 0.8
MAX_RIDGE_PERCENT = 15

# Classes after change: construction (非农化), other agricultural use (非粮化), or still dry land.
CHANGE_CLASSES = {
    "0702": 0.14,
    "1003": 0.08,
    "0601": 0.14,
    "0201": 0.10,
    "0301": 0.10,
    "1104": 0.10,
    "0404": 0.06,
    "0103": 0.18,
}
CHANGE_AREA_RANGE = (300.0, 15000.0)  # m²
LEGALITY = {"合法": 0.4, "违法": 0.35, "": 0.25}
# Measure taken on each patch (整改类型), the values of the shipped task table definition (resources/task_tables).
MEASURES = {
    "疑似永久基本农田变化图斑": 0.15,
    "就地恢复": 0.35,
    "核实处置自提图斑": 0.1,
    "异地调整补划": 0.1,
    "年度流出恢复": 0.15,
    "耕地进出平衡任务": 0.15,
}
FIRST_DETECTION = date(2026, 3, 1)
DETECTION_DAYS = 245

# Fixed creation time recorded by the GPKG driver, so that reruns give the same file.
GPKG_DATE = "2026-01-01T00:00:00.000Z"


def _as_multipolygons(geoms):
    parts, index = shapely.get_parts(geoms, return_index=True)
    return shapely.multipolygons(parts, indices=index)


def _serial_within(sorted_keys):
    """1-based serial of every element within its run of equal keys."""
    new_run = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]
    starts = np.flatnonzero(new_run)
    return np.arange(len(sorted_keys)) - starts[np.cumsum(new_run) - 1] + 1


def parcel_attributes(config, cells, cell, village, units, crs, rng):
    n = len(cells)
    shares = np.array(list(CLASS_SHARES.values()))
    dlbm = rng.choice(np.array(list(CLASS_SHARES)), size=n, p=shares / shares.sum())
    classes, class_index = np.unique(dlbm, return_inverse=True)
    farmland = np.isin(dlbm, DEFAULT_FARMLAND_CLASSES)
    tbmj = np.round(EllipsoidalArea(crs.to_wkt()).areas(cells), 2)
    kcxs = np.where(farmland, rng.integers(0, MAX_RIDGE_PERCENT + 1, n) / 100, 0.0)
    kcmj = np.round(tbmj * kcxs, 2)
    location = np.array(location_codes(units), dtype=object)[cell]
    names = np.array(units.cell_names, dtype=object)[cell]
    return {
        "geometry": cells,
        "farmland": farmland,
        "columns": {
            "BSM": [f"{config.county_code}{i + 1:012d}" for i in range(n)],
            "TBBH": _serial_within(village).astype(str),
            "DLBM": dlbm,
            "DLMC": np.array([LAND_CLASS_NAMES[c] for c in classes], dtype=object)[class_index],
            "QSDWDM": location,
            "QSDWMC": names,
            "ZLDWDM": location,
            "ZLDWMC": names,
            "TBMJ": tbmj,
            "KCXS": kcxs,
            "KCMJ": kcmj,
            "TBDLMJ": np.round(tbmj - kcmj, 2),
        },
    }


def pbf_attributes(parcels, village, rng):
    """Permanent basic farmland: copies of most farmland parcels, keyed by the parcel's BSM."""
    chosen = np.flatnonzero(parcels["farmland"] & (rng.random(len(village)) < PBF_SHARE))
    columns = parcels["columns"]
    return {
        "index": chosen,
        "geometry": parcels["geometry"][chosen],
        "columns": {
            "BSM": [columns["BSM"][i] for i in chosen],
            "JBNTTBBH": _serial_within(village[chosen]).astype(str),
            "DLBM": columns["DLBM"][chosen],
            "ZLDWDM": columns["ZLDWDM"][chosen],
            "TBMJ": columns["TBMJ"][chosen],
            "JBNTMJ": columns["TBDLMJ"][chosen],
        },
    }


def change_patches(config, cells, interior, parcels, crs, rng):
    """Change patches: jittered hexagons around interior points of random, mostly farmland, parcels."""
    count = config.changes or max(20, config.parcels // 100)
    weight = np.where(parcels["farmland"], 4.0, 1.0)
    centre_parcel = np.sort(rng.choice(len(cells), size=min(count, len(cells)), replace=False, p=weight / weight.sum()))
    m = len(centre_parcel)
    low, high = np.log(CHANGE_AREA_RANGE)
    target = np.exp(rng.uniform(low, high, m))
    angles = np.arange(6) * np.pi / 3 + rng.uniform(0, np.pi / 3, (m, 1)) + rng.uniform(-0.2, 0.2, (m, 6))
    radii = rng.uniform(0.75, 1.25, (m, 6))
    x, y = radii * np.cos(angles), radii * np.sin(angles)
    unit_area = 0.5 * np.abs(np.sum(x * np.roll(y, -1, axis=1) - np.roll(x, -1, axis=1) * y, axis=1))
    scale = np.sqrt(target / unit_area)[:, None]
    ring = np.stack([x * scale, y * scale], axis=-1) + interior[centre_parcel, None, :]
    geoms = shapely.polygons(np.concatenate([ring, ring[:, :1]], axis=1))
    columns = parcels["columns"]
    after_codes = list(CHANGE_CLASSES)
    after_p = np.array(list(CHANGE_CLASSES.values()))
    legality = list(LEGALITY)
    legality_p = np.array(list(LEGALITY.values()))
    first_day = np.datetime64(FIRST_DETECTION.isoformat())
    return {
        "geometry": geoms,
        "columns": {
            "JCBH": [f"{config.county_code}{FIRST_DETECTION.year}{i + 1:06d}" for i in range(m)],
            "QDLBM": columns["DLBM"][centre_parcel],
            "HDLBM": np.array(after_codes)[rng.choice(len(after_codes), m, p=after_p / after_p.sum())],
            "JCMJ": np.round(EllipsoidalArea(crs.to_wkt()).areas(geoms), 2),
            "HFPD": np.array(legality)[rng.choice(len(legality), m, p=legality_p / legality_p.sum())],
            "JCSJ": np.datetime_as_string(first_day + rng.integers(0, DETECTION_DAYS, m), unit="D"),
            # Drawn last, so that the columns above are those of earlier samples.
            "ZGLX": np.array(list(MEASURES))[rng.choice(len(MEASURES), m, p=np.array(list(MEASURES.values())))],
        },
    }


def village_boundaries(cells, village, units):
    """One boundary per village: the coverage union of its parcels (contiguous after sorting)."""
    n = len(units.village_codes)
    first = np.searchsorted(village, np.arange(n + 1))
    geoms = np.array([shapely.coverage_union_all(cells[first[v] : first[v + 1]]) for v in range(n)])
    return {
        "geometry": geoms,
        "columns": {
            "ZLDWDM": [f"{code}0000000" for code in units.village_codes],
            "ZLDWMC": units.village_names,
        },
    }


def write_gpkg(path, epsg, layers):
    srs = osr.SpatialReference()
    if srs.ImportFromEPSG(epsg) != 0:
        raise RuntimeError(f"GDAL does not know EPSG:{epsg}; is PROJ_DATA set?")
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    previous_date = gdal.GetThreadLocalConfigOption("OGR_CURRENT_DATE", None)
    gdal.SetThreadLocalConfigOption("OGR_CURRENT_DATE", GPKG_DATE)
    try:
        _write_dataset(path, srs, layers)
    finally:
        gdal.SetThreadLocalConfigOption("OGR_CURRENT_DATE", previous_date)


def _write_dataset(path, srs, layers):
    """Write all layers; the GeoPackage is finished (spatial indexes built) when this returns."""
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    if dataset is None:
        raise RuntimeError(f"Cannot create {path}: {gdal.GetLastErrorMsg()}")
    for name, content in layers:
        _write_layer(dataset, name, srs, content)


def _write_layer(dataset, name, srs, content):
    layer = dataset.CreateLayer(name, srs, ogr.wkbMultiPolygon, options=["FID=fid", "GEOMETRY_NAME=geom"])
    if layer is None:
        raise RuntimeError(f"Cannot create layer {name}: {gdal.GetLastErrorMsg()}")
    values = []
    for field, column in content["columns"].items():
        column = np.asarray(column)
        real = column.dtype.kind == "f"
        layer.CreateField(ogr.FieldDefn(field, ogr.OFTReal if real else ogr.OFTString))
        values.append(column.tolist() if real else [str(v) for v in column])
    definition = layer.GetLayerDefn()
    wkbs = shapely.to_wkb(_as_multipolygons(content["geometry"]), output_dimension=2)
    if dataset.StartTransaction() != 0:
        raise RuntimeError(f"Cannot start a transaction on {name}")
    for row, wkb in zip(zip(*values), wkbs):
        feature = ogr.Feature(definition)
        for i, value in enumerate(row):
            feature.SetField(i, value)
        feature.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb))
        if layer.CreateFeature(feature) != 0:
            raise RuntimeError(f"Cannot write to layer {name}: {gdal.GetLastErrorMsg()}")
    if dataset.CommitTransaction() != 0:
        raise RuntimeError(f"Cannot commit layer {name}: {gdal.GetLastErrorMsg()}")
