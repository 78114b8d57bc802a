"""farmlandgrid:issuecases: the sample county's classified change patches issued into a workspace case store."""

import contextlib
from datetime import date, timedelta

import pytest
from qgis.core import (
    NULL,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsRectangle,
)

from farmland_grid_plugin.domain.cases import ISSUE, ISSUED, bottom_unit
from farmland_grid_plugin.processing.issue_cases import IssueCasesAlgorithm
from farmland_grid_plugin.store import open_workspace

from .helpers import MU, RecordingFeedback, editable_copy, ellipsoidal_m2, open_layer, run_algorithm

ALG_ID = "farmlandgrid:issuecases"
ACTOR = "县自然资源局 李四"
ISSUED_ON = date(2025, 5, 6)

_changes = {}  # county folder → the classified change patches (GeoPackage), made once


def algorithm():
    """The registered algorithm where the provider has it, else a fresh instance."""
    registered = QgsApplication.processingRegistry().algorithmById(ALG_ID)
    return ALG_ID if registered is not None else IssueCasesAlgorithm().create()


def stored_cases(workspace):
    """The case store of a workspace the algorithm wrote, opened as the plugin opens it."""
    return open_workspace(str(workspace), create=False).cases


def is_null(value):
    return value is None or value == NULL


def text(value):
    return None if is_null(value) or not str(value).strip() else str(value)


@pytest.fixture
def changes(provider, county, tmp_path_factory):
    """quotaoverlay's OUTPUT_CHANGES on the sample county, with persons from the delineated grid."""
    key = str(county.uri(county.changes_layer))
    if key not in _changes:
        folder = tmp_path_factory.mktemp("issue_cases")
        grid = run_algorithm(
            "farmlandgrid:delineategrid",
            {
                "INPUT": county.uri(county.parcels_layer),
                "ROSTER": str(county.roster_csv),
                "OUTPUT": str(folder / "grid.gpkg"),
                "OUTPUT_ISSUES": "memory:",
            },
        )["OUTPUT"]
        run_algorithm(
            "farmlandgrid:quotaoverlay",
            {
                "PARCELS": county.uri(county.parcels_layer),
                "PBF": county.uri(county.pbf_layer),
                "TARGETS": str(county.targets_csv),
                "CHANGES": with_patches_off_farmland(county),
                "GRID": grid,
                "OUTPUT_UNITS": "memory:",
                "OUTPUT_CHANGES": str(folder / "changes.gpkg"),
            },
        )
        _changes[key] = str(folder / "changes.gpkg")
    return _changes[key]


def with_patches_off_farmland(county):
    """The sample change patches (all on farmland) and two more: inside a non-farmland parcel, and outside the county."""
    layer = editable_copy(open_layer(county.uri(county.changes_layer), "bhtb"))
    parcels = open_layer(county.uri(county.parcels_layer), "dltb")
    inside = next(
        p.geometry().buffer(-2, 5)
        for p in parcels.getFeatures()
        if p["DLBM"][:2] not in ("01",) and p.geometry().buffer(-2, 5).area() > 200
    )
    extent = parcels.extent()
    outside = QgsGeometry.fromRect(
        QgsRectangle(extent.xMaximum() + 100, extent.yMaximum() + 100, extent.xMaximum() + 150, extent.yMaximum() + 150)
    )
    template = next(layer.getFeatures())
    added = []
    for n, geometry in enumerate((inside, outside), start=1):
        feature = QgsFeature(template)
        feature["JCBH"] = f"OFF{n}"
        feature.setGeometry(geometry)
        added.append(feature)
    assert layer.dataProvider().addFeatures(added)[0]
    return layer


def issue(changes, workspace, feedback=None, **extra):
    params = {
        "CHANGES": changes,
        "WORKSPACE": str(workspace),
        "ISSUED_ON": ISSUED_ON.isoformat(),
        "ACTOR": ACTOR,
        "OUTPUT": "memory:",
        **extra,
    }
    return run_algorithm(algorithm(), params, feedback)


