"""Target decomposition: exact sums at every level, proportional shares, ties, given overrides, bad weights."""

import math
from fractions import Fraction

import numpy as np
import pytest

from farmland_grid_plugin.domain.decompose import (
    SOURCE_DECOMPOSED,
    SOURCE_GIVEN,
    apportion,
    decompose,
    farmland_basis,
    to_hundredths,
)
from farmland_grid_plugin.domain.messages import DomainError
from farmland_grid_plugin.domain.unitcode import LEVEL_GROUP, LEVEL_TOWNSHIP, LEVEL_VILLAGE

COUNTY = "130123"


def quotas(total, weights):
    """Exact proportional quotas (equal ones when all weights are zero)."""
    exact = [Fraction(float(w)) for w in weights]
    if not any(exact):
        exact = [Fraction(1)] * len(exact)
    whole = sum(exact)
    return [total * w / whole for w in exact]


def test_apportion_adds_up_exactly_and_stays_within_a_hundredth_of_the_quota():
    rng = np.random.default_rng(11)
    for _ in range(500):
        n = int(rng.choice([1, 2, 3, 7, 40, 600]))
        total = int(rng.choice([0, 1, 2, 3, n - 1, n + 1, 999, int(rng.integers(0, 10**9))]))
        weights = rng.exponential(50.0, n) * (rng.random(n) > 0.2)  # some units without farmland
        shares = apportion(total, weights)
        assert sum(shares) == total
        assert all(s >= 0 for s in shares)
        for share, quota in zip(shares, quotas(total, weights)):
            assert abs(share - quota) < 1


def test_apportion_is_proportional():
    assert apportion(10000, [1.0, 3.0]) == [2500, 7500]
    assert apportion(100, [0.0, 2.0, 2.0, 4.0]) == [0, 25, 25, 50]


def test_largest_remainders_get_the_leftover_hundredths():
    # Quotas 0.7, 1.4, 4.9: two hundredths are left, for the remainders .9 and .7.
    assert apportion(7, [0.1, 0.2, 0.7]) == [1, 1, 5]
    assert apportion(1000, [1, 2, 3, 4, 5, 6]) == [48, 95, 143, 190, 238, 286]


def test_ties_go_to_the_earlier_unit_whatever_the_float_noise():
    assert apportion(1, [1, 1, 1]) == [1, 0, 0]
    assert apportion(5, [2.5, 2.5]) == [3, 2]
    assert apportion(10, [1.5, 4.5, 4.0]) == [2, 4, 4]  # remainders .5, .5, 0
    # Quotas 0.2, 0.6, 0.6, 0.6 computed exactly: the three equal remainders tie, whatever floats would say.
    assert apportion(2, [0.1, 0.3, 0.3, 0.3]) == [0, 1, 1, 0]


def test_zero_weights_split_evenly():
    assert apportion(10, [0, 0, 0]) == [4, 3, 3]
    assert apportion(0, [0, 0]) == [0, 0]


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf"), "abc", None])
def test_invalid_weights_are_refused(bad):
    with pytest.raises(DomainError) as info:
        apportion(100, [1.0, bad])
    assert "number 2" in str(info.value) and "zero or more" in str(info.value)


def test_negative_total_and_no_units_are_refused():
    with pytest.raises(DomainError, match="cannot be negative"):
        apportion(-1, [1.0])
    with pytest.raises(DomainError, match="no unit to share 0.05"):
        apportion(5, [])


def test_hundredths_round_half_up_on_the_decimal_value():
    assert to_hundredths("123.45") == 12345
    assert to_hundredths(0.285) == 29
    assert to_hundredths(0.01) == 1
    for bad in (-0.01, float("nan")):
        with pytest.raises(DomainError, match="zero or more"):
            to_hundredths(bad)


