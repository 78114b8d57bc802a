"""Nothing silently wrong: CRS traps, parcels without geometry, duplicate identifiers, roster phones,
the code registry when a run is killed, links in output folders."""

import csv
import sqlite3
import subprocess

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsProcessingException, QgsVectorLayer

from .helpers import RecordingFeedback, coded_parcels, editable_copy, open_layer, run_algorithm
from .test_qgis_process import env, qgis_process  # noqa: F401 - the fixture runs qgis_process.bin

FARMLAND = ("0101", "0102", "0103")


def parcels_of(county):
    return open_layer(county.uri(county.parcels_layer), "dltb")


def grid(parcels, feedback=None, **parameters):
    return run_algorithm(
        "farmlandgrid:delineategrid", {"INPUT": parcels, "OUTPUT": "memory:", "OUTPUT_ISSUES": "memory:", **parameters}, feedback
    )


def county_mu(result):
    return next(f["farmland_mu"] for f in result["OUTPUT"].getFeatures() if f["level"] == 3)


def without_crs(layer):
    """The parcels in a memory layer that has no CRS, as a Shapefile without .prj arrives."""
    copy = QgsVectorLayer("MultiPolygon", "no_crs", "memory")
    copy.dataProvider().addAttributes(layer.fields().toList())
    copy.updateFields()
    copy.setCrs(QgsCoordinateReferenceSystem())
    copy.dataProvider().addFeatures(list(layer.getFeatures()))
    assert not copy.crs().isValid() and copy.featureCount() == layer.featureCount()
    return copy


def test_planar_areas_of_a_geographic_layer_are_refused(provider, county):
    geographic = run_algorithm(
        "native:reprojectlayer", {"INPUT": parcels_of(county), "TARGET_CRS": "EPSG:4490", "OUTPUT": "memory:"}
    )["OUTPUT"]
    with pytest.raises(QgsProcessingException, match="square degrees"):
        grid(geographic, AREA_FIELD="", GEOMETRY_AREA=1)
    # Ellipsoidal on the same layer works, and agrees with ellipsoidal areas of the projected original.
    assert county_mu(grid(geographic, AREA_FIELD="")) == pytest.approx(
        county_mu(grid(parcels_of(county), AREA_FIELD="")), rel=1e-6
    )


def test_a_layer_without_crs_needs_the_official_area_field(provider, county):
    parcels = without_crs(parcels_of(county))
    with pytest.raises(QgsProcessingException, match="no CRS.*AREA_FIELD"):
        grid(parcels, AREA_FIELD="")
    feedback = RecordingFeedback()
    result = grid(parcels, feedback, AREA_FIELD="TBDLMJ")
    assert county_mu(result) == pytest.approx(county_mu(grid(parcels_of(county))), abs=1e-6)
    assert any("no CRS" in line and "TBDLMJ" in line for line in feedback.lines)


def test_parcels_without_geometry_are_rejected_not_coded(provider, county):
    layer = editable_copy(parcels_of(county))
    farmland = [f for f in layer.getFeatures() if f["DLBM"][:4] in FARMLAND][:4]
    assert layer.dataProvider().changeGeometryValues({f.id(): QgsFeature().geometry() for f in farmland})
    result = run_algorithm("farmlandgrid:assignspacecodes", {"INPUT": layer, "OUTPUT": "memory:"})
    out = {f["BSM"]: f for f in result["OUTPUT"].getFeatures()}
    for f in farmland:
        row = out[f["BSM"]]
        assert (row["space_code"], row["code_status"]) == (None, "rejected")
        assert "no geometry" in row["code_note"] or "几何" in row["code_note"]
    assert result["REJECTED"] == 4


def test_duplicate_bsm_is_a_qa_issue_naming_both_features(provider, county):
    layer = editable_copy(parcels_of(county))
    first, second = list(layer.getFeatures())[:2]
    index = layer.fields().lookupField("BSM")
    assert layer.dataProvider().changeAttributeValues({second.id(): {index: first["BSM"]}})
    issues = [f for f in grid(layer)["OUTPUT_ISSUES"].getFeatures() if f["issue_type"] == "duplicate_id"]
    assert len(issues) == 1
    assert issues[0]["feature_id"] == first["BSM"]
    assert set(issues[0]["other_code"].split(", ")) == {str(first.id()), str(second.id())}
    assert not issues[0].geometry().isEmpty()

    # assignspacecodes names the same pair in its log, and still codes both parcels.
    feedback = RecordingFeedback()
    coded = run_algorithm("farmlandgrid:assignspacecodes", {"INPUT": layer, "OUTPUT": "memory:"}, feedback)["OUTPUT"]
    named = f"Parcel identifier {first['BSM']} is used by 2 features: fid {first.id()}, fid {second.id()}"
    assert any(named in line for line in feedback.lines), feedback.lines
    assert len([f for f in coded.getFeatures() if f["BSM"] == first["BSM"] and f["space_code"]]) == 2