def on_farmland(patch):
    return (patch["farmland_occupied_mu"] or 0) > 0 or (patch["pbf_occupied_mu"] or 0) > 0


def test_one_case_per_patch_on_farmland(changes, tmp_path):
    patches = {f["patch_id"]: f for f in open_layer(changes).getFeatures()}
    expected = {pid for pid, f in patches.items() if on_farmland(f)}
    assert 0 < len(expected) < len(patches)
    workspace = tmp_path / "workspace.gpkg"
    feedback = RecordingFeedback()
    result = issue(changes, workspace, feedback, NOTE="2025年第一季度卫片")
    assert result["ISSUED"] == len(expected)
    assert result["SKIPPED"] == len(patches) - len(expected) and result["ALREADY_ISSUED"] == 0 and result["REJECTED"] == 0

    store = stored_cases(workspace)
    cases = {record.case_id: record for record in store.cases()}
    assert set(cases) == expected
    accountable = {pid for pid in expected if patches[pid]["accountable"]}
    assert accountable and accountable != expected  # both due rules are exercised
    persons = [text(patches[pid]["persons"]) for pid in expected]
    assert sum(p is not None for p in persons) > len(persons) / 2
    for pid, record in cases.items():
        patch = patches[pid]
        assert record.status == ISSUED
        assert record.attributes["person"] == text(patch["persons"])
        assert record.attributes["phone"] == text(patch["phones"])
        assert record.issued_on == ISSUED_ON
        assert record.due_date == ISSUED_ON + timedelta(days=15 if patch["accountable"] else 30)
        assert bool(record.accountable) == bool(patch["accountable"])
        assert record.attributes["unit_code"] == text(patch["group_code"]) or text(patch["village_code"])
        assert record.attributes["farmland_mu"] == pytest.approx(patch["farmland_occupied_mu"], abs=1e-4)
        assert record.attributes["pbf_mu"] == pytest.approx(patch["pbf_occupied_mu"], abs=1e-4)
        events = store.events(pid)
        assert [(e.action, e.actor, e.to_status, e.note) for e in events] == [(ISSUE, ACTOR, ISSUED, "2025年第一季度卫片")]

    # Areas: ellipsoidal on the layer's CRS; the geometry stored in the workspace CRS (CGCS2000 geographic).
    layer = open_layer(changes)
    assert store.crs == QgsCoordinateReferenceSystem("EPSG:4490")
    for pid in sorted(expected)[:5]:
        area_mu = ellipsoidal_m2(layer, patches[pid].geometry()) / MU
        assert cases[pid].attributes["area_mu"] == pytest.approx(area_mu, abs=1e-4)
        stored = QgsGeometry(cases[pid].geometry)
        assert 73 < stored.centroid().asPoint().x() < 136
        assert ellipsoidal_m2(store_layer(workspace), stored) / MU == pytest.approx(area_mu, rel=1e-4)

    rows = {f["patch_id"]: f for f in result["OUTPUT"].getFeatures()}
    assert set(rows) == set(patches)
    assert result["OUTPUT"].crs() == layer.crs()
    for pid, row in rows.items():
        if pid in expected:
            assert row["issued"] and is_null(row["skipped_reason"]) and row["case_id"] == pid
            assert row["status"] == ISSUED and row["person"] == cases[pid].attributes["person"]
            assert row["due_date"].toPyDate() == cases[pid].due_date
        else:
            assert not row["issued"] and row["skipped_reason"] == "no_farmland" and is_null(row["case_id"])
            assert is_null(row["due_date"]) and row["message"]
        assert row.geometry().area() == pytest.approx(patches[pid].geometry().area(), rel=1e-9)
    assert any(str(len(patches) - len(expected)) in line and "farmland" in line for line in feedback.lines)


def store_layer(workspace):
    return open_layer(f"{workspace}|layername=cases", "cases")


