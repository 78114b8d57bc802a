"""The package GeoPackage written with sqlite3 into a template OGR made: valid as GDAL's validator sees it, feature
counts, extents and R-tree right, spatial filters working, rows equal to the source parcels, and the triggers back
so that edits made on the phone keep the index current."""

import sqlite3
from contextlib import closing

import numpy as np
import pytest
import shapely
from osgeo import ogr
from osgeo_utils.samples import validate_gpkg
from qgis.core import QgsFeature, QgsFeatureRequest, QgsGeometry, QgsPointXY, QgsRectangle, QgsVectorLayer

from .test_field_package import county_parcels, exported, manifests, open_project  # noqa: F401  (the fixture)
from .test_issue_cases import changes  # noqa: F401  (the fixture)

SPATIAL = ("cells", "parcels", "pbf", "neighbours", "cases", "evidence", "tracks")


def ogr_rows(path, name):
    """(fid, shapely geometry, attributes) of every feature of a layer, read by OGR."""
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayerByName(name)
    rows = []
    for feature in layer:
        geometry = feature.GetGeometryRef()
        rows.append((feature.GetFID(), shapely.from_wkb(bytes(geometry.ExportToWkb())) if geometry else None, feature.items()))
    return rows


def test_every_package_geopackage_is_valid_and_indexed(exported):  # noqa: F811
    _, folder, count, _ = exported
    totals = dict.fromkeys(SPATIAL, 0)
    for manifest in manifests(folder):
        path = folder / manifest["package_id"] / "data.gpkg"
        validate_gpkg.check(str(path), abort_at_first_error=True, warning_as_error=True)
        dataset = ogr.Open(str(path))
        with closing(sqlite3.connect(path)) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            for name in SPATIAL:
                layer = dataset.GetLayerByName(name)
                rows = ogr_rows(path, name)
                stored = db.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = ?", (name,)).fetchone()
                indexed = db.execute(f"SELECT count(*) FROM rtree_{name}_geom").fetchone()[0]
                assert layer.GetFeatureCount() == len(rows) == stored[0] == indexed
                totals[name] += len(rows)
                extent = db.execute(
                    "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?", (name,)
                ).fetchone()
                if rows:
                    bounds = shapely.bounds(shapely.GeometryCollection([g for _, g, _ in rows]))
                    assert extent == pytest.approx(tuple(bounds), abs=1e-6)
                else:
                    assert extent == (None, None, None, None)
            # The R-tree and feature count triggers of every layer, as OGR made them: the phone's edits keep both current.
            triggers = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
            for name in SPATIAL:
                assert {
                    f"rtree_{name}_geom_insert",
                    f"rtree_{name}_geom_delete",
                    f"trigger_insert_feature_count_{name}",
                } <= triggers
        assert manifest["cells"] and len(manifest["cells"]) == dataset.GetLayerByName("cells").GetFeatureCount()
    assert count == len(manifests(folder)) and totals["parcels"] > 1000 and totals["pbf"] > 0 and totals["cases"] > 0


