"""The batch's merge: every county's outputs into one city GeoPackage, with the city and province cells on top.

The output GeoPackage is the city's workspace: its layers (grid cells and issues, coded parcels and
lineage, quota units, change patches and checks, the county runs) and the code registry every county's
coding added to. Layers are copied by GDAL (no feature passes through Python); what only the merge knows
is added after: the province and city cells (domain.grid_upper, exact sums of their counties), their
responsible persons, the city's 合计 row, the persons of change patches, and roster rows that are unknown
in one county only because they belong to another (or to the city) are dropped.
"""

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import shapely
from osgeo import gdal, ogr
from qgis.core import QgsCoordinateReferenceSystem, QgsVectorLayer
from qgis.PyQt.QtXml import QDomDocument

from ..domain import quota
from ..domain.area import METHOD_ELLIPSOIDAL, SQM_PER_MU, sqm_to_mu
from ..domain.grid import PERSON_SEPARATOR
from ..domain.grid_qa import ISSUE_ROSTER_UNKNOWN_UNIT, LAYER_GRID
from ..domain.grid_records import Cell
from ..domain.grid_upper import upper_grid_cells
from ..domain.messages import QT_TR_NOOP, DomainError
from ..domain.roster import Roster, join_roster
from ..domain.unitcode import DEFAULT_LENGTHS, LEVEL_COUNTY, LEVEL_NAMES, UnitCodeError, grid_code_of, upper_code_of
from ..i18n import render
from ..store import open_workspace
from ..store.schema import REGISTRY
from .batch import CODES, GRID, OUTPUT_FILES, QUOTA, County
from .crs import GeometryArea

GRID_CELLS, GRID_ISSUES = "grid_cells", "grid_issues"
CODED, LINEAGE = "coded_parcels", "code_lineage"
UNITS, CHANGES, SUMMARY = "quota_units", "quota_changes", "quota_summary"
COUNTY_RUNS = "county_runs"
# Merged layer → (step, the county file it is copied from).
LAYERS = {
    GRID_CELLS: (GRID, OUTPUT_FILES[GRID]["OUTPUT"]),
    GRID_ISSUES: (GRID, OUTPUT_FILES[GRID]["OUTPUT_ISSUES"]),
    CODED: (CODES, OUTPUT_FILES[CODES]["OUTPUT"]),
    LINEAGE: (CODES, OUTPUT_FILES[CODES]["OUTPUT_LINEAGE"]),
    UNITS: (QUOTA, OUTPUT_FILES[QUOTA]["OUTPUT_UNITS"]),
    CHANGES: (QUOTA, OUTPUT_FILES[QUOTA]["OUTPUT_CHANGES"]),
    SUMMARY: (QUOTA, OUTPUT_FILES[QUOTA]["OUTPUT_SUMMARY"]),
}
RUN_FIELDS = (
    ("county", ogr.OFTString),
    ("county_codes", ogr.OFTString),
    ("status", ogr.OFTString),
    ("steps_run", ogr.OFTString),
    ("seconds", ogr.OFTReal),
    ("message", ogr.OFTString),
)
MERGED, FAILED = "merged", "failed"


@dataclass
class CountyRun:
    """A county's row in the county_runs table."""

    county: County
    status: str = MERGED
    steps_run: Tuple[str, ...] = ()
    seconds: float = 0.0
    message: str = ""
    codes: Tuple[str, ...] = ()  # its county cells' codes, once merged


def _layer_name(path: Path) -> str:
    """The data layer of a county's output file (the file also holds layer_styles)."""
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY)
    names = [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]
    return next((n for n in names if n == path.stem), next(n for n in names if n != "layer_styles"))


def _append(output: Path, name: str, sources: Sequence[Path], crs_wkt: str, sql: Optional[Sequence[str]] = None) -> None:
    """Layer ``name`` of ``output`` made anew from the ``sources`` (reprojected to the first one's CRS, fields by name)."""
    dataset = gdal.OpenEx(str(output), gdal.OF_VECTOR | gdal.OF_UPDATE)
    if dataset.GetLayerByName(name) is not None:
        dataset.DeleteLayer(name)
    if dataset.GetLayerByName("layer_styles") is not None:
        # QGIS 3.22 hangs replacing a layer's saved style in place: the old row goes with the old layer.
        dataset.ExecuteSQL(f"DELETE FROM layer_styles WHERE f_table_name = {_quoted(name)}")
    dataset = None
    for k, source in enumerate(sources):
        layer = _layer_name(source)
        options = {"layers": [layer]}
        if sql is not None:
            options = {"SQLStatement": sql[k].format(layer=layer), "SQLDialect": "SQLITE"}
        done = gdal.VectorTranslate(
            str(output),
            str(source),
            options=gdal.VectorTranslateOptions(
                format="GPKG",
                accessMode="append" if k else "update",
                layerName=name,
                dstSRS=crs_wkt or None,
                geometryType="PROMOTE_TO_MULTI",
                addFields=bool(k),
                **options,
            ),
        )
        if done is None:
            raise DomainError(
                QT_TR_NOOP("Cannot merge {file} into {output}: {error}"),
                file=str(source),
                output=str(output),
                error=gdal.GetLastErrorMsg(),
            )
        done = None


