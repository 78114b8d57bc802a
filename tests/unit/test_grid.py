"""Grid delineation on hand-made parcels whose answers are known exactly (planar areas, square parcels)."""

import numpy as np
import pytest
import shapely

from farmland_grid_plugin.domain import grid
from farmland_grid_plugin.domain import grid_qa as qa
from farmland_grid_plugin.domain import roster as roster_rules
from farmland_grid_plugin.domain.area import planar_areas
from farmland_grid_plugin.domain.messages import Canceled, Progress

X0, Y0, SIDE = 39_500_000.0, 4_240_000.0, 100.0


def square(col, row, side=SIDE):
    return shapely.box(X0 + col * SIDE, Y0 + row * SIDE, X0 + col * SIDE + side, Y0 + row * SIDE + side)


def county():
    """Township 001: village 001 (groups 001, 002) and village 002 (no groups); township 002: village 001 (group 001).

    Each bottom cell is a 4×1 row of parcels; the 4th parcel of every cell is not farmland.
    """
    cells = ["130123001001001", "130123001001002", "130123001002000", "130123002001001"]
    geoms, codes, farm, ids = [], [], [], []
    for row, cell in enumerate(cells):
        for col in range(4):
            geoms.append(square(col, row))
            codes.append(cell + "0000")
            farm.append(col < 3)
            ids.append(f"P{row}{col}")
    return dict(geoms=geoms, codes=codes, farmland=farm, ids=ids)


def make(geoms, codes, farmland, ids, names=None):
    return grid.Parcels(
        geoms=np.array(geoms, dtype=object),
        codes=list(codes),
        farmland=np.array(farmland, dtype=bool),
        area_m2=None,
        names=names or [None] * len(geoms),
        ids=list(ids),
    )


def run(parcels, **kw):
    return grid.delineate(parcels, planar_areas, **kw)


def by_code(result):
    return {c.grid_code: c for c in result.cells}


def issues_of(result, kind):
    return [i for i in result.issues if i.issue_type == kind]


def test_clean_county_cells_and_totals():
    result = run(make(**county()))
    cells = by_code(result)
    levels = [c.level for c in result.cells]
    assert levels.count(3) == 1 and levels.count(4) == 2 and levels.count(5) == 3 and levels.count(6) == 3
    assert "130123001002000" not in cells  # group part 000: the village is the bottom cell
    for level in (3, 4, 5):
        assert sum(c.farmland_m2 for c in result.cells if c.level == level) == pytest.approx(12 * SIDE * SIDE)
    assert cells["130123001001001"].farmland_m2 == pytest.approx(3 * SIDE * SIDE)
    assert cells["130123001001001"].parcel_count == 4 and cells["130123001001001"].farmland_count == 3
    assert cells["130123001002"].farmland_m2 == pytest.approx(3 * SIDE * SIDE)
    assert cells["130123001"].parent_code == "130123" and cells["130123"].parent_code == "1301"
    # The dissolved township 001 is the 4×3 block of its parcels, one polygon.
    township = cells["130123001"].geometry
    assert township.area == pytest.approx(12 * SIDE * SIDE)
    assert shapely.get_num_geometries(township) == 1
    assert result.issues == []
    assert list(result.parcel_cells[:4]) == ["130123001001001"] * 4
    assert result.parcel_cells[8] == "130123001002"


def test_overlap_across_townships_is_reported_once_per_level_with_its_area():
    data = county()
    # A 30×20 m parcel of township 002 placed inside a parcel of township 001.
    data["geoms"].append(shapely.box(X0 + 10, Y0 + 10, X0 + 40, Y0 + 30))
    data["codes"].append("1301230020010010000")
    data["farmland"].append(True)
    data["ids"].append("intruder")
    result = run(make(**data))
    overlaps = issues_of(result, qa.ISSUE_OVERLAP)
    assert sorted(i.level for i in overlaps) == [4, 5, 6]
    for issue in overlaps:
        assert issue.area_m2 == pytest.approx(600.0)
        assert {issue.grid_code[:9], issue.other_code[:9]} == {"130123001", "130123002"}
    assert issues_of(result, qa.ISSUE_PARCEL_OVERLAP) == []
    # The county is still one proper union, not double-counting geometry.
    assert by_code(result)["130123"].geometry.area == pytest.approx(16 * SIDE * SIDE)


