"""举证核验 in the review dock: each photo's flags with their figures under its thumbnail, the case's flags above the
buttons, view cones on the map, the "flagged only" filter, a file changed after it was attached, and the note
required to approve a flagged case (kept in the event with the flags)."""

from datetime import datetime

import pytest
from qgis.core import QgsGeometry

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.domain import roles
from farmland_grid_plugin.store import open_workspace
from farmland_grid_plugin.ui.review_dock import EvidenceReviewDock

from .test_evidence_checks import DUE, EPSG, ISSUED, PHOTOS, retag
from .test_import_evidence import CX, CY, run, square
from .test_review_dock import REVIEWER, canvas, settings, settle, wait_for_thumbnails  # noqa: F401 (fixtures)


@pytest.fixture
def workspace(provider, tmp_path):
    """Case A with four photos imported (one clean, one 183 m away, one facing away, one taken before issue);
    case B with none."""
    path = tmp_path / "cases.gpkg"
    store = open_workspace(str(path), crs=f"EPSG:{EPSG}").cases
    store.issue(
        [
            {"geometry": QgsGeometry.fromWkt(square(CX, CY, 50).wkt), "patch_id": "A-001", "issued_on": ISSUED, "due_date": DUE},
            {"geometry": QgsGeometry.fromWkt(square(CX + 300, CY, 50).wkt), "patch_id": "B-002", "issued_on": ISSUED},
        ],
        "县自然资源局",
    )
    folder = tmp_path / "photos"
    gps = sorted((PHOTOS / "gps").glob("*.jpg"))
    retag(gps[0], folder / "1_clean.jpg", CX, CY, direction=0.0)
    retag(gps[1], folder / "2_far.jpg", CX, CY + 50 + 183, direction=180.0)
    retag(gps[2], folder / "3_away.jpg", CX, CY - 80, direction=180.0)
    retag(gps[3], folder / "4_early.jpg", CX + 10, CY, direction=90.0, taken=datetime(2026, 2, 20, 9, 0))
    params = {"FOLDER": str(folder), "CASES": f"{path}|layername=cases", "WORKSPACE": str(path), "ACTOR": "张三"}
    run(params)
    store.apply("A-001", c.REPORT, "张三", verdict=c.LEGAL)
    return path


@pytest.fixture
def dock(qgis_iface, canvas, settings, workspace):  # noqa: F811
    dock = EvidenceReviewDock(qgis_iface)
    dock.actor_edit.setText(REVIEWER)
    assert dock.open_workspace(workspace)
    settle(dock)
    dock.set_role(roles.REVIEWER)
    yield dock
    wait_for_thumbnails(dock)
    dock.close()
    dock.cleanup()
    dock.deleteLater()


def test_flags_with_figures_cones_and_filter(dock, workspace):
    assert dock.select_case("A-001")
    settle(dock)
    wait_for_thumbnails(dock)
    assert dock.thumbnails.captions() == [
        [],
        ["183 m from the patch"],
        ["Facing away from the patch (180° off)"],
        ["Taken before the issue date 2026-03-02"],
    ]
    assert dock.thumbnails.item(1).text() == "2_far.jpg\n183 m from the patch"
    assert dock.details.flags.text() == "Evidence checks: 3 of 4 photos flagged"
    # A view cone for each photo, from its position, and the flagged photos' markers in their own colour.
    assert len(dock.map_items.view_cones) == 4 and len(dock.evidence_markers) == 4
    colours = [marker.color().name() for marker in dock.evidence_markers]
    assert colours[0] != colours[1] and colours[1] == colours[2] == colours[3]
    # Case B has no photo: the line says so; the filter keeps the flagged cases only.
    dock.select_case("B-002")
    settle(dock)
    assert dock.details.flags.text() == "Evidence checks: No photos"
    dock.flagged_check.setChecked(True)
    assert dock.listed_case_ids() == ["A-001"]  # issued, B has no photo yet, as it should
    store = open_workspace(str(workspace)).cases
    store.apply("B-002", c.REPORT, "张三", verdict=c.LEGAL)
    dock.refresh()
    settle(dock)
    assert dock.listed_case_ids() == ["A-001", "B-002"]  # reported without photos: flagged
    store.add_evidence(
        "B-002",
        [{"path": str(p), "checks": "", "direction_deg": d} for p, d in (("x.jpg", 0.0), ("y.jpg", 120.0), ("z.jpg", 240.0))],
        "张三",
    )
    dock.refresh()
    settle(dock)
    assert dock.listed_case_ids() == ["A-001"]  # B's three clean photos all round: no flag left
    dock.flagged_check.setChecked(False)
    assert dock.listed_case_ids() == ["A-001", "B-002"]


def test_changed_file_and_the_note_to_approve(dock, workspace, monkeypatch):
    photo = workspace.parent / "photos" / "1_clean.jpg"
    photo.write_bytes(photo.read_bytes() + b"edited")  # changed after it was attached
    monkeypatch.setattr(dock, "confirm", lambda action, record: True)
    assert dock.select_case("A-001")
    settle(dock)
    wait_for_thumbnails(dock)
    assert dock.thumbnails.captions()[0] == ["File changed since it was attached (SHA-256 differs)"]
    assert dock.details.flags.text() == "Evidence checks: 3 of 4 photos flagged; Changed since attached: 1_clean.jpg"
    # Approving a flagged case: the note is asked for, and an empty one refused.
    prompts = []
    monkeypatch.setattr(dock, "ask_note", lambda title, label: (prompts.append(label), ("  ", True))[1])
    assert not dock.run_action(c.APPROVE)
    settle(dock)
    assert dock.message() == "Case A-001 has evidence flags: approving it needs a note saying why"
    assert prompts == ["The case has evidence flags (3 of 4 photos flagged; 1_clean.jpg). Why do you approve it?"]
    store = open_workspace(str(workspace)).cases
    assert store.case("A-001").status == c.REPORTED
    monkeypatch.setattr(dock, "ask_note", lambda title, label: ("位置偏差已电话核实", True))
    assert dock.run_action(c.APPROVE)
    settle(dock)
    event = store.events("A-001")[-1]
    assert (event.action, event.note) == (c.APPROVE, "位置偏差已电话核实")
    assert event.checks == ("2_far.jpg: far_from_patch; 3_away.jpg: facing_away; 4_early.jpg: before_issue; 1_clean.jpg: edited")
    # The history shows the flags the case had then.
    assert "Flags then: " in dock.history.item(dock.history.rowCount() - 1, 4).text()


def test_clean_case_needs_no_note(dock, workspace, monkeypatch):
    store = open_workspace(str(workspace)).cases
    records = [{"path": f"p{k}.jpg", "checks": "", "direction_deg": 120.0 * k} for k in range(3)]
    store.add_evidence("B-002", records, "张三")
    store.apply("B-002", c.REPORT, "张三", verdict=c.LEGAL)
    monkeypatch.setattr(dock, "confirm", lambda action, record: True)
    monkeypatch.setattr(dock, "ask_note", lambda title, label: pytest.fail("no note is asked for a clean case"))
    dock.refresh()
    settle(dock)
    assert dock.select_case("B-002")
    settle(dock)
    assert dock.details.flags.text() == "Evidence checks: no flags"
    assert dock.run_action(c.APPROVE)
    settle(dock)
    assert store.case("B-002").status == c.APPROVED
    assert store.events("B-002")[-1].checks == ""
