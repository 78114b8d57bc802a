"""farmlandgrid:decomposetargets on a generated county: exact sums, proportional shares, given rows, bad rows, aliases."""

import csv
from collections import defaultdict

import pytest
from qgis.core import NULL, QgsProcessingException, QgsVectorLayer, QgsWkbTypes

from .helpers import MU, RecordingFeedback, open_layer, run_algorithm

FARMLAND = ("0101", "0102", "0103")
KINDS = ("farmland_target_mu", "pbf_target_mu")


def target_rows(county):
    with open(county.targets_csv, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_targets(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["unit_code", "unit_name", "farmland_target_mu", "pbf_target_mu"])
        writer.writeheader()
        writer.writerows(rows)
    return str(path)


def decompose(county, targets, feedback=None, **extra):
    result = run_algorithm(
        "farmlandgrid:decomposetargets",
        {"PARCELS": county.uri(county.parcels_layer), "TARGETS": targets, "OUTPUT": "memory:", **extra},
        feedback,
    )
    return {f["grid_code"]: f for f in result["OUTPUT"].getFeatures()}


def hundredths(value):
    return round(value * 100)


def children_of(units):
    kids = defaultdict(list)
    for unit in units.values():
        kids[unit["parent_code"]].append(unit)
    return kids


def farmland_by_unit(county, area_field):
    """Farmland 亩 per unit of every level, from the attribute table alone."""
    totals = defaultdict(float)
    for f in open_layer(county.uri(county.parcels_layer)).getFeatures():
        if f["DLBM"][:4] in FARMLAND:
            code = f["ZLDWDM"]
            for n in (6, 9, 12, 15):
                if n < 15 or code[12:15] != "000":
                    totals[code[:n]] += f[area_field] / MU
    return totals


def test_county_target_decomposed_down_to_groups(provider, county, county_config, tmp_path):
    county_row = target_rows(county)[0]
    feedback = RecordingFeedback()
    units = decompose(county, write_targets(tmp_path / "county.csv", [county_row]), feedback)
    t, v, g = county_config.townships, county_config.villages, county_config.groups
    levels = defaultdict(int)
    for unit in units.values():
        levels[unit["level"]] += 1
    assert levels == {3: 1, 4: t, 5: t * v, 6: t * (v - 1) * g}
    top = units[county_row["unit_code"]]
    assert top["source"] == "given" and top["unit_name"] == county_row["unit_name"] and top["level_name"] == "县/区"
    assert top["farmland_target_mu"] == float(county_row["farmland_target_mu"])
    assert top["pbf_target_mu"] == float(county_row["pbf_target_mu"])
    assert {u["source"] for u in units.values() if u is not top} == {"decomposed"}

    kids = children_of(units)
    parents = [u for u in units.values() if u["grid_code"] in kids]
    assert len(parents) == 1 + t + t * (v - 1)  # county, townships, villages with groups
    for parent in parents:
        siblings = kids[parent["grid_code"]]
        basis = sum(k["basis_mu"] for k in siblings)
        for kind in KINDS:
            # Exact to the hundredth at every level, and each share proportional to the unit's farmland.
            assert sum(hundredths(k[kind]) for k in siblings) == hundredths(parent[kind]), (parent["grid_code"], kind)
            for k in siblings:
                assert k[kind] == pytest.approx(parent[kind] * k["basis_mu"] / basis, abs=0.01)
                assert k[kind] == round(k[kind], 2)

    expected = farmland_by_unit(county, "TBDLMJ")
    for code, unit in units.items():
        assert unit["basis_mu"] == pytest.approx(expected[code], abs=1e-3), code
        assert unit["area_method"] == "field:TBDLMJ"
    bottom = [u for u in units.values() if u["level"] == 6 or (u["level"] == 5 and u["grid_code"] not in kids)]
    assert all(u["unit_name"] for u in bottom)  # from ZLDWMC
    assert not [line for line in feedback.lines if "add up" in line or "skipped" in line]


def test_given_township_rows_override_the_county_share(provider, county, county_config):
    rows = target_rows(county)
    feedback = RecordingFeedback()
    units = decompose(county, str(county.targets_csv), feedback)
    townships = [u for u in units.values() if u["level"] == 4]
    assert len(townships) == county_config.townships
    for row in rows[1:]:
        unit = units[row["unit_code"]]
        assert unit["source"] == "given" and unit["unit_name"] == row["unit_name"]
        assert unit["farmland_target_mu"] == float(row["farmland_target_mu"])
        assert unit["pbf_target_mu"] == float(row["pbf_target_mu"])
    warnings = [line for line in feedback.lines if "add up to" in line]
    assert len(warnings) == 2  # farmland and PBF: the sample's township targets differ from the county's
    assert all(f"under {rows[0]['unit_code']}" in w and rows[1]["unit_code"] in w for w in warnings)
    # Below the given townships every level adds up to its parent exactly again.
    kids = children_of(units)
    for parent in units.values():
        if parent["level"] >= 4 and parent["grid_code"] in kids:
            for kind in KINDS:
                assert sum(hundredths(k[kind]) for k in kids[parent["grid_code"]]) == hundredths(parent[kind])


def test_bad_target_rows_are_reported_and_skipped(provider, county, tmp_path):
    county_row, first, second, third = target_rows(county)[:4]
    rows = [
        county_row,
        {**first, "farmland_target_mu": "about 1800"},  # text
        {**second, "unit_code": "130123099"},  # a township without parcels
        {**second, "pbf_target_mu": ""},  # empty
        {**third, "unit_code": "13A123003"},  # not a code
        third,
        {**third, "farmland_target_mu": "1.00"},  # the same unit twice
    ]
    feedback = RecordingFeedback()
    units = decompose(county, write_targets(tmp_path / "bad.csv", rows), feedback)
    text = "\n".join(feedback.lines)
    assert "Target row 3 (130123001) is skipped: farmland_target_mu 'about 1800' is not a number" in text
    assert "Unit 130123099 has a target but no parcels" in text
    assert "Target row 5 (130123002) is skipped: pbf_target_mu '' is not a number" in text
    assert "Target row 6 is skipped: Unit code '13A123003' has a non-digit character 'A' at position 3" in text
    assert "Unit 130123003 has targets in rows 7, 8; none of them is used" in text
    # The good county row is still decomposed, to every township.
    assert [u["source"] for u in units.values() if u["level"] == 4] == ["decomposed"] * 3
    assert units["130123"]["farmland_target_mu"] == float(county_row["farmland_target_mu"])


def test_no_usable_target_row_fails_clearly(provider, county, tmp_path):
    rows = [{"unit_code": "130199", "unit_name": "", "farmland_target_mu": "1", "pbf_target_mu": "1"}]
    with pytest.raises(QgsProcessingException, match="No target row could be used"):
        decompose(county, write_targets(tmp_path / "none.csv", rows))


def test_ellipsoidal_areas_down_to_villages(provider, county, tmp_path):
    county_row = target_rows(county)[0]
    targets = write_targets(tmp_path / "county.csv", [{**county_row, "pbf_target_mu": ""}])
    units = decompose(county, targets, AREA_FIELD="", BOTTOM_LEVEL=1, PBF_TARGET_FIELD="")
    assert {u["level"] for u in units.values()} == {3, 4, 5}
    expected = farmland_by_unit(county, "TBMJ")  # the sample's TBMJ is the ellipsoidal area
    for code, unit in units.items():
        assert unit["area_method"] == "ellipsoidal:CGCS2000"
        assert unit["basis_mu"] == pytest.approx(expected[code], rel=1e-6)
        assert unit["pbf_target_mu"] == NULL  # no PBF target field


def test_geopackage_output_keeps_chinese_aliases(provider, county, tmp_path):
    path = tmp_path / "targets.gpkg"
    run_algorithm(
        "farmlandgrid:decomposetargets",
        {"PARCELS": county.uri(county.parcels_layer), "TARGETS": str(county.targets_csv), "OUTPUT": str(path)},
    )
    layer = QgsVectorLayer(str(path), "targets", "ogr")
    assert layer.isValid() and layer.featureCount() > 0
    assert layer.wkbType() == QgsWkbTypes.NoGeometry
    aliases = {f.name(): layer.attributeAlias(i) for i, f in enumerate(layer.fields())}
    assert aliases["farmland_target_mu"] == "耕地保有量目标(亩)"
    assert aliases["basis_mu"] == "现状耕地面积(亩)"
    assert aliases["source"] == "目标来源"
