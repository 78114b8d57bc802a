import numpy as np
import pytest
import shapely

from farmland_grid_plugin.domain import quota
from farmland_grid_plugin.domain.area import planar_areas
from farmland_grid_plugin.domain.unitcode import LEVEL_GROUP, LEVEL_TOWNSHIP


@pytest.mark.parametrize(
    "code, category",
    [
        ("0702", "non_agri"),
        ("0601", "non_agri"),
        ("1003", "non_agri"),
        ("0508", "non_agri"),
        ("1109", "non_agri"),
        ("1006", "other"),
        ("0201", "non_grain"),
        ("0201K", "non_grain"),
        ("0301", "non_grain"),
        ("0404", "non_grain"),
        ("1104", "non_grain"),
        ("1104A", "non_grain"),
        ("0103", "other"),
        ("1101", "other"),
        ("1202", "other"),
        ("", "other"),
        (None, "other"),
    ],
)
def test_change_categories(code, category):
    assert quota.change_category(code) == category
    assert list(quota.change_categories([code, code])) == [category, category]


def test_accountability_thresholds_are_inclusive():
    flags = quota.accountable([4.99, 5.0, 0.0, 0.0], [0.0, 0.0, 9.99, 10.0])
    assert list(flags) == [False, True, False, True]
    assert list(quota.accountable([3.0], [3.0], pbf_limit_mu=3.0, farmland_limit_mu=20.0)) == [True]


def test_gap_surplus_completion():
    assert quota.gap(90.0, 100.0) == (10.0, 0.0, 90.0)
    assert quota.gap(110.0, 100.0) == (0.0, 10.0, 110.0)
    assert quota.gap(5.0, None) == (None, None, None)
    assert quota.gap(5.0, 0.0) == (0.0, 5.0, None)


def test_county_checks_at_their_limits():
    share, total = quota.county_checks(15.0, 100.0, 0.15, 100.0)
    assert share.passed and share.value == pytest.approx(0.15) and total.passed
    share, total = quota.county_checks(100.01, 600.0, 0.15, 100.0)
    assert not share.passed and not total.passed
    assert "100.01" in str(total.message) and "16.7%" in str(share.message)
    assert quota.county_checks(0.0, 0.0)[0].passed


def test_area_by_unit_splits_only_straddling_polygons():
    units = ["A", "B"]
    unit_geoms = [shapely.box(0, 0, 100, 100), shapely.box(100, 0, 200, 100)]
    polys = np.array([shapely.box(10, 10, 20, 20), shapely.box(90, 0, 110, 10), shapely.box(190, 90, 210, 100)], dtype=object)
    totals, outside = quota.area_by_unit(polys, units, unit_geoms, planar_areas)
    assert totals == {"A": pytest.approx(100 + 100), "B": pytest.approx(100 + 100)}
    assert list(outside) == pytest.approx([0, 0, 100])


def test_overlay_patches():
    parcels = np.array([shapely.box(0, 0, 100, 100), shapely.box(100, 0, 200, 100)], dtype=object)
    farmland = np.array([True, False])
    pbf = np.array([shapely.box(0, 0, 50, 100)], dtype=object)
    patches = np.array([shapely.box(40, 0, 140, 10), shapely.box(500, 500, 510, 510)], dtype=object)
    overlay = quota.overlay_patches(patches, parcels, farmland, pbf, planar_areas)
    assert list(overlay.farmland_m2) == pytest.approx([600, 0])
    assert list(overlay.pbf_m2) == pytest.approx([100, 0])
    assert list(overlay.parcel) == [0, -1]


def test_dissolve_units():
    geoms = np.array([shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1), shapely.box(5, 5, 6, 6)], dtype=object)
    units = quota.dissolve_units(geoms, ["a", "a", "b"])
    assert units["a"].area == pytest.approx(2) and shapely.get_num_geometries(units["a"]) == 1
    assert set(units) == {"a", "b"}


# Full location codes: a group in village 001 of township 001, and village 002 without groups.
GROUP_A = "1301230010010010000"
VILLAGE_B = "1301230010020000000"


def test_unit_keys_at_group_level_keep_villages_without_groups():
    padded = np.array([GROUP_A, VILLAGE_B, ""], dtype=object)
    assert list(quota.unit_keys(padded, LEVEL_GROUP)) == ["130123001001001", "130123001002", ""]
    assert list(quota.unit_keys(padded, LEVEL_TOWNSHIP)) == ["130123001", "130123001", ""]


