"""farmlandgrid:farmlandbalance on the generated county and its next year, whose flows are known by construction:
only the parcels given another class flow; shifted and split parcels do not."""

import csv
from collections import defaultdict

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsProcessingException, QgsVectorLayer

from farmland_grid_plugin.domain.balance import land_categories
from farmland_grid_plugin.domain.landclass import DEFAULT_FARMLAND_CLASSES
from sample_county.nextyear import derive_next_year, write_balance_tasks

from .helpers import MU, RecordingFeedback, open_layer, run_algorithm

ALG = "farmlandgrid:farmlandbalance"
FLOW_OF = {("farmland", "agricultural"): "out", ("farmland", "other"): "occupied", ("agricultural", "farmland"): "in"}
FLOW_OF[("other", "farmland")] = "compensated"


@pytest.fixture(scope="module")
def years(county, tmp_path_factory):
    folder = tmp_path_factory.mktemp("balance")
    edits = derive_next_year(county, folder / "dltb_2026.gpkg", deleted=0.0, changed=0.02)
    tasks = folder / "tasks.csv"
    write_balance_tasks(county, tasks)
    return {
        "previous": county.uri(county.parcels_layer),
        "parcels": str(folder / "dltb_2026.gpkg"),
        "edits": edits,
        "tasks": tasks,
    }


def parcels(uri):
    return {f["BSM"]: f for f in open_layer(uri).getFeatures()}


def expected_flows(years, area_field):
    """Township → flow → 亩 from the parcels whose class changed (same BSM and geometry, another class)."""
    before, after = parcels(years["previous"]), parcels(years["parcels"])
    flows = defaultdict(lambda: defaultdict(float))
    for bsm, old in before.items():
        new = after.get(bsm)
        if new is None or old["DLBM"] == new["DLBM"]:
            continue
        cats = land_categories([old["DLBM"], new["DLBM"]], DEFAULT_FARMLAND_CLASSES)
        flow = FLOW_OF.get(tuple(cats))
        if flow:
            source = new if flow in ("in", "compensated") else old
            flows[old["ZLDWDM"][:9]][flow] += source[area_field] / MU
    return flows


def class_totals(uri):
    """Township → first-level class → official 亩 (TBDLMJ)."""
    totals = defaultdict(lambda: defaultdict(float))
    for f in open_layer(uri).getFeatures():
        totals[f["ZLDWDM"][:9]][f["DLBM"][:2]] += f["TBDLMJ"] / MU
    return totals


def run_balance(years, tmp_path, feedback=None, **extra):
    params = {
        "PREVIOUS": years["previous"],
        "PARCELS": years["parcels"],
        "CLASS_FIELD": "DLBM",
        "TARGETS": str(years["tasks"]),
        "OUTPUT_UNITS": str(tmp_path / "units.gpkg"),
        "OUTPUT_FLOWS": str(tmp_path / "flows.gpkg"),
        "OUTPUT_MATRIX": str(tmp_path / "matrix.gpkg"),
        "OUTPUT_TABLE": str(tmp_path / "ledger.xlsx"),
        **extra,
    }
    return run_algorithm(ALG, params, feedback)


def features(path):
    return list(open_layer(path).getFeatures())


