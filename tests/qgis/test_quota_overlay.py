"""farmlandgrid:quotaoverlay on the generated county, whose answers are known by construction."""

import csv
from collections import defaultdict

import pytest
from qgis.core import NULL, QgsGeometry, QgsRectangle

from .helpers import MU, RecordingFeedback, editable_copy, ellipsoidal_m2, open_layer, run_algorithm

FARMLAND = ("0101", "0102", "0103")


def is_null(value):
    return value is None or value == NULL


def layer(county, name):
    return open_layer(county.uri(name), name)


def expected(county):
    """Farmland (TBDLMJ) and PBF (ellipsoidal, which the generator stores in jbnt.TBMJ) per township, in 亩."""
    farm, pbf = defaultdict(float), defaultdict(float)
    for f in layer(county, county.parcels_layer).getFeatures():
        if f["DLBM"][:4] in FARMLAND:
            farm[f["ZLDWDM"][:9]] += f["TBDLMJ"] / MU
    for f in layer(county, county.pbf_layer).getFeatures():
        pbf[f["ZLDWDM"][:9]] += f["TBMJ"] / MU
    with open(county.targets_csv, encoding="utf-8") as handle:
        targets = {r["unit_code"]: r for r in csv.DictReader(handle)}
    return farm, pbf, targets


def run_quota(county, tmp_path, feedback=None, **extra):
    params = {
        "PARCELS": county.uri(county.parcels_layer),
        "PBF": county.uri(county.pbf_layer),
        "TARGETS": str(county.targets_csv),
        "CHANGES": county.uri(county.changes_layer),
        "MEASURE_FIELD": "ZGLX",
        "OUTPUT_UNITS": "memory:",
        "OUTPUT_CHANGES": "memory:",
        "OUTPUT_SUMMARY": "memory:",
        "OUTPUT_TASKS": str(tmp_path / "tasks.xlsx"),
        **extra,
    }
    return run_algorithm("farmlandgrid:quotaoverlay", params, feedback)


def test_units_against_targets(provider, county, tmp_path):
    farm, pbf, targets = expected(county)
    result = run_quota(county, tmp_path)
    rows = {f["unit_code"]: f for f in result["OUTPUT_UNITS"].getFeatures()}
    assert set(rows) == set(farm) | {"TOTAL"}
    for code, row in rows.items():
        if code == "TOTAL":
            continue
        assert row["farmland_mu"] == pytest.approx(farm[code], abs=1e-3)
        assert row["pbf_mu"] == pytest.approx(pbf[code], abs=1e-3)
        target = float(targets[code]["farmland_target_mu"])
        assert row["farmland_target_mu"] == pytest.approx(target)
        assert row["farmland_gap_mu"] == pytest.approx(max(target - farm[code], 0), abs=1e-3)
        assert row["farmland_surplus_mu"] == pytest.approx(max(farm[code] - target, 0), abs=1e-3)
        assert row["farmland_completion_pct"] == pytest.approx(100 * farm[code] / target, abs=0.01)
        assert row["pbf_gap_mu"] == pytest.approx(max(float(targets[code]["pbf_target_mu"]) - pbf[code], 0), abs=1e-3)
        assert row["unit_name"] == targets[code]["unit_name"] and row["area_method"] == "field:TBDLMJ"
    total = rows["TOTAL"]
    units = [r for c, r in rows.items() if c != "TOTAL"]
    assert total["farmland_mu"] == pytest.approx(sum(farm.values()), abs=1e-2)
    assert total["farmland_gap_mu"] == pytest.approx(sum(r["farmland_gap_mu"] for r in units), abs=1e-3)
    assert total["non_agri_count"] + total["non_grain_count"] + total["other_count"] == (
        layer(county, county.changes_layer).featureCount()
    )