def test_overlapping_parcels_inside_one_group_fall_back_to_a_full_union():
    data = county()
    data["geoms"][1] = shapely.box(X0 + 50, Y0, X0 + 200, Y0 + 100)  # overlaps parcel 0 by 50×100
    result = run(make(**data))
    found = issues_of(result, qa.ISSUE_PARCEL_OVERLAP)
    assert len(found) == 1 and found[0].grid_code == "130123001001001"
    assert found[0].area_m2 == pytest.approx(5000.0)
    assert by_code(result)["130123001001001"].geometry.area == pytest.approx(4 * SIDE * SIDE)
    assert shapely.is_valid(by_code(result)["130123001001001"].geometry)


def test_edges_that_do_not_match_exactly_still_dissolve_correctly():
    data = county()
    # Parcel 1 starts 1 mm right of parcel 0's edge: a sliver gap, so no exact coverage.
    data["geoms"][1] = shapely.box(X0 + SIDE + 0.001, Y0, X0 + 2 * SIDE, Y0 + SIDE)
    result = run(make(**data))
    cell = by_code(result)["130123001001001"].geometry
    assert shapely.is_valid(cell)
    assert cell.area == pytest.approx(4 * SIDE * SIDE - 0.1, abs=1e-6)


def test_invalid_geometry_is_repaired_and_reported_invalid_code_left_out():
    data = county()
    x, y = X0, Y0
    data["geoms"][0] = shapely.Polygon([(x, y), (x + 100, y + 100), (x + 100, y), (x, y + 100), (x, y)])  # bow-tie
    data["codes"][5] = "13012300100100A0000"
    data["geoms"][6] = None
    result = run(make(**data))
    bad_geom = issues_of(result, qa.ISSUE_INVALID_GEOMETRY)
    assert len(bad_geom) == 1 and bad_geom[0].feature_id == "P00" and "Self-intersection" in str(bad_geom[0].message)
    bad_code = issues_of(result, qa.ISSUE_INVALID_CODE)
    assert len(bad_code) == 1 and bad_code[0].feature_id == "P11"
    assert "non-digit character 'A' at position 15" in str(bad_code[0].message)
    assert bad_code[0].area_m2 == pytest.approx(SIDE * SIDE)
    assert len(issues_of(result, qa.ISSUE_EMPTY_GEOMETRY)) == 1
    cells = by_code(result)
    # The bow-tie repaired to two triangles of 2500 m² each; P11 and P12 (farmland) are missing from group 002.
    assert cells["130123001001001"].farmland_m2 == pytest.approx(2 * SIDE * SIDE + 5000.0)
    assert cells["130123001001002"].farmland_m2 == pytest.approx(SIDE * SIDE)
    assert cells["130123001001002"].parcel_count == 2


def test_unusable_area_value_falls_back_to_geometry_and_is_reported():
    parcels = make(**county())
    parcels.area_m2 = np.full(len(parcels.geoms), SIDE * SIDE)
    parcels.area_m2[2] = np.nan
    result = run(parcels)
    found = issues_of(result, qa.ISSUE_INVALID_AREA)
    assert [i.feature_id for i in found] == ["P02"] and found[0].area_m2 == pytest.approx(SIDE * SIDE)
    assert by_code(result)["130123001001001"].farmland_m2 == pytest.approx(3 * SIDE * SIDE)


def boundaries_for(codes_and_geoms):
    codes, geoms = zip(*codes_and_geoms)
    return grid.Boundaries(
        geoms=np.array(geoms, dtype=object), codes=list(codes), names=[f"名{c}" for c in codes], ids=list(codes)
    )


def village_boundaries():
    return [
        ("1301230010010000000", shapely.box(X0, Y0, X0 + 4 * SIDE, Y0 + 2 * SIDE)),
        ("1301230010020000000", shapely.box(X0, Y0 + 2 * SIDE, X0 + 4 * SIDE, Y0 + 3 * SIDE)),
        ("1301230020010000000", shapely.box(X0, Y0 + 3 * SIDE, X0 + 4 * SIDE, Y0 + 4 * SIDE)),
    ]


def test_boundaries_replace_cells_and_clean_input_has_no_issues():
    result = run(make(**county()), boundaries=boundaries_for(village_boundaries()))
    cells = by_code(result)
    assert cells["130123001002"].source == qa.SOURCE_BOUNDARY
    assert cells["130123001002"].unit_name == "名1301230010020000000"
    assert cells["130123001001001"].source == qa.SOURCE_PARCELS
    assert result.issues == []