def test_flows_units_and_tasks_on_two_survey_years(provider, years, tmp_path):
    feedback = RecordingFeedback()
    results = run_balance(years, tmp_path, feedback)
    expected = expected_flows(years, "TBDLMJ")
    units = {f["unit_code"]: f for f in features(results["OUTPUT_UNITS"])}
    assert set(units) - {"TOTAL"} == set(class_totals(years["previous"]))
    for code, unit in units.items():
        if code == "TOTAL":
            continue
        for flow in ("in", "out", "occupied", "compensated"):
            assert unit[f"{flow}_mu"] == pytest.approx(expected[code][flow], abs=1e-3), (code, flow)
        assert unit["inout_balance_mu"] == pytest.approx(unit["in_mu"] - unit["out_mu"], abs=1e-4)
        assert unit["occupation_balance_mu"] == pytest.approx(unit["compensated_mu"] - unit["occupied_mu"], abs=1e-4)
        assert unit["inout_gap_mu"] == pytest.approx(max(unit["inout_target_mu"] - unit["inout_balance_mu"], 0.0), abs=1e-4)
        assert unit["occupation_gap_mu"] == pytest.approx(max(-unit["occupation_balance_mu"], 0.0), abs=1e-4)
        assert unit["unit_name"] and unit["area_method"] == "field:TBDLMJ"
    # Some of every flow: the county's 2 % of class changes make each kind.
    total = units["TOTAL"]
    assert all(total[f"{flow}_mu"] > 0 for flow in ("in", "out", "occupied", "compensated"))
    for name in ("in_mu", "out_mu", "occupied_mu", "compensated_mu", "inout_gap_mu", "occupation_gap_mu", "inout_target_mu"):
        assert total[name] == pytest.approx(sum(u[name] for c, u in units.items() if c != "TOTAL"), abs=1e-3), name
    # Farmland this year = last year + 进 + 补 − 出 − 占: shifts and splits moved nothing.
    change = total["farmland_after_mu"] - total["farmland_before_mu"]
    assert change == pytest.approx(total["in_mu"] + total["compensated_mu"] - total["out_mu"] - total["occupied_mu"], abs=0.01)
    assert any("survey adjustments" in line for line in feedback.lines)
    assert any("unchanged and carried over whole" in line for line in feedback.lines)

    flows = features(results["OUTPUT_FLOWS"])
    assert len(flows) == results["FLOW_COUNT"] > 0
    old, new = parcels(years["previous"]), parcels(years["parcels"])
    changed = {bsm for bsm, f in new.items() if bsm in old and old[bsm]["DLBM"] != f["DLBM"]}
    for f in flows:
        assert f["id_before"] == f["id_after"] and f["id_before"] in changed  # only the reclassified parcels flow
        assert f["township_code"] == f["unit_code"] and f["village_code"].startswith(f["unit_code"])
        assert f.geometry().area() > 0 and f["class_before"] != f["class_after"]
    by_flow = defaultdict(float)
    for f in flows:
        by_flow[f["flow"]] += f["area_mu"]
    for flow in ("in", "out", "occupied", "compensated"):
        assert by_flow[flow] == pytest.approx(total[f"{flow}_mu"], abs=1e-3)

    from openpyxl import load_workbook

    sheet = load_workbook(results["OUTPUT_TABLE"]).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("单位代码", "单位名称", "进(亩)")
    assert len(rows) == len(units) + 1 and rows[-1][1] == "合计"
    assert rows[-1][2] == pytest.approx(total["in_mu"], abs=1e-4)


def test_matrix_rows_and_columns_are_each_years_official_totals(provider, years, tmp_path):
    results = run_balance(years, tmp_path)
    before, after = class_totals(years["previous"]), class_totals(years["parcels"])
    matrix = features(results["OUTPUT_MATRIX"])
    classes = [f"{k:02d}" for k in range(1, 13)]
    old, new = parcels(years["previous"]), parcels(years["parcels"])
    differences = defaultdict(float)
    for bsm, f in old.items():
        if bsm in new and new[bsm]["DLBM"] != f["DLBM"]:
            differences[f["ZLDWDM"][:9]] += abs(new[bsm]["TBDLMJ"] - f["TBDLMJ"]) / MU
    differences["TOTAL"] = sum(differences.values())
    for code in [*before, "TOTAL"]:
        rows = {f["class_before"]: f for f in matrix if f["unit_code"] == code}
        assert set(rows) == {*classes, "none", "total"}
        for c in classes:
            want_before = sum(t[c] for t in before.values()) if code == "TOTAL" else before[code][c]
            want_after = sum(t[c] for t in after.values()) if code == "TOTAL" else after[code][c]
            assert rows[c]["total_mu"] == pytest.approx(want_before, abs=0.01), (code, c)
            assert rows["total"][f"to_{c}_mu"] == pytest.approx(want_after, abs=0.01), (code, c)
            assert sum(rows[r][f"to_{c}_mu"] for r in [*classes, "none"]) == pytest.approx(rows["total"][f"to_{c}_mu"], abs=1e-3)
        # No land is missing in either year: the none row and column hold no more than the differences of the
        # reclassified parcels' official areas (ridge deductions come and go with farmland).
        assert abs(rows["total"]["to_none_mu"]) <= differences[code] + 0.01
        assert abs(rows["none"]["total_mu"]) <= differences[code] + 0.01


def test_ellipsoidal_areas_when_no_area_field(provider, years, tmp_path):
    results = run_balance(years, tmp_path, AREA_FIELD="", TARGETS=None, OUTPUT_TABLE=None, OUTPUT_MATRIX=None)
    total = next(f for f in features(results["OUTPUT_UNITS"]) if f["unit_code"] == "TOTAL")
    assert total["area_method"] == "ellipsoidal:CGCS2000"
    assert total["inout_target_mu"] is None or str(total["inout_target_mu"]) == "NULL"
    expected = expected_flows(years, "TBMJ")  # the generator's TBMJ is the ellipsoidal area
    for flow in ("in", "out", "occupied", "compensated"):
        assert total[f"{flow}_mu"] == pytest.approx(sum(t[flow] for t in expected.values()), abs=0.01)


