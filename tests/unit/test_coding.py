"""Space-code assignment across two years on hand-made parcels (squares in a grid)."""

import numpy as np
import shapely

from farmland_grid_plugin.domain import coding
from farmland_grid_plugin.domain.spacecode import make_code, validate_space_code

X0, Y0 = 39_500_000.0, 4_240_000.0
G1, G2 = "130123001001001", "130123001001002"


def square(col, row, w=100.0, h=100.0, dx=0.0):
    return shapely.box(X0 + col * 100 + dx, Y0 + row * 100, X0 + col * 100 + dx + w, Y0 + row * 100 + h)


def year_one():
    """Group 1: a 4×2 block; group 2: a 4×1 row above it."""
    geoms = [square(c, r) for r in range(2) for c in range(4)] + [square(c, 2) for c in range(4)]
    groups = [G1] * 8 + [G2] * 4
    return np.array(geoms, dtype=object), np.array(groups, dtype=object)


def test_first_run_serials_follow_the_curve_and_ignore_input_order():
    geoms, groups = year_one()
    first = coding.assign(geoms, groups)
    assert list(first.statuses) == ["new"] * 12
    assert all(validate_space_code(c) == c for c in first.codes)
    serials = {c: int(c[15:20]) for c in first.codes}
    assert sorted(serials[c] for c in first.codes[:8]) == list(range(1, 9))
    assert sorted(serials[c] for c in first.codes[8:]) == [1, 2, 3, 4]
    perm = np.random.default_rng(5).permutation(12)
    again = coding.assign(geoms[perm], groups[perm])
    assert list(again.codes) == list(first.codes[perm])
    assert [e.event for e in first.events] == ["new"] * 12 and first.retired == {}


def test_neighbouring_parcels_get_neighbouring_serials():
    # A 4×4 group beside another group: the curve runs over the group's own square.
    geoms = np.array([square(c, r) for r in range(4) for c in range(4)] + [square(9, 0)], dtype=object)
    result = coding.assign(geoms, np.array([G1] * 16 + [G2], dtype=object))
    by_serial = sorted(range(16), key=lambda i: result.codes[i])
    centres = [shapely.centroid(geoms[i]) for i in by_serial]
    assert all(a.distance(b) == 100.0 for a, b in zip(centres, centres[1:]))


def test_second_year_edits_get_the_right_status_and_lineage():
    geoms, groups = year_one()
    first = coding.assign(geoms, groups)
    old = dict(zip(range(12), first.codes))

    new_geoms, new_groups, expect = [], [], []

    def add(geom, group, status):
        new_geoms.append(geom)
        new_groups.append(group)
        expect.append(status)

    add(geoms[0], G1, "kept")  # unchanged
    add(square(1, 0, dx=3.0), G1, "kept")  # moved 3 m: still 97 % the same parcel
    add(square(2, 0, w=50), G1, "split")  # parcel 2 split in two halves
    add(square(2, 0, w=50, dx=50), G1, "split")
    add(shapely.union(geoms[4], geoms[5]), G1, "merged")  # parcels 4 and 5 merged
    add(geoms[6], G2, "regrouped")  # same land, now in group 2
    add(geoms[7], G1, "kept")  # attributes changed only: same geometry
    add(square(5, 5), G1, "new")  # a parcel where there was none
    # parcel 3 (group 1) and parcels 8–11 (group 2) are gone: their codes retire
    second = coding.assign(
        np.array(new_geoms, dtype=object),
        np.array(new_groups, dtype=object),
        previous_geoms=geoms,
        previous_codes=list(first.codes),
    )
    assert list(second.statuses) == expect
    assert second.codes[0] == old[0] and second.codes[1] == old[1] and second.codes[6] == old[7]
    issued = {c: p for c, p in second.issued.items()}
    assert issued[second.codes[2]] == (old[2],) and issued[second.codes[3]] == (old[2],)
    assert issued[second.codes[4]] == tuple(sorted((old[4], old[5])))
    assert issued[second.codes[5]] == (old[6],) and second.codes[5].startswith(G2)
    assert issued[second.codes[7]] == ()
    assert set(second.retired) == {old[2], old[3], old[4], old[5], old[6], old[8], old[9], old[10], old[11]}
    assert set(second.retired[old[2]]) == {second.codes[2], second.codes[3]}
    # New serials continue after the highest ever issued in the group; nothing is reused.
    assert {int(c[15:20]) for c in second.codes[[2, 3, 4, 7]]} == {9, 10, 11, 12}
    assert int(second.codes[5][15:20]) == 5
    assert len(set(second.codes)) == len(second.codes)
    assert not set(second.codes) & set(second.retired)


def test_registry_serials_are_never_issued_again():
    geoms, groups = year_one()
    result = coding.assign(geoms, groups, issued_serials={G1: 40})
    assert sorted(int(c[15:20]) for c in result.codes[:8]) == list(range(41, 49))


def test_rejected_parcels_and_bad_previous_codes_are_reported():
    geoms, groups = year_one()
    groups[3] = ""
    note = coding.group_codes_of(["13012300100A0010000"], np.array([True]))[1][0]
    notes = [None] * 12
    notes[3] = note
    bad_previous = [make_code(G1, 1), make_code(G1, 1), make_code(G1, 2)[:-1] + "0", None]
    result = coding.assign(geoms, groups, rejections=notes, previous_geoms=geoms[:4], previous_codes=bad_previous)
    assert result.statuses[3] == "rejected" and result.codes[3] is None
    assert "non-digit character 'A'" in str(result.notes[3])
    assert [j for j, _ in result.previous_rejected] == [1, 2, 3]
    assert "more than once" in str(result.previous_rejected[0][1])
    assert result.codes[0] == make_code(G1, 1)


def test_group_codes_of_pads_and_rejects():
    groups, notes = coding.group_codes_of(
        ["1301230010010010000", "130123001002", "bad", None], np.array([True, True, True, False])
    )
    assert list(groups) == [G1, "130123001002000", "", ""]
    assert notes[0] is None and notes[2] is not None and notes[3] is None
