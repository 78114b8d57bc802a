"""Writing the field packages (下发到手机): per patroller a folder with the GeoPackage, the QGIS project, the clipped
basemap and the manifest, optionally zipped."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import List, Optional

import numpy as np
from osgeo import gdal
from qgis.core import QgsCoordinateReferenceSystem

from ..domain import field_package as rules
from ..domain.messages import Canceled
from . import field_package_data as data
from .field_package_files import write_manifest, zip_package
from .field_package_gpkg import case_row, write_package_data
from .field_package_project import ProjectTemplate

BASEMAP_MARGIN_M = 200.0


@dataclass(frozen=True)
class ExportSettings:
    folder: Path
    crs: QgsCoordinateReferenceSystem
    level: int
    basemap: Optional[str]  # a raster GDAL opens (GeoTIFF, MBTiles), cut to each package
    zip: bool
    workspace: str  # identity
    schema_version: int
    created_at: datetime


@dataclass(frozen=True)
class Written:
    package_id: str
    person: str
    folder: Path
    cells: int
    parcels: int
    cases: int
    bytes: int
    zip_path: Optional[Path]


def export_packages(settings: ExportSettings, packages: List[data.Package], grid, parcels, periods, feedback) -> List[Written]:
    """Write every package into its folder under ``settings.folder``; what was written, package by package."""
    wkt = settings.crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED)
    template = ProjectTemplate(settings.crs)
    written = []
    for n, package in enumerate(packages):
        if feedback.isCanceled():
            raise Canceled()
        feedback.setProgress(50 + 50 * n / max(len(packages), 1))
        folder = settings.folder / package.package_id
        (folder / rules.PHOTO_FOLDER).mkdir(parents=True, exist_ok=True)
        write_package_data(folder / rules.DATA, wkt, _layers(package, grid, parcels, periods))
        basemap = _clip_basemap(settings, package, folder) if settings.basemap else None
        codes = grid.codes[package.cells].tolist()
        title = f"{package.package_id} 巡田与举证"
        template.write(folder, title, package.person, codes, package.extent, basemap)
        manifest = rules.Manifest(
            package_id=package.package_id,
            person=package.person,
            cells=tuple(codes),
            cases=tuple(record.case_id for record, _, _ in package.cases),
            workspace=settings.workspace,
            schema_version=settings.schema_version,
            created_at=settings.created_at,
            level=settings.level,
        )
        write_manifest(folder, manifest)
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
        written.append(
            Written(
                package.package_id,
                package.person,
                folder,
                len(codes),
                len(package.parcels),
                len(package.cases),
                size,
                zip_package(folder) if settings.zip else None,
            )
        )
    return written


def _layers(package: data.Package, grid: data.Grid, parcels: data.Parcels, periods: data.Periods) -> dict:
    cells = []
    for k in package.cells:
        code = grid.codes[k]
        frequency, start, end, status, label = periods.by_code.get(code, (None,) * 5)
        level = int(grid.levels[k]) if np.isfinite(grid.levels[k]) else data.LEVEL_GROUP
        cells.append(
            {
                "grid_code": code,
                "unit_name": grid.names[k],
                "person": package.person,
                "phone": package.phone or None,
                "farmland_mu": _number(grid.farmland_mu[k]),
                "frequency": frequency or data.default_frequency(level),
                "period_start": start.isoformat() if start else None,
                "period_end": end.isoformat() if end else None,
                "status": status,
                "status_label": label,
            }
        )
    rows = package.parcels
    parcel_rows = [
        {
            "space_code": parcels.columns["space_code"][r],
            "dlbm": parcels.columns["DLBM"][r],
            "dlmc": parcels.columns["DLMC"][r],
            "area_mu": _number(parcels.area_mu[r]),
            "grid_code": code,
        }
        for r, code in zip(rows.tolist(), package.parcel_cells.tolist())
    ]
    neighbours = [
        {"grid_code": grid.codes[k], "unit_name": grid.names[k], "person": grid.persons[k]} for k in package.neighbours.tolist()
    ]
    case_rows = [case_row(record, note) for record, _, note in package.cases]
    return {
        rules.CELLS: (grid.geoms[package.cells], cells),
        rules.PARCELS: (parcels.geoms[rows], parcel_rows),
        rules.PBF: (package.pbf, [{}] * len(package.pbf)),
        rules.NEIGHBOURS: (grid.geoms[package.neighbours], neighbours),
        rules.CASES: ([geom for _, geom, _ in package.cases], case_rows),
    }


def _number(value):
    return None if value is None or not np.isfinite(value) else float(value)


def _clip_basemap(settings: ExportSettings, package: data.Package, folder: Path) -> str:
    """The basemap cut to the package's cells (and a margin), in the package CRS, as a tiled GeoTIFF."""
    xmin, ymin, xmax, ymax = package.extent
    m = BASEMAP_MARGIN_M
    options = gdal.WarpOptions(
        format="GTiff",
        outputBounds=(xmin - m, ymin - m, xmax + m, ymax + m),
        dstSRS=settings.crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED),
        creationOptions=["COMPRESS=DEFLATE", "TILED=YES"],
    )
    target = folder / rules.BASEMAP
    if target.is_symlink():
        target.unlink()
    if gdal.Warp(str(target), settings.basemap, options=options) is None:
        raise RuntimeError(gdal.GetLastErrorMsg() or f"cannot cut {settings.basemap}")
    return rules.BASEMAP
