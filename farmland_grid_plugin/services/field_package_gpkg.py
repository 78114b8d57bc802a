"""The GeoPackage of a field package: what the patroller sees (cells, parcels, PBF, neighbours, open cases) and the
empty layers QField fills (evidence points, their photos, patrol tracks): a template made by OGR once per export,
filled per package with sqlite3.

Field names are ASCII; the Chinese names a patroller reads are the aliases, set in the project
(``field_package_project``). ``LAYERS`` is the one description both use.
"""

import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Dict

import numpy as np
import shapely
from osgeo import ogr, osr

from ..domain import cases as case_rules
from ..domain import field_package as rules
from ..i18n import render
from .files import writable_path

_S, _R, _I, _D, _DT, _B = ogr.OFTString, ogr.OFTReal, ogr.OFTInteger, ogr.OFTDate, ogr.OFTDateTime, "bool"

# layer → (geometry type, Chinese layer name, ((field, OGR type, Chinese alias), …))
LAYERS = {
    rules.CELLS: (
        ogr.wkbMultiPolygon,
        "我的网格",
        (
            ("grid_code", _S, "网格编码"),
            ("unit_name", _S, "网格名称"),
            ("person", _S, "田管员"),
            ("phone", _S, "联系电话"),
            ("farmland_mu", _R, "耕地面积(亩)"),
            ("frequency", _S, "巡查频次"),
            ("period_start", _D, "本期开始"),
            ("period_end", _D, "本期结束"),
            ("status", _S, "本期状态代码"),
            ("status_label", _S, "本期状态"),
        ),
    ),
    rules.PARCELS: (
        ogr.wkbMultiPolygon,
        "耕地图斑",
        (
            ("space_code", _S, "地块空间码"),
            ("dlbm", _S, "地类编码"),
            ("dlmc", _S, "地类名称"),
            ("area_mu", _R, "面积(亩)"),
            ("grid_code", _S, "网格编码"),
        ),
    ),
    rules.PBF: (ogr.wkbMultiPolygon, "永久基本农田", ()),
    rules.NEIGHBOURS: (
        ogr.wkbMultiPolygon,
        "相邻网格",
        (("grid_code", _S, "网格编码"), ("unit_name", _S, "网格名称"), ("person", _S, "田管员")),
    ),
    rules.CASES: (
        ogr.wkbMultiPolygon,
        "待核查案件",
        (
            ("case_id", _S, "案件编号"),
            ("patch_id", _S, "图斑编号"),
            ("unit_code", _S, "网格编码"),
            ("status", _S, "状态代码"),
            ("status_label", _S, "案件状态"),
            ("area_mu", _R, "图斑面积(亩)"),
            ("farmland_mu", _R, "占用耕地(亩)"),
            ("pbf_mu", _R, "占用永久基本农田(亩)"),
            ("issued_on", _D, "下发日期"),
            ("due_date", _D, "办结期限"),
            ("returned_note", _S, "退回意见"),
            # The field steps: the only fields the patroller edits.
            ("verdict", _S, "核查结论"),
            ("verdict_reason", _S, "结论说明"),
            ("field_note", _S, "现场情况"),
            ("done", _B, "核查完成,上报"),
        ),
    ),
    rules.EVIDENCE: (
        ogr.wkbPoint,
        "举证点",
        (
            ("uuid", _S, "举证编号"),
            ("case_id", _S, "案件编号"),
            ("space_code", _S, "地块空间码(可扫码)"),
            ("note", _S, "说明"),
            ("taken_at", _DT, "时间"),
            ("lon", _R, "经度"),
            ("lat", _R, "纬度"),
            ("accuracy_m", _R, "定位精度(米)"),
            ("direction_deg", _R, "朝向(度)"),
            ("patroller", _S, "田管员"),
        ),
    ),
    rules.PHOTOS: (
        ogr.wkbNone,
        "举证照片",
        (("uuid", _S, "照片编号"), ("evidence_uuid", _S, "举证编号"), ("path", _S, "照片"), ("taken_at", _DT, "时间")),
    ),
    rules.TRACKS: (
        ogr.wkbLineStringM,
        "巡查轨迹",
        (("uuid", _S, "轨迹编号"), ("start_time", _DT, "开始时间"), ("patroller", _S, "田管员"), ("grid_code", _S, "网格编码")),
    ),
}


