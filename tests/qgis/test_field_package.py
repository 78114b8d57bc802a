"""farmlandgrid:exportfieldpackage / importfieldpackage: packages opened from another folder as a phone would,
evidence, photos and a track added through QGIS as QField adds them, and the round trip into the workspace."""

import json
import shutil
import zipfile
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pyproj
import pytest
from qgis.core import (
    QgsAttributeEditorElement,
    QgsExpressionContext,
    QgsExpressionContextScope,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRelation,
    QgsVectorLayerUtils,
)

from farmland_grid_plugin.domain import cases as case_rules
from farmland_grid_plugin.store import open_workspace
from sample_county.fieldday import field_day

from .helpers import open_layer, run_algorithm
from .test_issue_cases import changes, issue  # noqa: F401  (the fixture, issued into a workspace)

PATROL_START = datetime(2025, 5, 8, 1, 30, tzinfo=timezone.utc)


_parcels = {}


def county_parcels(grid):
    return _parcels[grid]


def issued_with_grid(county, changes, tmp_path):  # noqa: F811 - the issued changes fixture, passed on
    """A workspace with the county's cases issued, and the county's grid (with the roster's persons)."""
    workspace = tmp_path / "workspace.gpkg"
    issue(changes, workspace)
    grid = run_algorithm(
        "farmlandgrid:delineategrid",
        {
            "INPUT": county.uri(county.parcels_layer),
            "ROSTER": str(county.roster_csv),
            "OUTPUT": str(tmp_path / "grid.gpkg"),
            "OUTPUT_ISSUES": "memory:",
        },
    )["OUTPUT"]
    return workspace, grid


@pytest.fixture
def exported(provider, county, changes, tmp_path):  # noqa: F811
    workspace, grid = issued_with_grid(county, changes, tmp_path)
    result = run_algorithm(
        "farmlandgrid:exportfieldpackage",
        {
            "GRID": grid,
            "PARCELS": county.uri(county.parcels_layer),
            "PBF": county.uri(county.pbf_layer),
            "WORKSPACE": str(workspace),
            "FOLDER": str(tmp_path / "packages"),
            "ZIP": True,
        },
    )
    _parcels[grid] = county.uri(county.parcels_layer)
    return workspace, Path(result["FOLDER"]), result["PACKAGES"], grid


def manifests(folder):
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*/manifest.json"))]


def test_one_package_per_patroller(exported):
    workspace, folder, count, grid = exported
    found = manifests(folder)
    assert count == len(found) > 0
    persons = [m["person"] for m in found]
    assert len(set(persons)) == len(persons)
    with open_workspace(str(workspace), create=False) as ws:
        open_cases = {c.case_id for c in ws.cases.cases(status=("issued", "collecting", "returned"))}
        identity = ws.identity
    packaged = [c for m in found for c in m["cases"]]
    assert len(packaged) == len(set(packaged)) and set(packaged) <= open_cases and packaged
    for manifest in found:
        assert manifest["workspace"] == identity and manifest["schema_version"] == 4
        package = folder / manifest["package_id"]
        for name, digest in manifest["files"].items():
            assert (package / name).is_file(), name
            assert len(digest) == 64
        assert (folder / f"{manifest['package_id']}.zip").is_file()
        cells = open_layer(f"{package / 'data.gpkg'}|layername=cells")
        assert {f["grid_code"] for f in cells.getFeatures()} == set(manifest["cells"])
        assert package.stat().st_size >= 0


def unzip_elsewhere(folder, package_id, target):
    with zipfile.ZipFile(folder / f"{package_id}.zip") as archive:
        archive.extractall(target)
    return target / package_id


def open_project(package):
    project = QgsProject()
    assert project.read(str(package / "project.qgs"))
    return project, {layer.source().split("layername=")[-1]: layer for layer in project.mapLayers().values()}


