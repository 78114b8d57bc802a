"""Province and city cells above county cells: unions and exact sums (domain.grid_upper)."""

import math

import numpy as np
import pytest
import shapely

from farmland_grid_plugin.domain import grid
from farmland_grid_plugin.domain import grid_qa as qa
from farmland_grid_plugin.domain import roster as roster_rules
from farmland_grid_plugin.domain.area import planar_areas
from farmland_grid_plugin.domain.grid_pbf import cell_pbf_m2
from farmland_grid_plugin.domain.grid_upper import upper_cells, upper_gap_issues, upper_levels
from farmland_grid_plugin.domain.unitcode import LEVEL_CITY, LEVEL_PROVINCE, LevelLengths, UnitCodeError
from tests.unit.test_grid import SIDE, X0, Y0, county, make

CHAIN = (2, 4, 6, 9, 12, 15)


def counties():
    """Three counties of city 6405 side by side (1 km squares), one county of city 6404 further east."""
    codes = ["640502", "640521", "640522", "640402"]
    geoms = np.array([shapely.box(i * 1000, 0, i * 1000 + 1000, 1000) for i in (0, 1, 2, 5)], dtype=object)
    values = {
        "farmland_mu": np.array([0.1, 0.2, 0.3, 7.25]),
        "pbf_mu": np.array([1e16, 1.0, -1e16, 2.0]),
        "parcel_count": np.array([3, 4, 5, 6]),
    }
    return codes, geoms, values


def test_city_and_province_cells_carry_the_exact_sums_and_the_union():
    codes, geoms, values = counties()
    cells = upper_cells(codes, geoms, values, CHAIN)
    assert [(c["level"], c["code"]) for c in cells] == [(1, "64"), (2, "6404"), (2, "6405")]
    province, small, city = cells
    # fsum: 0.1 + 0.2 + 0.3 is 0.6 exactly as rounded, not 0.6000000000000001; the 1e16 pair cancels.
    assert city["farmland_mu"] == 0.6 and city["pbf_mu"] == 1.0
    assert city["parcel_count"] == 12 and isinstance(city["parcel_count"], int)
    assert city["county_count"] == 3 and city["parent_code"] == "64" and province["parent_code"] == ""
    assert shapely.equals(city["geometry"], shapely.box(0, 0, 3000, 1000))
    assert small["farmland_mu"] == 7.25 and shapely.equals(small["geometry"], geoms[3])
    assert province["farmland_mu"] == math.fsum([0.1, 0.2, 0.3, 7.25]) and province["county_count"] == 4
    assert province["geometry"].area == pytest.approx(4e6)


def test_the_chain_decides_the_levels():
    codes, geoms, values = counties()
    assert {c["level"] for c in upper_cells(codes, geoms, values, "4,6,9,12,15")} == {LEVEL_CITY}
    assert {c["level"] for c in upper_cells(codes, geoms, values, "2,6,9,12,15")} == {LEVEL_PROVINCE}
    # The four-length form names no upper level: asking for upper cells gives both.
    assert upper_levels(LevelLengths()) == (LEVEL_PROVINCE, LEVEL_CITY)
    assert {c["level"] for c in upper_cells(codes, geoms, values, LevelLengths())} == {1, 2}
    assert upper_cells([], np.zeros(0, dtype=object), {}, CHAIN) == []


def test_bad_codes_and_columns_are_refused():
    codes, geoms, values = counties()
    with pytest.raises(UnitCodeError, match="given more than once"):
        upper_cells(["640502", "640502"], geoms[:2], {}, CHAIN)
    with pytest.raises(UnitCodeError, match="not a county code of 6 digits"):
        upper_cells(["6405021"], geoms[:1], {}, CHAIN)
    with pytest.raises(ValueError, match="one entry per county"):
        upper_cells(codes, geoms, {"farmland_mu": np.zeros(2)}, CHAIN)
    with pytest.raises(ValueError, match="cannot be named level"):
        upper_cells(codes, geoms, {"level": np.zeros(4)}, CHAIN)


def test_missing_geometries_add_nothing():
    cells = upper_cells(["640502", "640521"], np.array([None, shapely.box(0, 0, 1, 1)], dtype=object), {}, "4,6,9,12,15")
    assert shapely.equals(cells[0]["geometry"], shapely.box(0, 0, 1, 1))