# What the office fills at export; the other layers are QField's, empty until the patroller adds to them.
OFFICE_LAYERS = (rules.CELLS, rules.PARCELS, rules.PBF, rules.NEIGHBOURS, rules.CASES)


class PackageGeoPackage:
    """The package GeoPackage: OGR makes it once per export with every layer of ``LAYERS`` empty (tables, GeoPackage
    metadata, R-tree tables); each package gets a byte copy filled with sqlite3 in one transaction: geometries as
    GeoPackage blobs made for the whole layer at once, the R-tree filled from their envelopes, then the triggers that
    keep the R-tree and the feature counts current when QField edits the layers. (Through OGR, each package cost its
    layer creation, spatial indexes and close again: most of the export's time.)"""

    def __init__(self, crs_wkt: str):
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / "template.gpkg"
            _create_layers(path, crs_wkt)
            with closing(sqlite3.connect(path)) as db:
                self._geometry = dict(db.execute("SELECT table_name, column_name FROM gpkg_geometry_columns"))
                self._srs_id = db.execute("SELECT srs_id FROM gpkg_geometry_columns LIMIT 1").fetchone()[0]
                # Only the office layers lose their triggers (made again after their rows): creating them costs as
                # much as filling the R-tree, and QField's layers stay empty here.
                marks = ",".join("?" * len(OFFICE_LAYERS))
                triggers = db.execute(
                    f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({marks})", OFFICE_LAYERS
                )
                self._triggers = []
                for name, sql in triggers.fetchall():
                    db.execute(f'DROP TRIGGER "{name}"')
                    self._triggers.append(sql)
                db.execute("UPDATE gpkg_ogr_contents SET feature_count = 0")
                db.commit()
                db.execute("VACUUM")
            self._bytes = path.read_bytes()

    def write(self, path: Path, layers: Dict[str, tuple]) -> None:
        """``layers``: name (of ``OFFICE_LAYERS``) → (geometries, {field: values}); the layers not given stay empty."""
        if not set(layers) <= set(OFFICE_LAYERS):
            raise ValueError(f"only {OFFICE_LAYERS} are filled at export, not {sorted(set(layers) - set(OFFICE_LAYERS))}")
        writable_path(path)
        path.unlink(missing_ok=True)
        path.write_bytes(self._bytes)
        try:
            with closing(sqlite3.connect(path, isolation_level=None)) as db:
                db.execute("PRAGMA synchronous = OFF")  # a new file: written again whole if anything fails
                db.execute("BEGIN")
                for name, (geoms, columns) in layers.items():
                    self._insert(db, name, geoms, columns)
                for sql in self._triggers:
                    db.execute(sql)
                db.execute("COMMIT")
        except BaseException:
            path.unlink(missing_ok=True)
            raise

    def _insert(self, db, name: str, geoms, columns: dict) -> None:
        geometry_type, _title, fields = LAYERS[name]
        n = len(geoms)
        if not n:
            return
        values = [_as_column(kind, columns[f], n) if f in columns else [None] * n for f, kind, _ in fields]
        names = ["fid"] + [f for f, _, _ in fields]
        fids = range(1, n + 1)
        column = self._geometry.get(name)
        if column is not None:
            blobs, bounds = _geopackage_blobs(_multi(geoms, geometry_type), self._srs_id)
            names.insert(1, column)
            values.insert(0, blobs)
        quoted = ", ".join(f'"{c}"' for c in names)
        db.executemany(f'INSERT INTO "{name}" ({quoted}) VALUES ({", ".join("?" * len(names))})', zip(fids, *values))
        db.execute("UPDATE gpkg_ogr_contents SET feature_count = ? WHERE table_name = ?", (n, name))
        extent = None
        if column is not None:
            indexed = np.flatnonzero(np.isfinite(bounds).all(axis=1))
            xmin, ymin, xmax, ymax = bounds[indexed].T.tolist()
            db.executemany(
                f'INSERT INTO "rtree_{name}_{column}" VALUES (?, ?, ?, ?, ?)', zip((indexed + 1).tolist(), xmin, xmax, ymin, ymax)
            )
            if len(indexed):
                extent = (*bounds[indexed, :2].min(axis=0).tolist(), *bounds[indexed, 2:].max(axis=0).tolist())
        db.execute(
            "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, "
            "last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?",
            (*(extent or (None,) * 4), name),
        )


