"""farmlandgrid:importfieldpackage on what really comes back: every photo of the shared real-world corpus through the
package round trip, packages returned out of order (an older one after a newer one, one after a send-back), and a
package of a newer workspace schema."""

import json
import shutil
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from qgis.core import QgsExpressionContext, QgsGeometry, QgsVectorLayerUtils

from farmland_grid_plugin.domain import cases as case_rules
from farmland_grid_plugin.store import open_workspace
from sample_county.fieldday import field_day

from ..corpus import CORPUS
from .helpers import run_algorithm
from .test_field_package import county_parcels, exported, manifests, open_project  # noqa: F401  (fixture)
from .test_issue_cases import changes  # noqa: F401  (the fixture)

PHOTOS = CORPUS / "photos"
DAY = datetime(2025, 5, 8, 1, 30, tzinfo=timezone.utc)


def import_packages(workspace, *packages):
    return run_algorithm(
        "farmlandgrid:importfieldpackage",
        {
            "PACKAGE": [str(p) for p in packages],
            "WORKSPACE": str(workspace),
            "ACTOR": "县局 王五",
            "OUTPUT_EVIDENCE": "memory:",
            "OUTPUT_TRACKS": "memory:",
            "OUTPUT_REJECTED": "memory:",
        },
    )


def rejected(result):
    return [(f["layer"], f["item"], f["reason"], f["message"]) for f in result["OUTPUT_REJECTED"].getFeatures()]


def package_with_a_case(folder):
    manifest = next(m for m in manifests(folder) if m["cases"])
    return manifest, folder / manifest["package_id"], manifest["cases"][0]


def test_every_corpus_photo_is_attached_or_rejected_with_a_reason(exported, tmp_path):  # noqa: F811
    workspace, folder, _, _ = exported
    manifest, package, case_id = package_with_a_case(folder)
    project, layers = open_project(package)
    evidence, photos, cases = layers["evidence"], layers["evidence_photos"], layers["cases"]
    centre = next(f for f in cases.getFeatures() if f["case_id"] == case_id).geometry().centroid().asPoint()
    evidence.startEditing()
    context = QgsExpressionContext()
    context.appendScope(project.createExpressionContextScope())  # no GPS: the defaults fall back to the point
    point = QgsVectorLayerUtils.createFeature(evidence, QgsGeometry.fromPointXY(centre), {}, context)
    point["case_id"] = case_id
    assert evidence.addFeature(point) and evidence.commitChanges()
    corpus = sorted(p for p in PHOTOS.rglob("*") if p.is_file() and p.name != "README.md")
    assert len(corpus) == 43
    name_of = {}  # photo uuid → corpus file
    photos.startEditing()
    for path in corpus:
        relative = f"DCIM/{path.relative_to(PHOTOS).as_posix().replace('/', '_')}"
        shutil.copyfile(path, package / relative)
        values = {photos.fields().indexOf("evidence_uuid"): point["uuid"], photos.fields().indexOf("path"): relative}
        row = QgsVectorLayerUtils.createFeature(photos, QgsGeometry(), values)
        assert photos.addFeature(row)
        name_of[row["uuid"]] = path.relative_to(PHOTOS).as_posix()
    assert photos.commitChanges()
    project.clear()

    result = import_packages(workspace, package)
    attached = {f["photo_uuid"]: f for f in result["OUTPUT_EVIDENCE"].getFeatures()}
    refused = {item: (reason, message) for layer, item, reason, message in rejected(result) if layer == "evidence_photos"}
    # None lost: every photo row is either attached or rejected with a reason and a message naming the file.
    assert set(attached) | set(refused) == set(name_of) and not set(attached) & set(refused)
    assert all(reason and message for reason, message in refused.values())
    assert [r for r in rejected(result) if r[0] != "evidence_photos"] == []  # no stray file, no other problem
    assert result["IMPORTED"] == len(attached) == 43 - len(refused)
    with open_workspace(str(workspace), create=False) as ws:
        stored = ws.cases.evidence(case_id)
    assert len(stored) == len(attached) and all(Path(e.path).is_file() for e in stored)
    # Where EXIF has a position it is kept; elsewhere the phone's point stands in.
    names = {name_of[u]: f for u, f in attached.items()}
    nikon = names["gps/DSCN0010.jpg"]
    assert (nikon["lat_wgs84"], nikon["lon_wgs84"]) == (pytest.approx(43.4674483, abs=1e-5), pytest.approx(11.8851167, abs=1e-5))
    no_gps = [n for n in names if not n.startswith("gps/") and n not in WITH_GPS]
    assert len(no_gps) == 23 and all(names[n]["lat_wgs84"] == pytest.approx(point["lat"], abs=1e-9) for n in no_gps)
    assert all(names[n]["lon_wgs84"] == pytest.approx(point["lon"], abs=1e-9) for n in no_gps)
    # Italy, Finland, Spain, Missouri: far from the case's patch, attached with the flag for the reviewer.
    assert all("far_from_patch" in names[n]["checks"] for n in names if n.startswith("gps/") or n in WITH_GPS)
    # Only files without any EXIF are refused (importevidence's reason), each named in its message.
    assert sorted(name_of[u] for u in refused) == sorted(n for n in name_of.values() if n.startswith("invalid/"))
    assert {reason for reason, _ in refused.values()} == {"no_exif"}
    assert all(name_of[u].split("/")[-1] in message for u, (_, message) in refused.items())


