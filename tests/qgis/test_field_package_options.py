"""farmlandgrid:exportfieldpackage options: BASEMAP clipped per package, LEVEL village, PERIODS shown in the cells,
and the map view the package opens at (the project's canvas and default view at the package's cells)."""

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from osgeo import gdal, osr
from qgis.core import QgsRasterLayer

from farmland_grid_plugin.domain.patrol import DEFAULT_FREQUENCIES

from .helpers import open_layer, run_algorithm
from .test_field_package import issued_with_grid, manifests, open_project
from .test_issue_cases import changes  # noqa: F401  (the fixture)

PIXEL_M = 10.0
MARGIN_M = 200.0  # the basemap margin around a package's cells (field_package_export.BASEMAP_MARGIN_M)


@pytest.fixture
def county_grid(provider, county, changes, tmp_path):  # noqa: F811
    workspace, grid = issued_with_grid(county, changes, tmp_path)
    return SimpleNamespace(county=county, workspace=workspace, grid=grid, tmp=tmp_path)


def export(setup, name, **extra):
    folder = setup.tmp / name
    run_algorithm(
        "farmlandgrid:exportfieldpackage",
        {
            "GRID": setup.grid,
            "PARCELS": setup.county.uri(setup.county.parcels_layer),
            "WORKSPACE": str(setup.workspace),
            "FOLDER": str(folder),
            **extra,
        },
    )
    return folder


def cells_of(package):
    layer = open_layer(f"{package / 'data.gpkg'}|layername=cells")
    return {f["grid_code"]: f for f in layer.getFeatures()}


def cells_extent(package):
    layer = open_layer(f"{package / 'data.gpkg'}|layername=cells")
    e = layer.extent()
    return e.xMinimum(), e.yMinimum(), e.xMaximum(), e.yMaximum()


def parcel_count(folder):
    return sum(open_layer(f"{p.parent / 'data.gpkg'}|layername=parcels").featureCount() for p in folder.glob("*/manifest.json"))


def write_basemap(path, grid):
    """A GeoTIFF over the whole county (EPSG:4527, 10 m pixels) whose value is its column number modulo 251."""
    e = open_layer(grid).extent()
    x0, y0 = np.floor(e.xMinimum() / PIXEL_M) * PIXEL_M - 500, np.ceil(e.yMaximum() / PIXEL_M) * PIXEL_M + 500
    width, height = int((e.xMaximum() + 500 - x0) / PIXEL_M) + 1, int((y0 - e.yMinimum() + 500) / PIXEL_M) + 1
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), width, height, 1, gdal.GDT_Byte)
    dataset.SetGeoTransform((x0, PIXEL_M, 0, y0, 0, -PIXEL_M))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4527)
    dataset.SetProjection(srs.ExportToWkt())
    dataset.GetRasterBand(1).WriteArray(np.tile(np.arange(width) % 251, (height, 1)).astype(np.uint8))
    dataset = None
    return (x0, y0 - height * PIXEL_M, x0 + width * PIXEL_M, y0), (width, height)


def raster_bounds(path):
    dataset = gdal.Open(str(path))
    x0, dx, _, y0, _, dy = dataset.GetGeoTransform()
    return (x0, y0 + dy * dataset.RasterYSize, x0 + dx * dataset.RasterXSize, y0), dataset


def test_basemap_is_clipped_to_each_package_and_referenced_relatively(county_grid):
    source = county_grid.tmp / "county_basemap.tif"
    county_bounds, county_size = write_basemap(source, county_grid.grid)
    folder = export(county_grid, "with_basemap", BASEMAP=str(source), CODE_PREFIX="130123001")  # one township
    found = manifests(folder)
    assert len(found) > 1
    for manifest in found:
        package = folder / manifest["package_id"]
        assert "basemap.tif" in manifest["files"] and len(manifest["files"]["basemap.tif"]) == 64
        (xmin, ymin, xmax, ymax), dataset = raster_bounds(package / "basemap.tif")
        cxmin, cymin, cxmax, cymax = cells_extent(package)
        # The package's cells and the margin, not the county: covering the cells, no more than margin + a pixel beyond.
        assert xmin <= cxmin and ymin <= cymin and xmax >= cxmax and ymax >= cymax
        slack = MARGIN_M + PIXEL_M
        assert xmin >= cxmin - slack and ymin >= cymin - slack and xmax <= cxmax + slack and ymax <= cymax + slack
        assert dataset.RasterXSize < county_size[0] and dataset.RasterYSize < county_size[1]
        srs = osr.SpatialReference(wkt=dataset.GetProjection())
        srs.AutoIdentifyEPSG()
        assert srs.GetAuthorityCode(None) == "4527"
        # The clipped pixels are the source's: the value is the source column number (mod 251).
        centre = xmin + dataset.GetGeoTransform()[1] / 2
        column = int(np.floor((centre - county_bounds[0]) / PIXEL_M))
        assert int(dataset.GetRasterBand(1).ReadAsArray(0, 0, 1, 1)[0, 0]) == column % 251
        dataset = None
        text = (package / "project.qgs").read_text(encoding="utf-8")
        assert re.search(r"<datasource>\./basemap\.tif</datasource>", text)
        assert str(package) not in text and str(county_grid.tmp) not in text
    # Moved as to a phone: the raster layer opens from its new folder.
    moved = shutil.copytree(folder / found[0]["package_id"], county_grid.tmp / "phone" / found[0]["package_id"])
    project, _ = open_project(moved)
    rasters = [layer for layer in project.mapLayers().values() if isinstance(layer, QgsRasterLayer)]
    assert len(rasters) == 1 and rasters[0].isValid() and rasters[0].name() == "影像底图"
    assert Path(rasters[0].source()) == moved / "basemap.tif"


