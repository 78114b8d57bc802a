"""Writing the field packages (下发到手机): per patroller a folder with the GeoPackage, the QGIS project, the clipped
basemap and the manifest, optionally zipped."""

from concurrent.futures import ThreadPoolExecutor
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
from .field_package_gpkg import PackageGeoPackage, case_row, columns_of
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
    """Write every package into its folder under ``settings.folder``; what was written, package by package.

    A second thread finishes each package (checksums, manifest, zip) while the next one is written: hashing and
    compressing release the GIL, and they were a sixth of the export's time (500,000-parcel county)."""
    wkt = settings.crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED)
    template = ProjectTemplate(settings.crs)
    geopackage = PackageGeoPackage(wkt)
    finishing = []
    finisher = ThreadPoolExecutor(max_workers=1)
    try:
        for n, package in enumerate(packages):
            if feedback.isCanceled():
                raise Canceled()
            feedback.setProgress(50 + 50 * n / max(len(packages), 1))
            folder = settings.folder / package.package_id
            (folder / rules.PHOTO_FOLDER).mkdir(parents=True, exist_ok=True)
            geopackage.write(folder / rules.DATA, _layers(package, grid, parcels, periods))
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
            finishing.append((package, folder, finisher.submit(_finish, folder, manifest, settings.zip)))
        return [
            Written(
                package.package_id,
                package.person,
                folder,
                len(package.cells),
                len(package.parcels),
                len(package.cases),
                *done.result(),
            )
            for package, folder, done in finishing
        ]
    finally:
        finisher.shutdown(wait=True, cancel_futures=True)


def _finish(folder: Path, manifest: rules.Manifest, zip: bool) -> tuple:
    """The manifest with the checksums of the package's files, then the zip: (bytes of the folder, zip path)."""
    write_manifest(folder, manifest)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return size, zip_package(folder) if zip else None


def _layers(package: data.Package, grid: data.Grid, parcels: data.Parcels, periods: data.Periods) -> dict:
    """Each layer's geometries and {field: values}, as ``PackageGeoPackage.write`` takes them."""
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
    parcel_columns = {
        "space_code": parcels.columns["space_code"][rows],
        "dlbm": parcels.columns["DLBM"][rows],
        "dlmc": parcels.columns["DLMC"][rows],
        "area_mu": np.where(np.isfinite(parcels.area_mu[rows]), parcels.area_mu[rows], None),
        "grid_code": package.parcel_cells,
    }
    neighbours = [
        {"grid_code": grid.codes[k], "unit_name": grid.names[k], "person": grid.persons[k]} for k in package.neighbours.tolist()
    ]
    case_rows = [case_row(record, note) for record, _, note in package.cases]
    return {
        rules.CELLS: (grid.geoms[package.cells], columns_of(cells, rules.CELLS)),
        rules.PARCELS: (parcels.geoms[rows], parcel_columns),
        rules.PBF: (package.pbf, {}),
        rules.NEIGHBOURS: (grid.geoms[package.neighbours], columns_of(neighbours, rules.NEIGHBOURS)),
        rules.CASES: ([geom for _, geom, _ in package.cases], columns_of(case_rows, rules.CASES)),
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