WITH_GPS = {
    "mobile/HMD_Nokia_8.3_5G.jpg",
    "heic/IMG_5195.HEIC",
    "heic/mobile/HMD_Nokia_8.3_5G.heif",
    "heic/mobile/HMD_Nokia_8.3_5G_hdr.heif",
}


def test_an_older_package_never_undoes_a_later_step(exported, tmp_path):  # noqa: F811
    workspace, folder, _, grid = exported
    manifest, older, case_id = package_with_a_case(folder)
    time.sleep(1.1)  # manifests and case steps have whole seconds
    newer_folder = tmp_path / "newer"
    run_algorithm(
        "farmlandgrid:exportfieldpackage",
        {"GRID": grid, "PARCELS": county_parcels(grid), "WORKSPACE": str(workspace), "FOLDER": str(newer_folder)},
    )
    newer = newer_folder / manifest["package_id"]
    field_day(older, case_id, start=DAY, prefix="OLD", verdict="illegal")
    field_day(newer, case_id, start=DAY, prefix="NEW", verdict="legal")
    first = import_packages(workspace, newer)
    assert first["REPORTED"] == 1
    with open_workspace(str(workspace), create=False) as ws:
        events = ws.cases.events(case_id)
    then = import_packages(workspace, older)
    with open_workspace(str(workspace), create=False) as ws:
        case, after = ws.cases.case(case_id), ws.cases.events(case_id)
    assert then["REPORTED"] == 0 and case.status == case_rules.REPORTED and case.verdict == "legal"
    assert after == events
    marks = [r for r in rejected(then) if r[0] == "cases"]
    assert [(item, reason) for _, item, reason, _ in marks] == [(case_id, "already_imported")]


def test_a_package_after_a_send_back_is_stale_and_the_next_one_reports(exported, tmp_path):  # noqa: F811
    workspace, folder, _, grid = exported
    manifest, package, case_id = package_with_a_case(folder)
    field_day(package, case_id, start=DAY, prefix="A")
    assert import_packages(workspace, package)["REPORTED"] == 1
    time.sleep(1.1)
    with open_workspace(str(workspace), create=False) as ws:
        ws.cases.apply(case_id, case_rules.SEND_BACK, "审核员 赵六", "照片不清楚,请补拍", datetime.now(timezone.utc))
    # The same package again (a second copy from the phone): its done mark predates the send-back.
    copy = shutil.copytree(package, tmp_path / "copy" / package.name)
    again = import_packages(workspace, copy)
    with open_workspace(str(workspace), create=False) as ws:
        assert ws.cases.case(case_id).status == case_rules.RETURNED
    assert [(r[1], r[2]) for r in rejected(again) if r[0] == "cases"] == [(case_id, "stale_mark")]
    time.sleep(1.1)
    next_folder = tmp_path / "next"
    run_algorithm(
        "farmlandgrid:exportfieldpackage",
        {"GRID": grid, "PARCELS": county_parcels(grid), "WORKSPACE": str(workspace), "FOLDER": str(next_folder)},
    )
    following = next_folder / manifest["package_id"]
    _, layers = open_project(following)
    row = next(f for f in layers["cases"].getFeatures() if f["case_id"] == case_id)
    assert row["status"] == case_rules.RETURNED and row["returned_note"] == "照片不清楚,请补拍"
    field_day(following, case_id, start=DAY, prefix="B", verdict="legal")
    assert import_packages(workspace, following)["REPORTED"] == 1
    with open_workspace(str(workspace), create=False) as ws:
        case, events = ws.cases.case(case_id), ws.cases.events(case_id)
    assert case.status == case_rules.REPORTED and case.verdict == "legal"
    assert [e.action for e in events][-3:] == ["report", "send_back", "report"]


def test_a_package_of_a_newer_schema_is_refused(exported, tmp_path):  # noqa: F811
    workspace, folder, _, _ = exported
    manifest, package, case_id = package_with_a_case(folder)
    field_day(package, case_id, start=DAY)
    data = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    data["schema_version"] += 1
    (package / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    with open_workspace(str(workspace), create=False) as ws:
        before = (ws.cases.case(case_id).status, len(ws.cases.events(case_id)), len(ws.cases.evidence(case_id)))
    result = import_packages(workspace, package)
    refusal = rejected(result)
    assert [r[2] for r in refusal] == ["package_refused"] and "schema version" in refusal[0][3]
    assert result["IMPORTED"] == 0 and result["OUTPUT_TRACKS"].featureCount() == 0
    with open_workspace(str(workspace), create=False) as ws:
        assert (ws.cases.case(case_id).status, len(ws.cases.events(case_id)), len(ws.cases.evidence(case_id))) == before