def _copy_style(source: Path, output: Path, name: str) -> None:
    """The county output's default style (the shipped style and Chinese aliases) as the merged layer's."""
    src = QgsVectorLayer(f"{source}|layername={_layer_name(source)}", "source", "ogr")
    dst = QgsVectorLayer(f"{output}|layername={name}", name, "ogr")
    if not (src.isValid() and dst.isValid()):
        return
    document = QDomDocument()
    src.exportNamedStyle(document)
    dst.importNamedStyle(document)
    dst.saveStyleToDatabase(name, "", True, "")


def _sql(output: Path, statement: str):
    dataset = gdal.OpenEx(str(output), gdal.OF_VECTOR | gdal.OF_UPDATE)
    result = dataset.ExecuteSQL(statement, dialect="SQLITE")
    rows = [] if result is None else [[f.GetField(i) for i in range(f.GetFieldCount())] for f in result]
    if result is not None:
        dataset.ReleaseResultSet(result)
    return rows


def _distinct_groups(path: Path) -> set:
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY)
    result = dataset.ExecuteSQL(
        f'SELECT DISTINCT substr(space_code, 1, 15) FROM "{_layer_name(path)}" WHERE space_code IS NOT NULL'
    )
    groups = {f.GetField(0) for f in result}
    dataset.ReleaseResultSet(result)
    return groups


def check_unique_codes(parts: Sequence[Tuple[County, Path]]) -> None:
    """Refuse two counties coding the same villager group: each county's registry gives out serials on its own,
    so the same group in two county files would get the same codes twice."""
    seen: Dict[str, County] = {}
    for county, folder in parts:
        for group in _distinct_groups(folder / OUTPUT_FILES[CODES]["OUTPUT"]):
            other = seen.setdefault(group, county)
            if other is not county:
                raise DomainError(
                    QT_TR_NOOP(
                        "The county layers {first} and {second} both hold villager group {group}: its space codes would "
                        "not be unique; give every unit to one county layer only"
                    ),
                    first=other.label,
                    second=county.label,
                    group=group,
                )


def merge_registries(output: Path, folders: Sequence[Path], county_workspace: str) -> int:
    """Every county registry's codes into the city workspace's registry (retirements win); the codes it holds."""
    import sqlite3

    open_workspace(output).close()
    with sqlite3.connect(str(output)) as db:
        for folder in folders:
            db.execute("ATTACH DATABASE ? AS county", (str(folder / county_workspace),))
            db.execute(
                f'INSERT INTO main."{REGISTRY}" SELECT * FROM county."{REGISTRY}" WHERE true ON CONFLICT(space_code) DO UPDATE '
                "SET status = excluded.status, retired_at = excluded.retired_at WHERE excluded.status = 'retired'"
            )
            db.commit()
            db.execute("DETACH DATABASE county")
        return db.execute(f'SELECT count(*) FROM "{REGISTRY}"').fetchone()[0]


def merge_counties(
    output: Path, parts: Sequence[Tuple[County, Path]], roster: Optional[Roster], feedback, tolerance_m2=0.1
) -> dict:
    """Merge the counties' folders (``parts``: county, its folder, every step done) into ``output``; counts per layer."""
    if not parts:
        return {}
    check_unique_codes(parts)
    first = parts[0][1]
    crs_wkt = _crs_wkt(first / LAYERS[GRID_CELLS][1])
    if not output.exists():
        gdal.GetDriverByName("GPKG").Create(str(output), 0, 0, 0, gdal.GDT_Unknown)
    counts = {}
    for name, (_step, file_name) in LAYERS.items():
        sources = [folder / file_name for _, folder in parts if (folder / file_name).exists()]
        if not sources:
            continue
        sql = None
        if name == SUMMARY:  # which county each check is about
            sql = [f'SELECT {_quoted(",".join(county_codes(folder)))} AS county_codes, * FROM "{{layer}}"' for _, folder in parts]
        _append(output, name, sources, crs_wkt if name in (GRID_CELLS, GRID_ISSUES, CODED, CHANGES) else "", sql)
        _copy_style(sources[0], output, name)
        if feedback.isCanceled():
            return counts
    for name, column in ((GRID_CELLS, "grid_code"), (CHANGES, "patch_id")):  # looked up below, and by users
        if _has_layer(output, name):
            _sql(output, f'CREATE INDEX IF NOT EXISTS "{name}_{column}" ON "{name}" ({column})')
    _add_upper_cells(output, crs_wkt, roster, tolerance_m2)
    _drop_foreign_roster_rows(output)
    _city_total(output)
    if _has_layer(output, CHANGES):
        _dedupe_changes(output)
    for name in LAYERS:
        if _has_layer(output, name):
            counts[name] = _sql(output, f'SELECT count(*) FROM "{name}"')[0][0]
    return counts