def test_village_level_packages(county_grid):
    folder = export(county_grid, "villages", LEVEL=1)
    grid = open_layer(county_grid.grid)
    level_of = {f["grid_code"]: f["level"] for f in grid.getFeatures()}
    villages = {code for code, level in level_of.items() if level == 5}
    found = manifests(folder)
    packaged = [c for m in found for c in m["cells"]]
    assert len(packaged) == len(set(packaged)) and set(packaged) <= villages and len(found) > 1
    assert all(m["level"] == 5 for m in found)
    for manifest in found:
        package = folder / manifest["package_id"]
        cells = cells_of(package)
        assert set(cells) == set(manifest["cells"])
        assert {f["frequency"] for f in cells.values()} == {DEFAULT_FREQUENCIES[5]}
        parcels = open_layer(f"{package / 'data.gpkg'}|layername=parcels")
        assert parcels.featureCount() > 0 and {f["grid_code"] for f in parcels.getFeatures()} <= set(cells)
        # The neighbours are other villages, never the package's own nor groups.
        neighbours = open_layer(f"{package / 'data.gpkg'}|layername=neighbours")
        codes = {f["grid_code"] for f in neighbours.getFeatures()}
        assert codes and codes <= villages - set(cells)
    # Every village parcel goes to one package: the group-level export holds the same parcels in all.
    by_group = export(county_grid, "groups")
    assert parcel_count(folder) == parcel_count(by_group)


def test_periods_show_the_frequency_and_status_of_the_current_period(county_grid):
    county = county_grid.county
    periods = run_algorithm(
        "farmlandgrid:patrolcoverage",
        {
            "TRACK_FOLDER": str(county.gpx_dir),
            "GRID": county_grid.grid,
            "PARCELS": county.uri(county.parcels_layer),
            "START": "2026-01-05",
            "END": "2026-01-11",  # the week the sample's GPX tracks are in
            "OUTPUT_PERIODS": str(county_grid.tmp / "periods.gpkg"),
            "OUTPUT_CELLS": "memory:",
            "OUTPUT_PARCELS": "memory:",
        },
    )["OUTPUT_PERIODS"]
    latest = {}  # today is after END: each cell shows its latest period
    for f in open_layer(periods).getFeatures():
        start = f["period_start"].toPyDate() if hasattr(f["period_start"], "toPyDate") else f["period_start"]
        if f["grid_code"] not in latest or start > latest[f["grid_code"]][0]:
            latest[f["grid_code"]] = (start, f["period_end"], f["frequency"], f["status"], f["status_label"])
    folder = export(county_grid, "with_periods", PERIODS=periods)
    statuses = set()
    for manifest in manifests(folder):
        for code, cell in cells_of(folder / manifest["package_id"]).items():
            start, end, frequency, status, label = latest[code]
            assert (cell["frequency"], cell["status"], cell["status_label"]) == (frequency, status, label), code
            assert cell["period_start"].toPyDate() == start
            statuses.add(status)
    assert {"completed", "overdue"} <= statuses  # the tracked township's cells against the others


def test_package_opens_at_its_cells(county_grid):
    folder = export(county_grid, "view")
    for manifest in manifests(folder)[:3]:
        package = folder / manifest["package_id"]
        xmin, ymin, xmax, ymax = cells_extent(package)
        project, _ = open_project(package)
        view = project.viewSettings().defaultViewExtent()
        assert view.crs().authid() == "EPSG:4527"
        pad = max(xmax - xmin, ymax - ymin) * 0.05 + 20.0
        assert (view.xMinimum(), view.yMinimum(), view.xMaximum(), view.yMaximum()) == pytest.approx(
            (xmin - pad, ymin - pad, xmax + pad, ymax + pad), abs=0.01
        )
        # The saved canvas QField (and QGIS) open the project at: the same extent, the package CRS.
        text = (package / "project.qgs").read_text(encoding="utf-8")
        canvas = re.search(r'<mapcanvas [^>]*name="theMapCanvas"[^>]*>(.*?)</mapcanvas>', text, re.S).group(1)
        corners = [float(re.search(f"<{k}>(.*?)</{k}>", canvas).group(1)) for k in ("xmin", "ymin", "xmax", "ymax")]
        assert corners == pytest.approx([xmin - pad, ymin - pad, xmax + pad, ymax + pad], abs=0.01)
        assert "<authid>EPSG:4527</authid>" in canvas and "<units>meters</units>" in canvas
