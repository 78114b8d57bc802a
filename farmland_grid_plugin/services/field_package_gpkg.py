"""The GeoPackage of a field package: what the patroller sees (cells, parcels, PBF, neighbours, open cases) and the
empty layers QField fills (evidence points, their photos, patrol tracks), written with OGR in one transaction.

Field names are ASCII; the Chinese names a patroller reads are the aliases, set in the project
(``field_package_project``). ``LAYERS`` is the one description both use.
"""

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

_SETTERS = {
    _R: lambda feature, index, value: feature.SetField(index, float(value)),
    _I: lambda feature, index, value: feature.SetFieldInteger64(index, int(value)),
    _B: lambda feature, index, value: feature.SetFieldInteger64(index, int(value)),
}


def _set_text(feature, index, value):
    feature.SetFieldString(index, str(value))


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


def write_package_data(path: Path, crs_wkt: str, layers: Dict[str, tuple]) -> None:
    """Write ``layers`` (name → (geometries, rows as dicts)) into a new GeoPackage at ``path``; every layer of
    ``LAYERS`` is created, the ones not given empty."""
    writable_path(path)
    if path.exists():
        path.unlink()
    driver = ogr.GetDriverByName("GPKG")
    dataset = driver.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromWkt(crs_wkt)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dataset.StartTransaction()
    for name, (geometry_type, _title, fields) in LAYERS.items():
        options = ["SPATIAL_INDEX=YES"] if geometry_type != ogr.wkbNone else []
        layer = dataset.CreateLayer(name, srs if geometry_type != ogr.wkbNone else None, geometry_type, options)
        for field_name, kind, _alias in fields:
            definition = ogr.FieldDefn(field_name, ogr.OFTInteger if kind == _B else kind)
            if kind == _B:
                definition.SetSubType(ogr.OFSTBoolean)
            layer.CreateField(definition)
        geoms, rows = layers.get(name, ((), ()))
        if not len(rows):
            continue
        wkbs = shapely.to_wkb(_multi(geoms, geometry_type), output_dimension=2)  # 2: what the GEOS under qgis_process takes
        definition = layer.GetLayerDefn()
        # Typed setters by field index: SetField(name, …) looks the name up each time, most of the writing time.
        setters = {f: (definition.GetFieldIndex(f), _SETTERS.get(kind, _set_text)) for f, kind, _ in fields}
        for wkb, row in zip(wkbs, rows):
            feature = ogr.Feature(definition)
            for key, value in row.items():
                if value is not None:
                    index, setter = setters[key]
                    setter(feature, index, value)
            if wkb is not None:
                feature.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb))
            layer.CreateFeature(feature)
    dataset.CommitTransaction()
    dataset = None


def _multi(geoms, geometry_type):
    geoms = np.asarray(list(geoms), dtype=object)
    if geometry_type == ogr.wkbMultiPolygon and len(geoms):
        single = shapely.get_type_id(geoms) == shapely.GeometryType.POLYGON
        geoms[single] = shapely.multipolygons(geoms[single, None]) if single.any() else geoms[single]
    return geoms


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