def test_unit_quota_gaps_from_unrounded_areas_and_total_row():
    mu = 10000.0 / 15.0
    stats = quota.Counter(non_agri_count=2, non_agri_mu=1.23456, accountable_count=1)
    first = quota.unit_quota("130123001", "甲乡", 120 * mu, 40 * mu, quota.Targets(100.0, 50.0), stats, "field:TBDLMJ")
    second = quota.unit_quota("130123002", "", 80 * mu, 0.0, None, quota.Counter(), "field:TBDLMJ")
    assert first.farmland_mu == 120.0 and first.farmland_gap_mu == 0.0 and first.farmland_surplus_mu == 20.0
    assert first.farmland_completion_pct == 120.0 and first.pbf_gap_mu == 10.0 and first.pbf_completion_pct == 80.0
    assert first.non_agri_count == 2 and first.non_agri_mu == 1.2346 and first.other_count == 0
    assert second.farmland_target_mu is None and second.farmland_gap_mu is None
    total = quota.total_quota([first, second], "field:TBDLMJ")
    assert total.unit_code == "TOTAL" and total.unit_name == "合计" and total.area_method == "field:TBDLMJ"
    assert total.farmland_mu == 200.0 and total.farmland_target_mu == 100.0
    assert total.farmland_completion_pct == 200.0  # of the sums, not a sum of percentages
    assert total.non_agri_count == 2 and isinstance(total.other_count, int) and total.accountable_count == 1
    assert total.row()[:3] == ("TOTAL", "合计", 200.0)
    empty = quota.total_quota([], "x")
    assert empty.farmland_mu is None and empty.non_agri_count == 0 and empty.farmland_completion_pct is None


def test_unit_targets_skip_bad_rows_and_name_them():
    nan = float("nan")
    read = quota.unit_targets(
        ["130123001", "13012300X", "130123099", "130123002", "130123002001"],
        [100.0, 1.0, 1.0, nan, 5.0],
        [50.0, 1.0, 1.0, 20.0, 5.0],
        ["甲乡", "", "", None, "村"],
        LEVEL_TOWNSHIP,
        {"130123001", "130123002"},
        ("farmland_target_mu", "pbf_target_mu"),
    )
    assert read.targets == {"130123001": quota.Targets(100.0, 50.0), "130123002": quota.Targets(None, 20.0)}
    assert read.names == {"130123001": "甲乡"}
    problems = [str(p) for p in read.problems]
    assert len(problems) == 3
    assert problems[0].startswith("Target row 3: ") and "'13012300X'" in problems[0]  # spreadsheet rows: header is 1
    assert problems[1] == "Target row 4: unit 130123099 has no parcels; the row is skipped"
    assert problems[2] == "Target row 5 (130123002): farmland_target_mu is empty or not a number"


def test_a_unit_given_twice_gets_no_target_and_both_rows_are_named():
    read = quota.unit_targets(
        ["130123001", "130123002", "130123001"],
        [100.0, 80.0, 120.0],
        [50.0, 40.0, 60.0],
        ["", "", ""],
        LEVEL_TOWNSHIP,
        {"130123001", "130123002"},
        ("farmland_target_mu", "pbf_target_mu"),
    )
    assert read.targets == {"130123002": quota.Targets(80.0, 40.0)}
    assert [str(p) for p in read.problems] == ["Unit 130123001 has targets in rows 2, 4; none of them is used"]


def test_change_patches_per_unit_rows_and_county_checks():
    overlay = quota.PatchOverlay(np.array([6000.0, 0.0, 100.0]), np.array([4000.0, 0.0, 0.0]), np.array([0, -1, 1]))
    patches = quota.classify_patches(
        np.zeros(3, dtype=object), [1, "P2", "P3"], ["0702", "0301", "0103"], ["违法", "", None], overlay,
        np.array([GROUP_A, VILLAGE_B], dtype=object), 5.0, 9.0,
    )  # fmt: skip
    assert list(patches.category) == ["non_agri", "non_grain", "other"] and patches.ids == ["1", "P2", "P3"]
    assert list(patches.accountable) == [True, False, False] and patches.legality == ["违法", None, None]
    per_unit = patches.per_unit(LEVEL_TOWNSHIP)
    assert per_unit["130123001"]["non_agri_count"] == 1 and per_unit["130123001"]["other_count"] == 1
    assert per_unit["130123001"]["accountable_count"] == 1 and per_unit[""]["non_grain_count"] == 1
    rows = patches.rows({"130123001001001": ("张三", "13800000000"), "130123001002": ("李四", "")}, "ellipsoidal")
    assert rows[0][1:7] == ("130123", "130123001", "130123001001", "130123001001001", "张三", "13800000000")
    assert rows[1][1:7] == (None, None, None, None, None, None)  # outside the parcels
    assert rows[2][4:7] == (None, "李四", None)  # a village without groups is its own cell
    share, total = patches.county_checks({"违法"}, 0.15, 100.0)
    assert total.value == pytest.approx(9.0) and share.value == pytest.approx(1.0) and not share.passed