def test_running_again_issues_nothing(changes, tmp_path):
    workspace = tmp_path / "workspace.gpkg"
    first = issue(changes, workspace)
    total = first["ISSUED"] + first["SKIPPED"]
    second = issue(changes, workspace, ISSUED_ON="2025-06-01", ACTOR="另一人")
    assert second["ISSUED"] == 0 and second["SKIPPED"] == total
    assert second["ALREADY_ISSUED"] == first["ISSUED"]
    store = stored_cases(workspace)
    records = store.cases()
    assert len(records) == first["ISSUED"]
    for record in records:
        assert record.issued_on == ISSUED_ON  # as first issued
        assert [e.actor for e in store.events(record.case_id)] == [ACTOR]
    by_id = {r.case_id: r for r in records}
    for row in second["OUTPUT"].getFeatures():
        assert not row["issued"]
        if row["patch_id"] in by_id:
            assert row["skipped_reason"] == "already_issued" and row["case_id"] == row["patch_id"]
            assert row["status"] == ISSUED and row["due_date"].toPyDate() == by_id[row["patch_id"]].due_date
            assert "2025-05-06" in row["message"]
        else:
            assert row["skipped_reason"] == "no_farmland"


def test_bad_rows_are_reported_and_the_rest_issued(changes, tmp_path):
    layer = editable_copy(open_layer(changes))
    on = [f for f in layer.getFeatures() if on_farmland(f)]
    no_id, no_geometry, first, repeated = on[0], on[1], on[2], on[3]
    provider = layer.dataProvider()
    index = layer.fields().lookupField("patch_id")
    assert provider.changeAttributeValues({no_id.id(): {index: NULL}, repeated.id(): {index: first["patch_id"]}})
    assert provider.changeGeometryValues({no_geometry.id(): QgsGeometry()})
    workspace = tmp_path / "workspace.gpkg"
    feedback = RecordingFeedback()
    result = issue(layer, workspace, feedback)
    assert result["REJECTED"] == 3
    assert result["ISSUED"] == len(on) - 3
    reasons = {f["skipped_reason"] for f in result["OUTPUT"].getFeatures() if not f["issued"]}
    assert reasons == {"no_farmland", "no_patch_id", "empty_geometry", "duplicate_patch_id"}
    rows = list(result["OUTPUT"].getFeatures())
    assert [r["skipped_reason"] for r in rows if is_null(r["patch_id"])] == ["no_patch_id"]
    duplicate = [r for r in rows if r["skipped_reason"] == "duplicate_patch_id"]
    assert len(duplicate) == 1 and duplicate[0]["patch_id"] == first["patch_id"] and is_null(duplicate[0]["case_id"])
    ids = {r.case_id for r in stored_cases(workspace).cases()}
    assert no_id["patch_id"] not in ids and no_geometry["patch_id"] not in ids
    assert first["patch_id"] in ids and repeated["patch_id"] not in ids
    stored = stored_cases(workspace).case(first["patch_id"]).geometry
    assert ellipsoidal_m2(store_layer(workspace), stored) == pytest.approx(ellipsoidal_m2(layer, first.geometry()), rel=1e-4)
    assert any(str(no_id.id()) in line and "no id" in line for line in feedback.lines)


def test_headless_with_defaults_prefix_and_geopackage_output(changes, tmp_path):
    workspace = tmp_path / "new_workspace.gpkg"
    out = tmp_path / "issued.gpkg"
    import processing

    result = processing.run(
        algorithm(),
        {
            "CHANGES": changes,
            "WORKSPACE": str(workspace),
            "ACTOR": ACTOR,
            "CASE_PREFIX": "2025Q1-",
            "ONLY_FARMLAND": False,
            "DUE_DAYS": 20,
            "ACCOUNTABLE_DUE_DAYS": 7,
            "OUTPUT": str(out),
        },
    )
    total = open_layer(changes).featureCount()
    assert result["ISSUED"] == total and result["SKIPPED"] == 0
    rows = list(open_layer(out).getFeatures())
    assert len(rows) == total and all(r["case_id"] == "2025Q1-" + r["patch_id"] for r in rows)
    records = stored_cases(workspace).cases()
    assert len(records) == total
    for record in records:
        assert record.attributes["patch_id"] == record.case_id[len("2025Q1-") :]
        assert record.issued_on == date.today()
        assert record.due_date == date.today() + timedelta(days=7 if record.accountable else 20)