def _create_layers(path: Path, crs_wkt: str) -> None:
    """Every layer of ``LAYERS``, empty, with its spatial index (OGR writes the GeoPackage metadata)."""
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromWkt(crs_wkt)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    for name, (geometry_type, _title, fields) in LAYERS.items():
        options = ["SPATIAL_INDEX=YES"] if geometry_type != ogr.wkbNone else []
        layer = dataset.CreateLayer(name, srs if geometry_type != ogr.wkbNone else None, geometry_type, options)
        for field_name, kind, _alias in fields:
            definition = ogr.FieldDefn(field_name, ogr.OFTInteger if kind == _B else kind)
            if kind == _B:
                definition.SetSubType(ogr.OFSTBoolean)
            layer.CreateField(definition)
    dataset = None


# The GeoPackage geometry header: magic, version 0, flags (little endian, xy envelope, empty), srs id, envelope.
_HEADER = np.dtype([("magic", "S2"), ("version", "u1"), ("flags", "u1"), ("srs_id", "<i4"), ("envelope", "<f8", 4)])
_LITTLE_ENDIAN_XY_ENVELOPE, _EMPTY = 0b0011, 0b10000


def _geopackage_blobs(geoms: np.ndarray, srs_id: int):
    """GeoPackage geometry blobs (None where there is no geometry) and the bounds (xmin, ymin, xmax, ymax; NaN where
    missing or empty) of ``geoms``."""
    wkbs = shapely.to_wkb(geoms, output_dimension=2, byte_order=1)  # 2: what the GEOS under qgis_process takes
    bounds = shapely.bounds(geoms)
    header = np.zeros(len(geoms), dtype=_HEADER)
    header["magic"] = b"GP"
    header["flags"] = np.where(shapely.is_empty(geoms), _LITTLE_ENDIAN_XY_ENVELOPE | _EMPTY, _LITTLE_ENDIAN_XY_ENVELOPE)
    header["srs_id"] = srs_id
    header["envelope"] = bounds[:, [0, 2, 1, 3]]
    raw, size = header.tobytes(), _HEADER.itemsize
    return [None if wkb is None else raw[k * size : (k + 1) * size] + wkb for k, wkb in enumerate(wkbs)], bounds


def _multi(geoms, geometry_type):
    geoms = object_array(geoms)
    if geometry_type == ogr.wkbMultiPolygon and len(geoms):
        single = shapely.get_type_id(geoms) == shapely.GeometryType.POLYGON
        geoms[single] = shapely.multipolygons(geoms[single, None]) if single.any() else geoms[single]
    return geoms


def object_array(values) -> np.ndarray:
    """A copy as a 1-D object array; filled by assignment, since ``np.asarray`` inspects every geometry of a list."""
    column = np.empty(len(values), dtype=object)
    column[:] = values
    return column


def _as_column(kind, values, n: int) -> list:
    """``values`` as sqlite3 takes them for a field of ``kind``: text, real, integer (booleans 0/1), None kept."""
    convert = _CONVERT.get(kind, str)
    column = [None if v is None else convert(v) for v in values]
    if len(column) != n:
        raise ValueError(f"{len(column)} values for {n} features")
    return column


_CONVERT = {_R: float, _I: int, _B: int}


def columns_of(rows, layer: str) -> Dict[str, list]:
    """Rows (dicts) as the columns of ``layer``'s fields, for ``PackageGeoPackage.write``."""
    return {name: [row.get(name) for row in rows] for name, _kind, _alias in LAYERS[layer][2]}


def case_row(record, returned_note: str) -> dict:
    """The package's row of an open case: what the office knows, and empty field steps."""
    attributes = record.attributes
    return {
        "case_id": record.case_id,
        "patch_id": attributes.get("patch_id"),
        "unit_code": attributes.get("unit_code"),
        "status": record.status,
        "status_label": render(case_rules.status_label(record.status)),
        "area_mu": attributes.get("area_mu"),
        "farmland_mu": attributes.get("farmland_mu"),
        "pbf_mu": attributes.get("pbf_mu"),
        "issued_on": _date_text(record.issued_on),
        "due_date": _date_text(record.due_date),
        "returned_note": returned_note or None,
        "verdict": record.verdict if record.status == case_rules.RETURNED else None,
        "verdict_reason": record.verdict_reason if record.status == case_rules.RETURNED else None,
        "done": 0,
    }


def _date_text(value):
    return value.isoformat() if value is not None else None