def test_code_mismatch_gap_and_outside_parent_with_boundaries():
    data = county()
    data["codes"][13] = "1301230010020000000"  # lies in township 002's village, coded to township 001 village 002
    bounds = village_boundaries()
    # Village 002 of township 001 loses the first parcel's square (a gap) and gains a square outside the county.
    bounds[1] = (
        bounds[1][0],
        shapely.box(X0 + SIDE, Y0 + 2 * SIDE, X0 + 4 * SIDE, Y0 + 3 * SIDE).union(shapely.box(X0 - 300, Y0, X0 - 250, Y0 + 40)),
    )
    result = run(make(**data), boundaries=boundaries_for(bounds))
    mismatch = issues_of(result, qa.ISSUE_CODE_MISMATCH)
    assert len(mismatch) == 1 and mismatch[0].feature_id == "P31" and mismatch[0].grid_code == "130123002001"
    assert mismatch[0].area_m2 == pytest.approx(SIDE * SIDE)
    cells = by_code(result)
    # Counted where it lies: township 002's group keeps all three farmland parcels.
    assert cells["130123002001"].farmland_m2 == pytest.approx(3 * SIDE * SIDE)
    assert cells["130123001002"].farmland_m2 == pytest.approx(3 * SIDE * SIDE)
    gaps = issues_of(result, qa.ISSUE_GAP)
    assert [g.feature_id for g in gaps] == ["P20"] and gaps[0].area_m2 == pytest.approx(SIDE * SIDE)
    outside = issues_of(result, qa.ISSUE_OUTSIDE_PARENT)
    assert len(outside) == 1 and outside[0].grid_code == "130123001002" and outside[0].other_code == "130123001"
    assert outside[0].area_m2 == pytest.approx(50 * 40)


def test_invalid_code_is_assigned_by_location_when_a_boundary_holds_it():
    data = county()
    data["codes"][0] = "bad"
    result = run(make(**data), boundaries=boundaries_for(village_boundaries()))
    assert len(issues_of(result, qa.ISSUE_INVALID_CODE)) == 1
    assert by_code(result)["130123001001"].farmland_m2 == pytest.approx(6 * SIDE * SIDE)
    assert by_code(result)["130123001"].farmland_m2 == pytest.approx(9 * SIDE * SIDE)


def roster(rows):
    codes, persons, roles, phones = zip(*rows)
    n = len(rows)
    return roster_rules.Roster(list(codes), list(persons), list(roles), list(phones), [None] * n, [str(i + 1) for i in range(n)])


def test_roster_persons_holes_and_unknown_units():
    rows = [
        ("130123", "县长甲", "总责任人", "13800000001"),
        ("130123001", "镇长乙", "总责任人", "13800000002"),
        ("1301230010000000000", "副镇长丙", "责任人", "13800000003"),
        ("130123002", "镇长丁", "总责任人", "13800000004"),
        ("130123001001", "村书记", "责任人", "13800000005"),
        ("130123001002", "村主任", "责任人", "13800000006"),
        ("130123002001", "村主任二", "责任人", "13800000007"),
        ("130123001001001", "田管员一", "田管员", "13800000008"),
        ("130123002001001", "田管员三", "田管员", "13800000009"),
        ("130123009001", "无名", "责任人", ""),
    ]
    result = run(make(**county()), roster=roster(rows))
    cells = by_code(result)
    assert [p[0] for p in cells["130123001"].persons] == ["镇长乙", "副镇长丙"]
    holes = issues_of(result, qa.ISSUE_NO_PERSON)
    assert [h.grid_code for h in holes] == ["130123001001002"]
    assert holes[0].area_m2 == pytest.approx(3 * SIDE * SIDE)
    unknown = issues_of(result, qa.ISSUE_ROSTER_UNKNOWN_UNIT)
    assert [u.feature_id for u in unknown] == ["10"]


def test_unit_names_come_from_the_most_common_parcel_name():
    data = county()
    names = ["一组"] * 3 + ["一 组"] + ["二组"] * 4 + ["东村"] * 4 + ["西村一组"] * 4
    result = run(make(**data, names=names))
    cells = by_code(result)
    assert cells["130123001001001"].unit_name == "一组"
    assert cells["130123001002"].unit_name == "东村"


def test_cancel_stops_the_run():
    calls = []

    def canceled():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Canceled):
        run(make(**county()), progress=Progress(canceled=canceled))