def tree(rng, townships=3, villages=4, groups=3):
    """Basis of a random county: the last village of each township has no groups; some units have no farmland."""
    basis = {}
    for t in range(1, townships + 1):
        for v in range(1, villages + 1):
            bottom = [f"{COUNTY}{t:03d}{v:03d}{g:03d}" for g in range(1, groups + 1)] if v < villages else []
            village = f"{COUNTY}{t:03d}{v:03d}"
            for code in bottom:
                basis[code] = float(rng.exponential(200.0)) if rng.random() > 0.1 else 0.0
            basis[village] = math.fsum(basis[c] for c in bottom) if bottom else float(rng.exponential(500.0))
    for t in range(1, townships + 1):
        basis[f"{COUNTY}{t:03d}"] = math.fsum(v for c, v in basis.items() if len(c) == 12 and c.startswith(f"{COUNTY}{t:03d}"))
    basis[COUNTY] = math.fsum(v for c, v in basis.items() if len(c) == 9)
    return basis


def children_of(rows):
    kids = {}
    for row in rows:
        kids.setdefault(row.parent_code, []).append(row)
    return kids


def assert_children_add_up(rows):
    """Every unit with children: each kind of target of the children adds up to the unit's, to the hundredth."""
    kids = children_of(rows)
    checked = 0
    for row in rows:
        if row.grid_code in kids:
            for kind in ("farmland_target_mu", "pbf_target_mu"):
                parent = getattr(row, kind)
                assert sum(to_hundredths(getattr(k, kind)) for k in kids[row.grid_code]) == to_hundredths(parent), row
            checked += 1
    return checked


def test_decomposed_targets_add_up_at_every_level_and_follow_farmland():
    rng = np.random.default_rng(5)
    for _ in range(30):
        basis = tree(rng, townships=int(rng.integers(1, 5)), villages=int(rng.integers(1, 6)), groups=int(rng.integers(1, 9)))
        farmland = float(rng.choice([0.01, 0.07, 1.0, round(basis[COUNTY] * rng.uniform(0.9, 1.1), 2)]))
        result = decompose({COUNTY: (farmland, round(farmland * 0.8, 2))}, basis)
        assert result.warnings == []
        assert [r.grid_code for r in result.rows] == sorted(basis)
        assert assert_children_add_up(result.rows) == sum(1 for c in basis if len(c) < 12 or c + "001" in basis)
        by_code = {r.grid_code: r for r in result.rows}
        for row in result.rows:
            assert row.basis_mu == basis[row.grid_code]
            assert row.source == (SOURCE_GIVEN if row.grid_code == COUNTY else SOURCE_DECOMPOSED)
            parent = by_code.get(row.parent_code)
            if parent is None:
                continue
            siblings = sum(basis[c] for c in basis if len(c) == len(row.grid_code) and c.startswith(row.parent_code))
            if siblings:
                assert row.farmland_target_mu == pytest.approx(parent.farmland_target_mu * row.basis_mu / siblings, abs=0.01)


def test_levels_and_group_less_villages():
    basis = tree(np.random.default_rng(1), townships=2, villages=2, groups=2)
    rows = decompose({COUNTY: (1000.0, 800.0)}, basis).rows
    levels = {r.grid_code: r.level for r in rows}
    assert levels[COUNTY] == 3 and levels[f"{COUNTY}001"] == 4 and levels[f"{COUNTY}001002"] == 5
    assert levels[f"{COUNTY}001001002"] == LEVEL_GROUP
    assert not any(c.startswith(f"{COUNTY}001002") and len(c) == 15 for c in levels)  # village 002 has no groups
    assert {r.parent_code for r in rows if r.level == 3} == {"1301"}


def test_bottom_level_stops_the_walk():
    basis = tree(np.random.default_rng(2))
    rows = decompose({COUNTY: (1000.0, None)}, basis, bottom_level=LEVEL_TOWNSHIP).rows
    assert {r.level for r in rows} == {3, 4}
    assert all(r.pbf_target_mu is None for r in rows)
    assert math.fsum(r.farmland_target_mu for r in rows if r.level == 4) == pytest.approx(1000.0, abs=1e-9)