def test_roster_phones_are_repaired_or_flagged(provider, county, tmp_path):
    with open(county.roster_csv, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["phone"] = "18848644698.0"  # Excel's float form, digits intact
    rows[1]["phone"] = "1.33648E+10"  # digits lost
    rows[2]["phone"] = "1884864469"  # a digit missing
    roster = tmp_path / "roster.csv"
    with open(roster, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = grid(parcels_of(county), ROSTER=str(roster))
    phones = {}
    for cell in result["OUTPUT"].getFeatures():
        for person, phone in zip(cell["persons"].split("; "), (cell["phones"] or "").split("; ")):
            phones[(cell["grid_code"], person)] = phone
    assert phones[(rows[0]["unit_code"], rows[0]["person"])] == "18848644698"
    assert phones[(rows[1]["unit_code"], rows[1]["person"])] == ""  # not printed on a board
    assert phones[(rows[2]["unit_code"], rows[2]["person"])] == ""
    flagged = sorted(f["feature_id"] for f in result["OUTPUT_ISSUES"].getFeatures() if f["issue_type"] == "invalid_phone")
    assert flagged == ["1", "2", "3"]


@pytest.mark.parametrize("stage", ["registered", "coded_written"])
def test_a_killed_coding_run_never_leaves_an_unregistered_code(county, tmp_path, env, stage):  # noqa: F811
    workspace, coded = tmp_path / "workspace.gpkg", tmp_path / "coded.gpkg"
    arguments = ["run", "farmlandgrid:assignspacecodes", "--", f"INPUT={county.uri(county.parcels_layer)}"]
    killed = subprocess.run(
        ["qgis_process.bin", *arguments, f"WORKSPACE={workspace}", f"OUTPUT={coded}"],
        env={**env, "FARMLANDGRID_STOP_AT": stage},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert killed.returncode == 70, killed.stdout + killed.stderr
    with sqlite3.connect(workspace) as db:
        registered = {code for (code,) in db.execute("SELECT space_code FROM space_code_registry")}
    assert len(registered) > 100
    if coded.exists():
        written = {f["space_code"] for f in QgsVectorLayer(str(coded), "coded", "ogr").getFeatures() if f["space_code"]}
        assert written <= registered
    # The next run never issues a code the killed run registered.
    again = tmp_path / "again.gpkg"
    done = qgis_process(*arguments, f"WORKSPACE={workspace}", f"OUTPUT={again}", env=env)
    assert done.returncode == 0, done.stderr
    issued = {f["space_code"] for f in QgsVectorLayer(str(again), "again", "ogr").getFeatures() if f["space_code"]}
    assert issued and not issued & registered


def test_a_link_in_the_qr_folder_is_replaced_not_written_through(provider, county, tmp_path):
    layer = coded_parcels(county, limit=3)
    folder = tmp_path / "qr"
    folder.mkdir()
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    code = next(layer.getFeatures())["space_code"]
    (folder / f"{code}.png").symlink_to(outside)
    result = run_algorithm(
        "farmlandgrid:exportqrcodes", {"INPUT": layer, "FORMATS": 1, "FOLDER": str(folder), "OUTPUT": "memory:"}
    )
    assert outside.read_text() == "keep me"
    assert not (folder / f"{code}.png").is_symlink() and (folder / f"{code}.png").stat().st_size > 100
    assert result["WRITTEN"] == 3


def test_an_over_long_code_is_skipped_and_the_rest_exported(provider, county, tmp_path):
    layer = coded_parcels(county, limit=3)
    index = layer.fields().lookupField("space_code")
    first = next(layer.getFeatures())
    assert layer.dataProvider().changeAttributeValues({first.id(): {index: "9" * 300}})
    feedback = RecordingFeedback()
    result = run_algorithm(
        "farmlandgrid:exportqrcodes",
        {
            "INPUT": layer,
            "CODE_FIELD": "space_code",
            "PAYLOAD": "{space_code}",
            "FORMATS": 1,
            "FOLDER": str(tmp_path / "qr"),
            "OUTPUT": "memory:",
        },
        feedback,
    )
    assert (result["WRITTEN"], result["SKIPPED"]) == (2, 1)
    assert len(list((tmp_path / "qr").glob("*.png"))) == 2
    assert any("too long" in line or "太长" in line for line in feedback.lines)


def test_a_unit_twice_in_the_targets_gets_no_target_and_the_rest_is_computed(provider, county, tmp_path):
    lines = county.targets_csv.read_text(encoding="utf-8-sig").splitlines()
    township = next(line for line in lines[1:] if len(line.split(",")[0]) == 9)
    code = township.split(",")[0]
    doubled = tmp_path / "targets.csv"
    doubled.write_text("\n".join([*lines, township.replace(township.split(",")[2], "1.00", 1)]) + "\n", encoding="utf-8")

    def units(targets, feedback=None):
        result = run_algorithm(
            "farmlandgrid:quotaoverlay",
            {"PARCELS": county.uri(county.parcels_layer), "TARGETS": str(targets), "OUTPUT_UNITS": "memory:"},
            feedback,
        )
        return {f["unit_code"]: f for f in result["OUTPUT_UNITS"].getFeatures()}

    clean = units(county.targets_csv)
    feedback = RecordingFeedback()
    found = units(doubled, feedback)
    row = lines.index(township) + 1  # spreadsheet rows: the header is row 1
    assert any(f"Unit {code} has targets in rows {row}, {len(lines) + 1}" in line for line in feedback.lines), feedback.lines
    assert found[code]["farmland_target_mu"] is None or str(found[code]["farmland_target_mu"]) == "NULL"
    # The unit is marked in the output itself, naming the rows; the others carry no mark.
    assert found[code]["target_problem"] == f"targets in rows {row}, {len(lines) + 1}: none used"
    others = [c for c in clean if c not in (code, "TOTAL")]
    assert {found[c]["target_problem"] for c in others} == {""}
    assert [found[c]["farmland_gap_mu"] for c in others] == [clean[c]["farmland_gap_mu"] for c in others]
    expected = sum(clean[c]["farmland_gap_mu"] for c in others)
    assert found["TOTAL"]["farmland_gap_mu"] == pytest.approx(expected, abs=1e-3)