def test_moved_project_opens_with_qfield_widgets(exported, tmp_path):
    _, folder, _, _ = exported
    manifest = next(m for m in manifests(folder) if m["cases"])
    package = unzip_elsewhere(folder, manifest["package_id"], tmp_path / "phone")
    project, layers = open_project(package)
    assert project.crs().authid() == "EPSG:4527"
    assert set(layers) == {"cells", "parcels", "pbf", "neighbours", "cases", "evidence", "evidence_photos", "tracks"}
    for layer in layers.values():
        assert layer.isValid() and str(package) in layer.source()
    evidence, photos, cases = layers["evidence"], layers["evidence_photos"], layers["cases"]
    assert evidence.name() == "举证点" and cases.name() == "待核查案件"
    relation = project.relationManager().relation("evidence_photos")
    assert relation.isValid() and relation.strength() == QgsRelation.Composition
    assert evidence.editorWidgetSetup(evidence.fields().indexOf("case_id")).type() == "ValueRelation"
    assert evidence.editorWidgetSetup(evidence.fields().indexOf("case_id")).config()["Layer"] == cases.id()
    assert evidence.editorWidgetSetup(evidence.fields().indexOf("case_id")).config()["LayerSource"].startswith("./data.gpkg")
    # The evidence form's photo list: a relation editor bound to the composition relation. QGIS 3.22 binds form
    # relations in QgsProject.instance() only, the project QGIS desktop and QField open: read it there.
    instance = QgsProject.instance()
    assert instance.read(str(package / "project.qgs"))
    opened = next(layer for layer in instance.mapLayers().values() if layer.name() == "举证点")
    children = opened.editFormConfig().tabs()[0].children()
    editors = [e for e in children if e.type() == QgsAttributeEditorElement.AeTypeRelation]
    found = [(e.relation().id(), e.relation().isValid(), e.relationWidgetTypeId()) for e in editors]
    instance.clear()
    assert found == [("evidence_photos", True, "relation_editor")]
    assert str(folder) not in (package / "project.qgs").read_text(encoding="utf-8")  # nothing names the export folder
    attachment = photos.editorWidgetSetup(photos.fields().indexOf("path"))
    assert attachment.type() == "ExternalResource" and attachment.config()["RelativeStorage"] == 1
    assert "DCIM/" in json.loads(photos.customProperty("QFieldSync/attachment_naming"))["path"]
    assert cases.editFormConfig().readOnly(cases.fields().indexOf("case_id"))
    assert not cases.editFormConfig().readOnly(cases.fields().indexOf("done"))
    # The defaults QField evaluates, with its position variables set as the phone sets them.
    context = QgsExpressionContext()
    context.appendScopes(
        [
            project.createExpressionContextScope()
            if hasattr(project, "createExpressionContextScope")
            else QgsExpressionContextScope()
        ]
    )
    scope = QgsExpressionContextScope()
    scope.setVariable("position_coordinate", QgsGeometry.fromPointXY(QgsPointXY(117.2, 38.3)))
    scope.setVariable("position_horizontal_accuracy", 3.5)
    scope.setVariable("position_orientation", 125.0)
    context.appendScope(scope)
    feature = QgsVectorLayerUtils.createFeature(evidence, QgsGeometry.fromPointXY(QgsPointXY(39500000, 4240000)), {}, context)
    assert len(feature["uuid"]) == 36
    assert feature["lon"] == pytest.approx(117.2) and feature["accuracy_m"] == 3.5 and feature["direction_deg"] == 125.0
    assert feature["taken_at"].isValid()


