import numpy as np
import pytest

from farmland_grid_plugin.domain.spacecode import (
    CODE_LENGTH,
    SpaceCodeError,
    check_character,
    check_characters,
    curve_order,
    hilbert_index,
    make_code,
    make_codes,
    validate_space_code,
)


def test_check_character_is_the_resident_id_card_one():
    # The published sample resident identity number 11010519491231002X.
    assert check_character("11010519491231002") == "X"


def test_format_and_vectorised_variants_agree():
    code = make_code("130123001001001", 42)
    assert len(code) == CODE_LENGTH == 21 and code.startswith("13012300100100100042")
    rng = np.random.default_rng(3)
    bodies = ["".join(map(str, rng.integers(0, 10, 20))) for _ in range(2000)]
    assert list(check_characters(bodies)) == [check_character(b) for b in bodies]
    groups = ["130123001001001", "130123009010000"]
    assert list(make_codes(groups, [1, 99999])) == [make_code(groups[0], 1), make_code(groups[1], 99999)]


def test_check_character_catches_every_substitution_and_adjacent_transposition():
    rng = np.random.default_rng(7)
    for _ in range(800):
        body = "130123" + "".join(map(str, rng.integers(0, 10, 14)))
        code = body + check_character(body)
        for pos in range(21):
            for ch in "0123456789X":
                if ch != code[pos] and (pos == 20 or ch != "X"):
                    typo = code[:pos] + ch + code[pos + 1 :]
                    with pytest.raises(SpaceCodeError):
                        validate_space_code(typo)
        for pos in range(20):
            if code[pos] != code[pos + 1]:
                swapped = code[:pos] + code[pos + 1] + code[pos] + code[pos + 2 :]
                with pytest.raises(SpaceCodeError):
                    validate_space_code(swapped)


@pytest.mark.parametrize(
    "code, fragment",
    [
        ("", "empty"),
        ("1301230010010010004", "has 19 characters"),
        ("13012300100100100O421", "character 18 is 'O'"),
        ("13012300100100100042Y", "must be a digit or X"),
        ("990123001001001000420", "no province code"),
    ],
)
def test_bad_codes_are_explained(code, fragment):
    with pytest.raises(SpaceCodeError, match=fragment):
        validate_space_code(code)


def test_wrong_check_character_names_the_expected_one():
    good = make_code("130123001001001", 42)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(SpaceCodeError) as info:
        validate_space_code(wrong)
    assert f"digits give '{good[-1]}'" in str(info.value)
    assert validate_space_code(good.lower()) == good
    with pytest.raises(SpaceCodeError, match="not in this data"):
        validate_space_code(good, known_prefixes={"130123002"})


def test_hilbert_curve_visits_neighbours():
    for order in (1, 2, 4):
        n = 1 << order
        xs, ys = (a.ravel() for a in np.meshgrid(np.arange(n), np.arange(n)))
        d = hilbert_index(xs, ys, order)
        assert sorted(d) == list(range(n * n))
        o = np.argsort(d)
        assert (np.abs(np.diff(xs[o])) + np.abs(np.diff(ys[o])) == 1).all()


def test_curve_order_does_not_depend_on_input_order():
    rng = np.random.default_rng(1)
    x, y = rng.uniform(0, 1000, 500), rng.uniform(0, 1000, 500)
    order = curve_order(x, y)
    perm = rng.permutation(500)
    reordered = curve_order(x[perm], y[perm])
    np.testing.assert_array_equal(perm[reordered], order)
