import numpy as np
import pytest
import shapely

from farmland_grid_plugin.domain import quota
from farmland_grid_plugin.domain.area import planar_areas


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