def test_change_patches(provider, county, tmp_path):
    parcels = layer(county, county.parcels_layer)
    pbf = layer(county, county.pbf_layer)
    result = run_quota(county, tmp_path)
    patches = {f["patch_id"]: f for f in result["OUTPUT_CHANGES"].getFeatures()}
    source = {f["JCBH"]: f for f in layer(county, county.changes_layer).getFeatures()}
    assert set(patches) == set(source)
    for jcbh in sorted(source)[:8]:
        geom = source[jcbh].geometry()
        farm = sum(
            ellipsoidal_m2(parcels, geom.intersection(p.geometry()))
            for p in parcels.getFeatures(geom.boundingBox())
            if p["DLBM"][:4] in FARMLAND and p.geometry().intersects(geom)
        )
        protected = sum(
            ellipsoidal_m2(pbf, geom.intersection(p.geometry()))
            for p in pbf.getFeatures(geom.boundingBox())
            if p.geometry().intersects(geom)
        )
        row = patches[jcbh]
        assert row["farmland_occupied_mu"] == pytest.approx(farm / MU, abs=1e-3)
        assert row["pbf_occupied_mu"] == pytest.approx(protected / MU, abs=1e-3)
        assert row["accountable"] == (row["pbf_occupied_mu"] >= 5 or row["farmland_occupied_mu"] >= 10)
        assert is_null(row["group_code"]) or row["group_code"].startswith(row["village_code"])
        assert row["legality"] == source[jcbh]["HFPD"] or (is_null(row["legality"]) and not source[jcbh]["HFPD"])
    categories = {f["class_after"]: f["category"] for f in patches.values()}
    assert categories.get("0702", "non_agri") == "non_agri" and categories.get("0301", "non_grain") == "non_grain"
    assert result["ACCOUNTABLE"] == sum(1 for f in patches.values() if f["accountable"])


def test_persons_from_the_grid(provider, county, tmp_path):
    grid = run_algorithm(
        "farmlandgrid:delineategrid",
        {
            "INPUT": county.uri(county.parcels_layer),
            "ROSTER": str(county.roster_csv),
            "OUTPUT": "memory:",
            "OUTPUT_ISSUES": "memory:",
        },
    )["OUTPUT"]
    persons = {f["grid_code"]: f["persons"] for f in grid.getFeatures()}
    result = run_quota(county, tmp_path, GRID=grid)
    for row in result["OUTPUT_CHANGES"].getFeatures():
        if row["village_code"]:
            assert row["persons"] == persons[row["group_code"] or row["village_code"]]


def test_county_checks_and_task_list(provider, county, tmp_path):
    from openpyxl import load_workbook

    result = run_quota(county, tmp_path, ILLEGAL_SHARE_LIMIT=0.0, ILLEGAL_TOTAL_LIMIT=1000.0)
    checks = {f["check_name"]: f for f in result["OUTPUT_SUMMARY"].getFeatures()}
    patches = list(result["OUTPUT_CHANGES"].getFeatures())
    illegal = sum(p["farmland_occupied_mu"] for p in patches if p["category"] == "non_agri" and p["legality"] == "违法")
    assert checks["illegal_total"]["value"] == pytest.approx(illegal, abs=1e-3)
    assert checks["illegal_total"]["passed"] and checks["illegal_share"]["passed"] == (illegal == 0)
    # The task list (in the shipped seed layout; tests/qgis/test_task_table.py checks it cell by cell): every
    # patch counted once, in its township's row, the township and county totals in the last pair of cells.
    lines = list(load_workbook(tmp_path / "tasks.xlsx").active.values)
    assert lines[1][:2] == ("单位代码", "乡镇（街道）") and lines[1][-2:] == ("合计", None)
    body, county_row, note = lines[4:-2], lines[-2], lines[-1][0]
    units = {f["unit_code"]: f for f in result["OUTPUT_UNITS"].getFeatures()}
    assert [r[0] for r in body] == sorted(set(units) - {"TOTAL"}) and [r[1] for r in body] == [
        units[r[0]]["unit_name"] for r in body
    ]
    per_township = {code: sum(1 for p in patches if p["township_code"] == code) for code in units}
    assert {r[0]: r[-2] for r in body} == {code: n for code, n in per_township.items() if code != "TOTAL"}
    assert county_row[1] == "合计" and county_row[-2] == len(patches) == layer(county, county.changes_layer).featureCount()
    assert note.startswith("说明：") and "ZGLX" in note
    csv_path = tmp_path / "tasks.csv"
    run_quota(county, tmp_path, OUTPUT_TASKS=str(csv_path))
    text = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert (
        text[0].startswith("单位代码,乡镇（街道）,永久基本农田/")
        and text[-2].startswith(",合计,")
        and text[-1].startswith("说明：")
    )