def test_missing_actor_and_fields(changes, tmp_path):
    workspace = tmp_path / "workspace.gpkg"
    for actor in ("", "   "):
        with pytest.raises(QgsProcessingException, match="Issued by"):
            issue(changes, workspace, ACTOR=actor)
    with pytest.raises(QgsProcessingException, match="nope"):
        issue(changes, workspace, PERSON_FIELD="nope")
    with pytest.raises(QgsProcessingException, match="no_such_id"):
        issue(changes, workspace, PATCH_ID_FIELD="no_such_id")
    with pytest.raises(QgsProcessingException, match="farmland"):
        issue(changes, workspace, FARMLAND_FIELD="", PBF_FIELD="")
    assert not workspace.exists()

    # Fields at their default names may be missing: a layer with ids only issues every patch, accountable from nothing.
    layer = editable_copy(open_layer(changes))
    keep = [layer.fields().lookupField("patch_id")]
    assert layer.dataProvider().deleteAttributes([i for i in range(len(layer.fields())) if i not in keep])
    layer.updateFields()
    feedback = RecordingFeedback()
    with pytest.raises(QgsProcessingException, match="farmland"):
        issue(layer, workspace, feedback)
    result = issue(layer, workspace, feedback, ONLY_FARMLAND=False)
    assert result["ISSUED"] == layer.featureCount()
    assert any("persons" in line for line in feedback.lines)
    record = stored_cases(workspace).cases()[0]
    assert record.attributes["person"] is None and record.due_date == ISSUED_ON + timedelta(days=30)


class CancelAfter(RecordingFeedback):
    """Cancels once the algorithm reports ``percent`` progress."""

    def __init__(self, percent):
        super().__init__()
        self.percent = percent

    def setProgress(self, progress):  # noqa: N802
        super().setProgress(progress)
        if progress >= self.percent:
            self.cancel()


def test_cancel_leaves_the_workspace_untouched(changes, tmp_path):
    workspace = tmp_path / "workspace.gpkg"
    issue(changes, workspace, ONLY_FARMLAND=False, PBF_FIELD="", FARMLAND_FIELD="")  # creates it, all patches issued
    before = len(stored_cases(workspace).cases())
    layer = editable_copy(open_layer(changes))
    index = layer.fields().lookupField("patch_id")
    assert layer.dataProvider().changeAttributeValues({f.id(): {index: f"X{f.id()}"} for f in layer.getFeatures()})
    for percent in (0, 45):
        feedback = CancelAfter(percent)
        with contextlib.suppress(QgsProcessingException):
            issue(layer, workspace, feedback)
        assert feedback.isCanceled()
        assert len(stored_cases(workspace).cases()) == before


def test_unusable_workspace(changes, tmp_path):
    with pytest.raises(QgsProcessingException, match="workspace"):
        issue(changes, tmp_path / "no such folder" / "workspace.gpkg")
    not_a_geopackage = tmp_path / "notes.gpkg"
    not_a_geopackage.write_text("not a GeoPackage")
    with pytest.raises(QgsProcessingException, match="workspace"):
        issue(changes, not_a_geopackage)


def test_bottom_unit():
    assert bottom_unit("530102001001001", "530102001001") == "530102001001001"
    assert bottom_unit("530102001001000", "530102001001") == "530102001001"
    assert bottom_unit(None, "530102001002") == "530102001002"
    assert bottom_unit("", "5301020010020000000") == "530102001002"
    assert bottom_unit("5301020010030020000", None) == "530102001003002"
    assert bottom_unit("not a code", "530102001002") == "530102001002"
    assert bottom_unit(None, None) is None