def test_parcels_are_the_source_parcels_and_spatial_filters_work(exported):  # noqa: F811
    _, folder, _, grid = exported
    # The county's parcels have no space code yet: each package parcel is found by its geometry, unchanged.
    source = {multi_wkb(g): items for _, g, items in source_parcels(county_parcels(grid))}
    manifest, path = max(
        ((m, folder / m["package_id"] / "data.gpkg") for m in manifests(folder)),
        key=lambda item: feature_count(item[1], "parcels"),
    )
    rows = ogr_rows(path, "parcels")
    assert len(rows) > 50
    for _, geometry, items in rows:
        attributes = source[multi_wkb(geometry)]
        assert items["dlbm"] == attributes["DLBM"] and items["dlmc"] == attributes["DLMC"]
        assert items["grid_code"] in manifest["cells"] and attributes["ZLDWDM"].startswith(items["grid_code"])
        assert items["area_mu"] == pytest.approx(round(attributes["TBDLMJ"] * 15 / 10000, 2))
    # A spatial filter (the R-tree, then the geometries) gives exactly the parcels touching the rectangle.
    geoms = np.array([g for _, g, _ in rows], dtype=object)
    xmin, ymin, xmax, ymax = shapely.bounds(shapely.GeometryCollection(list(geoms)))
    box = (xmin, ymin, (xmin + xmax) / 2, (ymin + ymax) / 2)
    expected = {fid for (fid, _, _), hit in zip(rows, shapely.intersects(geoms, shapely.box(*box))) if hit}
    layer = QgsVectorLayer(f"{path}|layername=parcels", "parcels", "ogr")
    found = {
        f.id()
        for f in layer.getFeatures(
            QgsFeatureRequest().setFilterRect(QgsRectangle(*box)).setFlags(QgsFeatureRequest.ExactIntersect)
        )
    }
    assert 0 < len(found) == len(expected) < len(rows) and found == expected


def feature_count(path, name):
    dataset = ogr.Open(str(path))  # referenced while its layer is used
    return dataset.GetLayerByName(name).GetFeatureCount()


def multi_wkb(geometry):
    return shapely.to_wkb(shapely.multipolygons([geometry]) if geometry.geom_type == "Polygon" else geometry)


def source_parcels(uri):
    path, name = uri.split("|layername=")
    return ogr_rows(path, name)


def test_a_point_added_on_the_phone_is_indexed(exported):  # noqa: F811
    _, folder, _, _ = exported
    path = folder / manifests(folder)[0]["package_id"] / "data.gpkg"
    layer = QgsVectorLayer(f"{path}|layername=evidence", "evidence", "ogr")
    cells = QgsVectorLayer(f"{path}|layername=cells", "cells", "ogr")
    centre = cells.extent().center()
    feature = QgsFeature(layer.fields())
    feature["uuid"] = "0f0e0d0c-0b0a-0908-0706-050403020100"
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(centre.x(), centre.y())))
    assert layer.dataProvider().addFeatures([feature])[0]
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'evidence'").fetchone() == (1,)
        minx, maxx, miny, maxy = db.execute("SELECT minx, maxx, miny, maxy FROM rtree_evidence_geom").fetchone()
    assert minx <= centre.x() <= maxx and miny <= centre.y() <= maxy
    reopened = QgsVectorLayer(f"{path}|layername=evidence", "evidence", "ogr")
    near = QgsRectangle(centre.x() - 1, centre.y() - 1, centre.x() + 1, centre.y() + 1)
    assert [f["uuid"] for f in reopened.getFeatures(QgsFeatureRequest().setFilterRect(near))] == [feature["uuid"]]


def test_the_project_styles_draw_the_new_layers(exported):  # noqa: F811
    _, folder, _, _ = exported
    manifest = next(m for m in manifests(folder) if m["cases"])
    project, layers = open_project(folder / manifest["package_id"])
    cells, parcels, cases = layers["cells"], layers["parcels"], layers["cases"]
    assert all(layer.isValid() for layer in layers.values())
    assert cells.renderer().symbol().symbolLayer(0).strokeColor().name() == "#e66100"
    assert cases.renderer().symbol().color().red() == 220 and cases.labelsEnabled() and parcels.labelsEnabled()
    assert cells.featureCount() == len(manifest["cells"]) and cases.featureCount() == len(manifest["cases"])
    boxes = [f.geometry().boundingBox() for f in parcels.getFeatures()]
    extent = parcels.extent()  # GDAL reads gpkg_contents as text of 15 digits: equal to 1e-6 m
    assert (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()) == pytest.approx(
        (
            min(b.xMinimum() for b in boxes),
            min(b.yMinimum() for b in boxes),
            max(b.xMaximum() for b in boxes),
            max(b.yMaximum() for b in boxes),
        ),
        abs=1e-6,
    )