def _has_layer(output: Path, name: str) -> bool:
    dataset = gdal.OpenEx(str(output), gdal.OF_VECTOR | gdal.OF_READONLY)
    return dataset.GetLayerByName(name) is not None


def _quoted(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _crs_wkt(path: Path) -> str:
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY)
    srs = dataset.GetLayerByName(_layer_name(path)).GetSpatialRef()
    return srs.ExportToWkt() if srs is not None else ""


def county_codes(folder: Path) -> List[str]:
    """The codes of the county cells a county's grid holds."""
    path = folder / LAYERS[GRID_CELLS][1]
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY)
    layer = dataset.GetLayerByName(_layer_name(path))
    layer.SetAttributeFilter(f"level = {LEVEL_COUNTY}")
    return sorted(f.GetField("grid_code") for f in layer)


def _add_upper_cells(output: Path, crs_wkt: str, roster: Optional[Roster], tolerance_m2: float) -> None:
    """The province and city cells above the merged county cells, with their persons and QA issues."""
    dataset = gdal.OpenEx(str(output), gdal.OF_VECTOR | gdal.OF_UPDATE)
    cells_layer = dataset.GetLayerByName(GRID_CELLS)
    cells_layer.SetAttributeFilter(f"level = {LEVEL_COUNTY}")
    counties, method = [], ""
    for f in cells_layer:
        geom = f.GetGeometryRef()
        counties.append(
            Cell(
                f.GetField("grid_code"),
                LEVEL_COUNTY,
                f.GetField("parent_code") or "",
                f.GetField("unit_name") or "",
                shapely.from_wkb(bytes(geom.ExportToWkb())) if geom is not None else None,
                float(f.GetField("farmland_mu") or 0.0) * SQM_PER_MU,
                f.GetField("farmland_count") or 0,
                f.GetField("parcel_count") or 0,
                f.GetField("geom_source") or "",
            )
        )
        method = f.GetField("area_method") or method
    cells_layer.SetAttributeFilter(None)
    if not counties:
        return
    crs = QgsCoordinateReferenceSystem.fromWkt(crs_wkt)
    issues: list = []
    upper = upper_grid_cells(counties, "2,4,6,9,12,15", {}, GeometryArea(METHOD_ELLIPSOIDAL, crs), tolerance_m2, issues)
    if roster is not None:
        join_roster(_upper_rows(roster), upper, DEFAULT_LENGTHS, issues)
    definition = cells_layer.GetLayerDefn()
    dataset.StartTransaction()
    for level in sorted(upper):
        for cell in upper[level]:
            feature = ogr.Feature(definition)
            values = {
                "grid_code": cell.grid_code,
                "level": cell.level,
                "level_name": LEVEL_NAMES[cell.level],
                "parent_code": cell.parent_code or None,
                "unit_name": cell.unit_name or None,
                "farmland_mu": round(float(sqm_to_mu(cell.farmland_m2)), 4),
                "farmland_count": int(cell.farmland_count),
                "parcel_count": int(cell.parcel_count),
                "area_method": method,
                "persons": PERSON_SEPARATOR.join(p[0] for p in cell.persons),
                "roles": PERSON_SEPARATOR.join(p[1] for p in cell.persons),
                "phones": PERSON_SEPARATOR.join(p[2] for p in cell.persons),
                "person_count": len(cell.persons),
                "geom_source": cell.source,
            }
            for key, value in values.items():
                feature.SetField(key, value)
            if cell.geometry is not None:
                feature.SetGeometry(
                    ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkb(shapely.to_wkb(cell.geometry, output_dimension=2)))
                )
            cells_layer.CreateFeature(feature)
    for county in counties:  # a county's parent is its city
        cells_layer.SetAttributeFilter(f"grid_code = {_quoted(county.grid_code)}")
        for f in cells_layer:
            f.SetField("parent_code", county.grid_code[:4])
            cells_layer.SetFeature(f)
    cells_layer.SetAttributeFilter(None)
    _write_issues(dataset.GetLayerByName(GRID_ISSUES), issues, method)
    dataset.CommitTransaction()


def _upper_rows(roster: Roster) -> Roster:
    """The roster rows naming a province or a city: the counties' own rows were joined by their grids."""
    keep = []
    for i, code in enumerate(roster.codes):
        try:
            text = grid_code_of(code)[0]
        except UnitCodeError:
            continue
        if upper_code_of(text) is not None:
            keep.append(i)
    return Roster(*([getattr(roster, f.name)[i] for i in keep] for f in fields(Roster)))