def test_gap_between_counties_and_uncovered_official_boundary():
    ring = shapely.box(0, 0, 3000, 3000).difference(shapely.box(1000, 1000, 2000, 2000))
    west, east = ring.intersection(shapely.box(0, 0, 1500, 3000)), ring.intersection(shapely.box(1500, 0, 3000, 3000))
    city = shapely.union_all([west, east])
    gaps = upper_gap_issues("6405", LEVEL_CITY, city, [west, east], planar_areas, 0.1, official=False)
    assert len(gaps) == 1 and gaps[0].issue_type == qa.ISSUE_GAP and gaps[0].area_m2 == pytest.approx(1e6)
    assert gaps[0].level == LEVEL_CITY and gaps[0].grid_code == "6405" and "gap between its county cells" in str(gaps[0].message)
    # A county's own hole is no gap between counties.
    holed = shapely.box(0, 0, 3000, 3000).difference(shapely.box(100, 100, 200, 200))
    assert upper_gap_issues("6405", LEVEL_CITY, holed, [holed], planar_areas, 0.1, official=False) == []
    # An official city boundary with a county missing: its area is reported.
    official = shapely.box(0, 0, 4000, 3000)
    missing = upper_gap_issues("6405", LEVEL_CITY, official, [shapely.box(0, 0, 3000, 3000)], planar_areas, 0.1, official=True)
    assert [round(i.area_m2) for i in missing] == [3_000_000] and "covered by none" in str(missing[0].message)


# --- delineate with two counties: the upper levels, their persons and their QA -------------------------------------


def two_counties(second="130124", shift_rows=10):
    """The hand-made county of test_grid (130123, 12 farmland squares) and a copy north of it coded ``second``."""
    first, other = county(), county()
    geoms = first["geoms"] + [shapely.affinity.translate(g, 0, shift_rows * SIDE) for g in other["geoms"]]
    codes = first["codes"] + [second + c[6:] for c in other["codes"]]
    ids = first["ids"] + ["B" + i for i in other["ids"]]
    return make(geoms, codes, first["farmland"] + other["farmland"], ids)


def cells_of(result):
    return {c.grid_code: c for c in result.cells}


def test_two_counties_get_their_city_and_province():
    result = grid.delineate(two_counties(), planar_areas)
    cells = cells_of(result)
    city, province = cells["1301"], cells["13"]
    assert (city.level, city.parent_code, province.level, province.parent_code) == (2, "13", 1, "")
    assert city.farmland_m2 == cells["130123"].farmland_m2 + cells["130124"].farmland_m2 == 24 * SIDE * SIDE
    assert city.parcel_count == 32 and city.farmland_count == 24 and province.farmland_m2 == city.farmland_m2
    assert city.geometry.area == pytest.approx(32 * SIDE * SIDE)
    assert cells["130124"].parent_code == "1301"
    # The counties do not touch; nothing encloses a gap, nothing is reported.
    assert result.issues == []


def test_one_county_gets_upper_cells_only_when_the_chain_names_them():
    single = make(**county())
    assert {c.level for c in grid.delineate(single, planar_areas).cells} == {3, 4, 5, 6}
    city_only = grid.delineate(make(**county()), planar_areas, lengths=LevelLengths.parse("4,6,9,12,15"))
    assert {c.level for c in city_only.cells} == {2, 3, 4, 5, 6}
    full = grid.delineate(make(**county()), planar_areas, lengths=LevelLengths.parse("2,4,6,9,12,15"))
    assert cells_of(full)["13"].farmland_m2 == cells_of(full)["130123"].farmland_m2 == 12 * SIDE * SIDE


def test_city_and_province_persons_come_from_the_roster():
    rows = [("1301", "市长甲", "总责任人", "13800000001"), ("130100000000", "田管员乙", "田管员", "13800000002")]
    roster = roster_rules.Roster(
        [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows], ["示范市", None], ["1", "2"]
    )
    result = grid.delineate(two_counties(), planar_areas, roster=roster)
    city = cells_of(result)["1301"]
    assert city.persons == [("市长甲", "总责任人", "13800000001"), ("田管员乙", "田管员", "13800000002")]
    assert city.unit_name == "示范市"
    no_person = {i.grid_code for i in result.issues if i.issue_type == qa.ISSUE_NO_PERSON}
    assert "13" in no_person and "1301" not in no_person