def test_group_level_and_ellipsoidal_farmland(provider, county, tmp_path):
    parcels = layer(county, county.parcels_layer)
    farm = defaultdict(float)
    for f in parcels.getFeatures():
        if f["DLBM"][:4] in FARMLAND:
            code = f["ZLDWDM"]
            farm[code[:12] if code[12:15] == "000" else code[:15]] += ellipsoidal_m2(parcels, f.geometry()) / MU
    result = run_quota(county, tmp_path, LEVEL=3, AREA_FIELD="", TARGETS=None)
    rows = {f["unit_code"]: f for f in result["OUTPUT_UNITS"].getFeatures() if f["unit_code"] != "TOTAL"}
    assert set(rows) == set(farm)
    for code, row in rows.items():
        assert row["farmland_mu"] == pytest.approx(farm[code], abs=1e-4)
        assert row["area_method"] == "ellipsoidal:CGCS2000" and is_null(row["farmland_target_mu"])


def test_bad_input_is_named_and_the_rest_computed(provider, county, tmp_path):
    targets = tmp_path / "targets.csv"
    with open(county.targets_csv, encoding="utf-8") as src:
        lines = src.read().splitlines()
    lines.append("130123099,无此乡,100,50")
    lines.append("13012300X,错码,100,50")
    broken = [lines[0]] + [
        line.replace(line.split(",")[2], "很多", 1) if line.startswith("130123001,") else line for line in lines[1:]
    ]
    targets.write_text("\n".join(broken) + "\n", encoding="utf-8")
    # PBF in geographic coordinates: reprojected on the fly, same areas.
    pbf_4490 = tmp_path / "pbf_4490.gpkg"
    run_algorithm(
        "native:reprojectlayer", {"INPUT": county.uri(county.pbf_layer), "TARGET_CRS": "EPSG:4490", "OUTPUT": str(pbf_4490)}
    )
    # A change patch far outside the county.
    changes = editable_copy(layer(county, county.changes_layer))
    outside = next(changes.getFeatures())
    extent = changes.extent()
    outside.setGeometry(
        QgsGeometry.fromRect(
            QgsRectangle(extent.xMaximum() + 5000, extent.yMaximum(), extent.xMaximum() + 5100, extent.yMaximum() + 100)
        )
    )
    outside["JCBH"] = "FAR-AWAY"
    assert changes.dataProvider().addFeatures([outside])[0]
    feedback = RecordingFeedback()
    result = run_quota(county, tmp_path, feedback, TARGETS=str(targets), PBF=str(pbf_4490), CHANGES=changes)
    text = "\n".join(feedback.lines)
    assert "130123099 has no parcels" in text
    assert "'13012300X'" in text and "non-digit character 'X'" in text
    assert "(130123001): farmland_target_mu is empty or not a number" in text
    assert "EPSG:4490" in text and "1 change patches lie outside the parcels" in text
    farm, pbf, _ = expected(county)
    rows = {f["unit_code"]: f for f in result["OUTPUT_UNITS"].getFeatures()}
    assert is_null(rows["130123001"]["farmland_target_mu"]) and is_null(rows["130123001"]["farmland_gap_mu"])
    assert not is_null(rows["130123001"]["pbf_target_mu"])
    for code in farm:
        assert rows[code]["pbf_mu"] == pytest.approx(pbf[code], rel=1e-6)
    far = next(f for f in result["OUTPUT_CHANGES"].getFeatures() if f["patch_id"] == "FAR-AWAY")
    assert is_null(far["village_code"]) and far["farmland_occupied_mu"] == 0


def test_unit_fields_follow_the_domain_rows():
    from dataclasses import fields

    from farmland_grid_plugin.domain.quota import UnitQuota
    from farmland_grid_plugin.processing.quota_overlay import UNIT_FIELDS

    assert [name for name, _, _ in UNIT_FIELDS] == [f.name for f in fields(UnitQuota)]