def _write_issues(layer, issues, method: str) -> None:
    definition = layer.GetLayerDefn()
    for issue in issues:
        feature = ogr.Feature(definition)
        values = {
            "issue_type": issue.issue_type,
            "level": issue.level,
            "grid_code": issue.grid_code or None,
            "other_code": issue.other_code or None,
            "layer": issue.layer or LAYER_GRID,
            "feature_id": issue.feature_id or None,
            "area_mu": None if issue.area_m2 is None else round(float(sqm_to_mu(issue.area_m2)), 4),
            "area_method": method if issue.area_m2 is not None else None,
            "message": render(issue.message),
        }
        for key, value in values.items():
            if value is not None:
                feature.SetField(key, value)
        if issue.geometry is not None:
            feature.SetGeometry(
                ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkb(shapely.to_wkb(issue.geometry, output_dimension=2)))
            )
        layer.CreateFeature(feature)


def _drop_foreign_roster_rows(output: Path) -> None:
    """A roster row unknown to one county because its unit is another county's (or the city's) is no issue; a row no
    county knows is listed once, not once per county."""
    unknown = _quoted(ISSUE_ROSTER_UNKNOWN_UNIT)
    _sql(
        output,
        f"DELETE FROM {GRID_ISSUES} WHERE issue_type = {unknown} AND (grid_code IN (SELECT grid_code FROM {GRID_CELLS}) "
        f"OR fid NOT IN (SELECT min(fid) FROM {GRID_ISSUES} WHERE issue_type = {unknown} GROUP BY grid_code, feature_id))",
    )


def _city_total(output: Path) -> None:
    """One 合计 row for the whole city in place of each county's."""
    if not _has_layer(output, UNITS):
        return
    columns = [f.name for f in fields(quota.UnitQuota)]
    rows = _sql(output, f"SELECT {', '.join(columns)} FROM {UNITS} WHERE unit_code <> {_quoted(quota.TOTAL_CODE)}")
    units = [quota.UnitQuota(*row) for row in rows]
    _sql(output, f"DELETE FROM {UNITS} WHERE unit_code = {_quoted(quota.TOTAL_CODE)}")
    total = quota.total_quota(units, units[0].area_method if units else "")
    dataset = gdal.OpenEx(str(output), gdal.OF_VECTOR | gdal.OF_UPDATE)
    layer = dataset.GetLayerByName(UNITS)
    feature = ogr.Feature(layer.GetLayerDefn())
    for key, value in zip(columns, total.row()):
        if value is not None:
            feature.SetField(key, value)
    layer.CreateFeature(feature)


def _dedupe_changes(output: Path) -> None:
    """A patch near a county's edge is seen by the counties whose box it meets (county_inputs): it is kept where it lies
    (its county's row), a patch in no county once; and it gets the persons of its group (or village) from the merged grid."""
    _sql(
        output,
        f"DELETE FROM {CHANGES} WHERE county_code IS NULL AND (patch_id IN (SELECT patch_id FROM {CHANGES} WHERE "
        f"county_code IS NOT NULL) OR fid NOT IN (SELECT min(fid) FROM {CHANGES} WHERE county_code IS NULL GROUP BY patch_id))",
    )
    for column in ("persons", "phones"):
        _sql(
            output,
            f"UPDATE {CHANGES} SET {column} = (SELECT c.{column} FROM {GRID_CELLS} c WHERE c.grid_code = "
            f"coalesce({CHANGES}.group_code, {CHANGES}.village_code)) WHERE {column} IS NULL",
        )


def write_runs(output: Path, runs: Sequence[CountyRun]) -> None:
    """The county_runs table: every county, merged or failed and why, and the steps this run redid."""
    if not output.exists():
        gdal.GetDriverByName("GPKG").Create(str(output), 0, 0, 0, gdal.GDT_Unknown)
    dataset = gdal.OpenEx(str(output), gdal.OF_VECTOR | gdal.OF_UPDATE)
    if dataset.GetLayerByName(COUNTY_RUNS) is not None:
        dataset.DeleteLayer(COUNTY_RUNS)
    layer = dataset.CreateLayer(COUNTY_RUNS, None, ogr.wkbNone)
    for name, kind in RUN_FIELDS:
        layer.CreateField(ogr.FieldDefn(name, kind))
    for run in runs:
        feature = ogr.Feature(layer.GetLayerDefn())
        values = (run.county.label, ",".join(run.codes), run.status, ",".join(run.steps_run), round(run.seconds, 1), run.message)
        for (name, _), value in zip(RUN_FIELDS, values):
            feature.SetField(name, value)
        layer.CreateFeature(feature)