def test_duplicate_task_rows_are_refused_with_spreadsheet_rows(provider, years, tmp_path):
    with open(years["tasks"], encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    tasks = tmp_path / "tasks.csv"
    with open(tasks, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([*rows, rows[1], ["130123xyz", "坏", "1", "0"]])
    feedback = RecordingFeedback()
    results = run_balance(years, tmp_path, feedback, TARGETS=str(tasks))
    code = rows[1][0]
    assert any(f"Unit {code} has targets in rows 2, {len(rows) + 1}" in line for line in feedback.lines)
    assert any(f"Target row {len(rows) + 2}" in line for line in feedback.lines)
    unit = next(f for f in features(results["OUTPUT_UNITS"]) if f["unit_code"] == code)
    assert str(unit["inout_target_mu"]) == "NULL"


def memory_copy(uri, crs="", drop=None):
    source = open_layer(uri)
    fields = [f for f in source.fields() if f.name() != drop]
    spec = "&".join(f"field={f.name()}:{'double' if f.type() == 6 else 'string'}" for f in fields)
    layer = QgsVectorLayer(f"MultiPolygon?{('crs=' + crs + '&') if crs else ''}{spec}", "copy", "memory")
    copies = []
    for f in source.getFeatures():
        copy = QgsFeature(layer.fields())
        copy.setGeometry(f.geometry())
        copy.setAttributes([f[field.name()] for field in fields])
        copies.append(copy)
    layer.dataProvider().addFeatures(copies)
    if not crs:
        layer.setCrs(QgsCoordinateReferenceSystem())
    return layer


def test_bad_inputs_are_refused_with_clear_messages(provider, years, tmp_path):
    with pytest.raises(QgsProcessingException, match=r"Field 'NOPE' \(CLASS_FIELD\) is not in layer"):
        run_balance(years, tmp_path, CLASS_FIELD="NOPE")
    without_class = memory_copy(years["previous"], "EPSG:4527", drop="DLBM")
    with pytest.raises(QgsProcessingException, match=r"Field 'DLBM' \(CLASS_FIELD\) is not in layer 'copy'"):
        run_balance(years, tmp_path, PREVIOUS=without_class)
    other_crs = memory_copy(years["previous"], "EPSG:4528")
    with pytest.raises(QgsProcessingException, match=r"EPSG:4528.*EPSG:4527.*one CRS"):
        run_balance(years, tmp_path, PREVIOUS=other_crs)
    no_crs = memory_copy(years["previous"])
    with pytest.raises(QgsProcessingException, match=r"'copy' has no CRS"):
        run_balance(years, tmp_path, PREVIOUS=no_crs)


def test_dashboard_shows_the_balances_and_the_yearly_flows(provider, years, tmp_path):
    from .test_dashboard_report import Tables

    units = run_balance(years, tmp_path)["OUTPUT_UNITS"]
    layers = [open_layer(years["previous"], "dltb_2025"), open_layer(years["parcels"], "dltb_2026")]
    html = tmp_path / "dashboard.html"
    run_algorithm("farmlandgrid:dashboardreport", {"BALANCE": units, "PARCEL_LAYERS": layers, "OUTPUT_HTML": str(html)})
    tables = Tables(html.read_text(encoding="utf-8")).tables
    written = {f["unit_code"]: f for f in features(units)}
    inout = {row[0]: row for row in tables["balance-inout"][1:]}
    for code, unit in written.items():
        row = inout["" if code == "TOTAL" else code]
        assert [float(v) for v in row[2:5]] == pytest.approx([unit["in_mu"], unit["out_mu"], unit["inout_balance_mu"]], abs=1e-4)
        assert float(row[6]) == pytest.approx(unit["inout_gap_mu"], abs=1e-4)
    # The trend's 进/出/占/补 of 2025–2026 are the balance's, counted the same way from the two layers.
    flows = {row[1]: row for row in tables["trend-flows"][1:] if row[0] == "2025–2026"}
    for code, unit in written.items():
        row = flows["" if code == "TOTAL" else code]
        assert [float(v) for v in row[3:]] == pytest.approx(
            [unit["in_mu"], unit["out_mu"], unit["occupied_mu"], unit["compensated_mu"]], abs=1e-3
        )