def test_round_trip_into_the_workspace(exported, tmp_path):
    workspace, folder, _, _ = exported
    manifest = next(m for m in manifests(folder) if m["cases"])
    package = unzip_elsewhere(folder, manifest["package_id"], tmp_path / "phone")
    case_id = manifest["cases"][0]
    field_day(package, case_id, start=PATROL_START, mistakes=True)
    shutil.make_archive(str(tmp_path / "returned"), "zip", tmp_path / "phone")

    def run_import(path):
        return run_algorithm(
            "farmlandgrid:importfieldpackage",
            {
                "PACKAGE": [str(path)],
                "WORKSPACE": str(workspace),
                "ACTOR": "县局 王五",
                "OUTPUT_EVIDENCE": "memory:",
                "OUTPUT_TRACKS": "memory:",
                "OUTPUT_REJECTED": "memory:",
            },
        )

    result = run_import(tmp_path / "returned.zip")
    assert result["IMPORTED"] == 2 and result["REPORTED"] == 1
    reasons = Counter(f["reason"] for f in result["OUTPUT_REJECTED"].getFeatures())
    assert reasons == {"case_not_assigned": 1, "missing_file": 1, "unreferenced_file": 1}
    with open_workspace(str(workspace), create=False) as ws:
        case = ws.cases.case(case_id)
        events = ws.cases.events(case_id)
        evidence = ws.cases.evidence(case_id)
    assert case.status == case_rules.REPORTED and case.verdict == "illegal"
    assert events[-1].action == "report" and events[-1].actor == manifest["person"]
    assert len(evidence) == 2 and all(
        Path(e.path).parent == workspace.with_name(f"{workspace.stem}_evidence") / case_id for e in evidence
    )
    assert all(Path(e.path).is_file() and e.added_by == manifest["person"] and e.sha256 for e in evidence)
    assert {round(e.direction_deg) for e in evidence} == {80, 200}
    points = list(result["OUTPUT_TRACKS"].getFeatures())
    assert len(points) == 10 and points[0]["time"] == "2025-05-08T01:30:00Z" and points[-1]["time"] == "2025-05-08T01:37:30Z"
    assert points[0]["patroller"] == manifest["person"]

    assert same_statuses_as_gpx(result["OUTPUT_TRACKS"], exported[3], tmp_path)

    again = run_import(package)  # the folder this time: the same package
    assert again["IMPORTED"] == 0 and again["REPORTED"] == 0
    assert Counter(f["reason"] for f in again["OUTPUT_REJECTED"].getFeatures())["already_imported"] == 3
    with open_workspace(str(workspace), create=False) as ws:
        assert len(ws.cases.events(case_id)) == len(events) and len(ws.cases.evidence(case_id)) == 2


def test_package_of_another_workspace_is_refused(exported, tmp_path, changes):  # noqa: F811
    _, folder, _, _ = exported
    other = tmp_path / "other.gpkg"
    issue(changes, other)
    manifest = manifests(folder)[0]
    result = run_algorithm(
        "farmlandgrid:importfieldpackage",
        {
            "PACKAGE": [str(folder / manifest["package_id"])],
            "WORKSPACE": str(other),
            "ACTOR": "县局 王五",
            "OUTPUT_EVIDENCE": "memory:",
            "OUTPUT_TRACKS": "memory:",
            "OUTPUT_REJECTED": "memory:",
        },
    )
    rejected = list(result["OUTPUT_REJECTED"].getFeatures())
    assert [f["reason"] for f in rejected] == ["package_refused"] and "another workspace" in rejected[0]["message"]


def same_statuses_as_gpx(tracks, grid, tmp_path):
    """patrolcoverage on the imported tracks and on the same routes written as GPX gives the same periods."""
    to_lonlat = pyproj.Transformer.from_crs(tracks.crs().authid(), "EPSG:4326", always_xy=True)
    by_track = {}
    for feature in tracks.getFeatures():
        point = feature.geometry().asPoint()
        by_track.setdefault(feature["track_id"], []).append(
            (feature["vertex"], *to_lonlat.transform(point.x(), point.y()), feature["time"], feature["patroller"])
        )
    gpx = tmp_path / "gpx"
    gpx.mkdir()
    for n, points in enumerate(by_track.values()):
        points.sort()
        body = "".join(f'<trkpt lat="{lat:.8f}" lon="{lon:.8f}"><time>{time}</time></trkpt>' for _, lon, lat, time, _ in points)
        (gpx / f"track{n}.gpx").write_text(
            '<?xml version="1.0"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
            f"<trk><desc>{points[0][4]}</desc><trkseg>{body}</trkseg></trk></gpx>",
            encoding="utf-8",
        )
    common = {
        "GRID": grid,
        "PARCELS": county_parcels(grid),
        "START": "2025-05-05",
        "END": "2025-05-11",
        "OUTPUT_PERIODS": "memory:",
        "OUTPUT_CELLS": "memory:",
        "OUTPUT_PARCELS": "memory:",
    }
    ours = run_algorithm("farmlandgrid:patrolcoverage", {**common, "TRACKS": tracks})["OUTPUT_PERIODS"]
    theirs = run_algorithm("farmlandgrid:patrolcoverage", {**common, "TRACK_FOLDER": str(gpx)})["OUTPUT_PERIODS"]

    def statuses(layer):
        return {(f["grid_code"], str(f["period_start"])): (f["status"], f["patrol_count"]) for f in layer.getFeatures()}

    return statuses(ours) == statuses(theirs) and len(statuses(ours)) > 0