def test_given_child_overrides_its_share_and_siblings_keep_theirs():
    basis = {COUNTY: 300.0, f"{COUNTY}001": 100.0, f"{COUNTY}002": 200.0, f"{COUNTY}002001": 200.0}
    result = decompose({COUNTY: (300.0, 90.0), f"{COUNTY}002": (250.5, None)}, basis)
    rows = {r.grid_code: r for r in result.rows}
    assert rows[f"{COUNTY}001"].farmland_target_mu == 100.0
    assert rows[f"{COUNTY}001"].source == SOURCE_DECOMPOSED
    assert rows[f"{COUNTY}002"].farmland_target_mu == 250.5  # given
    assert rows[f"{COUNTY}002"].pbf_target_mu == 60.0  # not given: its share of the county's
    assert rows[f"{COUNTY}002"].source == SOURCE_GIVEN
    assert rows[f"{COUNTY}002001"].farmland_target_mu == 250.5  # the subtree follows the given target
    [warning] = result.warnings
    text = str(warning)
    assert "farmland targets of the units under 130123 add up to 350.50 亩, not to its 300.00 亩" in text
    assert "130123002" in text


def test_given_child_equal_to_its_share_raises_no_warning():
    basis = {COUNTY: 300.0, f"{COUNTY}001": 100.0, f"{COUNTY}002": 200.0}
    result = decompose({COUNTY: (300.0, None), f"{COUNTY}002": (200.0, None)}, basis)
    assert result.warnings == []


def test_units_of_any_level_can_start_and_unusable_targets_are_reported():
    basis = tree(np.random.default_rng(3))
    village = f"{COUNTY}002001"
    group = village + "001"
    result = decompose(
        {village: (12.34, 5.0), f"{COUNTY}009": (1.0, 1.0), group: (1.0, 1.0)},
        basis,
        bottom_level=LEVEL_VILLAGE,
    )
    assert [(r.grid_code, r.farmland_target_mu) for r in result.rows] == [(village, 12.34)]
    texts = [str(w) for w in result.warnings]
    assert texts == [
        "Unit 130123002001001 is below the lowest level decomposed to; its target is not used",
        "Unit 130123009 has a target but no parcels; its target is not used",
    ]


def test_farmland_outside_every_child_is_reported():
    basis = {f"{COUNTY}001001": 10.0, f"{COUNTY}001001001": 6.0}
    result = decompose({f"{COUNTY}001001": (10.0, None)}, basis)
    assert [r.farmland_target_mu for r in result.rows] == [10.0, 10.0]
    assert "has 4.00 亩 of farmland in none of its child units" in str(result.warnings[0])


def test_result_does_not_depend_on_input_order():
    basis = tree(np.random.default_rng(4))
    targets = {COUNTY: (5000.0, 4000.0), f"{COUNTY}002": (900.0, 800.0)}
    one = decompose(targets, basis)
    other = decompose(dict(reversed(targets.items())), dict(reversed(basis.items())))
    assert one.rows == other.rows
    assert [str(w) for w in one.warnings] == [str(w) for w in other.warnings]


def test_farmland_basis_sums_parcels_into_every_level():
    codes = [
        "1301230010010010000",  # group 001 of village 001
        "1301230010010010000",
        "1301230010010020000",  # group 002, no farmland
        "1301230010020000000",  # village 002 has no groups
        "13012300100A0010000",  # invalid
        None,
    ]
    mu = [1.5, 2.5, 0.0, 4.0, 9.0, 9.0]
    names = ["一组", "一组", "二组", "李家村", "?", "?"]
    basis = farmland_basis(codes, mu, names)
    assert basis.mu == {
        COUNTY: 8.0,
        f"{COUNTY}001": 8.0,
        f"{COUNTY}001001": 4.0,
        f"{COUNTY}001001001": 4.0,
        f"{COUNTY}001001002": 0.0,
        f"{COUNTY}001002": 4.0,
    }
    assert basis.names == {f"{COUNTY}001001001": "一组", f"{COUNTY}001001002": "二组", f"{COUNTY}001002": "李家村"}
    assert [(code, count) for code, count, _ in basis.invalid] == [("", 1), ("13012300100A0010000", 1)]
    assert "non-digit" in str(basis.invalid[1][2])