def test_gap_between_the_counties_of_a_city():
    # Counties 130123 (rows 0-3) and 130124 (rows 5-8), county 130125 as a column on either side of them: row 4
    # between them is enclosed by the city's counties and belongs to none.
    data = two_counties(shift_rows=5)
    columns = [
        shapely.box(X0 + x, Y0 + y * SIDE, X0 + x + SIDE, Y0 + (y + 1) * SIDE) for x in (-SIDE, 4 * SIDE) for y in range(9)
    ]
    parcels = make(
        list(data.geoms) + columns,
        list(data.codes) + ["1301250010010010000"] * len(columns),
        list(data.farmland) + [True] * len(columns),
        list(data.ids) + [f"C{i}" for i in range(len(columns))],
    )
    result = grid.delineate(parcels, planar_areas)
    gaps = [i for i in result.issues if i.issue_type == qa.ISSUE_GAP]
    assert [(i.level, i.grid_code, i.layer) for i in gaps] == [(2, "1301", qa.LAYER_GRID)]
    assert gaps[0].area_m2 == pytest.approx(4 * SIDE * SIDE)
    assert shapely.equals(gaps[0].geometry, shapely.box(X0, Y0 + 4 * SIDE, X0 + 4 * SIDE, Y0 + 5 * SIDE))


def test_official_city_boundary_county_outside_it_in_it_by_mistake_and_uncovered():
    # 130123 in rows 0-3, 130124 in rows 10-13, 130201 (of city 1302) in rows 20-23. The official boundary of city
    # 1301 covers rows 0-11 and rows 19-24: 130124 reaches out of it, 130201 lies in it though coded for 1302.
    data = two_counties()
    far = [shapely.affinity.translate(g, 0, 20 * SIDE) for g in county()["geoms"]]
    parcels = make(
        list(data.geoms) + far,
        list(data.codes) + ["130201" + c[6:] for c in county()["codes"]],
        list(data.farmland) + county()["farmland"],
        list(data.ids) + [f"F{i}" for i in range(len(far))],
    )
    rows = [shapely.box(X0, Y0 + a * SIDE, X0 + 4 * SIDE, Y0 + b * SIDE) for a, b in ((0, 12), (19, 25))]
    boundaries = grid.Boundaries(
        geoms=np.array([shapely.multipolygons(rows)], dtype=object), codes=["1301000000000000000"], names=["甲市"], ids=["fid 1"]
    )
    result = grid.delineate(parcels, planar_areas, boundaries=boundaries)
    cells = cells_of(result)
    assert cells["1301"].source == qa.SOURCE_BOUNDARY and cells["1301"].unit_name == "甲市"
    assert cells["1301"].farmland_m2 == 24 * SIDE * SIDE  # figures from its counties, not from its shape
    assert cells["1302"].source == qa.SOURCE_PARCELS and cells["1302"].farmland_m2 == 12 * SIDE * SIDE
    outside = [i for i in result.issues if i.issue_type == qa.ISSUE_OUTSIDE_PARENT]
    assert [(i.level, i.grid_code, i.other_code) for i in outside] == [(3, "130124", "1301")]
    assert outside[0].area_m2 == pytest.approx(8 * SIDE * SIDE)
    mismatch = [i for i in result.issues if i.issue_type == qa.ISSUE_CODE_MISMATCH]
    assert [(i.level, i.grid_code, i.other_code) for i in mismatch] == [(2, "1301", "130201")]
    assert "County cell 130201 lies in boundary 1301, not in its own 1302" == str(mismatch[0].message)
    # Of 1301's 72 squares its own counties cover 24: rows 4-9 and rows 19-24 (where 130201 lies) are reported.
    uncovered = [i for i in result.issues if i.issue_type == qa.ISSUE_GAP]
    assert {i.grid_code for i in uncovered} == {"1301"}
    assert sum(i.area_m2 for i in uncovered) == pytest.approx(48 * SIDE * SIDE)


def test_pbf_per_cell_from_the_bottom_cells_up_to_the_province():
    result = grid.delineate(two_counties(), planar_areas)
    # One PBF polygon over the first two columns of rows 0-1 (county 130123, group 001001001 and 001001002) and
    # one of 130124 (rows 10-13) crossing the edge of the county by half its area.
    pbf = np.array(
        [
            shapely.box(X0, Y0, X0 + 2 * SIDE, Y0 + 2 * SIDE),
            shapely.box(X0 + 3.5 * SIDE, Y0 + 10 * SIDE, X0 + 4.5 * SIDE, Y0 + 11 * SIDE),
        ],
        dtype=object,
    )
    totals, outside = cell_pbf_m2(result.cells, result.parcel_cells, pbf, planar_areas)
    square = SIDE * SIDE
    assert totals["130123001001001"] == totals["130123001001002"] == 2 * square
    assert totals["130123"] == 4 * square and totals["130124"] == pytest.approx(0.5 * square)
    assert totals["1301"] == totals["13"] == pytest.approx(4.5 * square)
    assert list(outside) == [0.0, pytest.approx(0.5 * square)]
