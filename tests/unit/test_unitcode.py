import pytest

from farmland_grid_plugin.domain.unitcode import (
    LEVEL_CITY,
    LEVEL_COUNTY,
    LEVEL_GROUP,
    LEVEL_PROVINCE,
    LEVEL_TOWNSHIP,
    LEVEL_VILLAGE,
    LevelLengths,
    UnitCodeError,
    grid_code_of,
    is_group_part_zero,
    parent_code,
    validate_unit_code,
)


def test_full_code_is_returned_unchanged():
    assert validate_unit_code("1301230010020030000") == "1301230010020030000"


@pytest.mark.parametrize("short", ["130123001002", "130123001002003"])
def test_codes_down_to_village_or_group_are_padded(short):
    assert validate_unit_code(short) == short.ljust(19, "0")


@pytest.mark.parametrize(
    "code, fragment",
    [
        ("", "empty"),
        (None, "empty"),
        ("13012300100A0030000", "non-digit character 'A' at position 12"),
        ("1301230010", "has 10 characters"),
        ("13012300100200300001", "has 20 characters"),
        ("9901230010020030000", "'99', which is no province code"),
        ("1300230010020030000", "city part of zeros"),
        ("1301000010020030000", "county part of zeros"),
        ("1301230000020030000", "township part of zeros"),
        ("1301230010000030000", "village part of zeros"),
    ],
)
def test_invalid_codes_say_what_is_wrong(code, fragment):
    with pytest.raises(UnitCodeError) as info:
        validate_unit_code(code)
    assert fragment in str(info.value)


def test_group_part_of_zeros_means_the_village_is_the_bottom_cell():
    assert is_group_part_zero("1301230010020000000")
    assert not is_group_part_zero("1301230010020010000")


@pytest.mark.parametrize(
    "code, expected",
    [
        ("130123", ("130123", LEVEL_COUNTY)),
        ("130123001", ("130123001", LEVEL_TOWNSHIP)),
        ("130123001002", ("130123001002", LEVEL_VILLAGE)),
        ("130123001002003", ("130123001002003", LEVEL_GROUP)),
        ("1301230010020030000", ("130123001002003", LEVEL_GROUP)),
        ("1301230010020000000", ("130123001002", LEVEL_VILLAGE)),
        ("1301230010000000000", ("130123001", LEVEL_TOWNSHIP)),
        ("1301230000000000000", ("130123", LEVEL_COUNTY)),
        ("1301", ("1301", LEVEL_CITY)),
        ("13", ("13", LEVEL_PROVINCE)),
        ("130100000000", ("1301", LEVEL_CITY)),
        ("1300000000000000000", ("13", LEVEL_PROVINCE)),
        ("130100", ("1301", LEVEL_CITY)),
    ],
)
def test_grid_code_of_codes_of_any_level(code, expected):
    assert grid_code_of(code) == expected


@pytest.mark.parametrize(
    "code, fragment",
    [
        ("1301230010020031234", "below the villager group"),
        ("13012", "has 5 characters; a grid code has 2, 4, 6, 9, 12, 15"),
        ("13x", "non-digit"),
        ("99", "no province code"),
    ],
)
def test_grid_code_of_rejects_unusable_codes(code, fragment):
    with pytest.raises(UnitCodeError, match=fragment):
        grid_code_of(code)


def test_parent_codes_walk_up_to_the_city():
    assert parent_code("130123001002003") == "130123001002"
    assert parent_code("130123001002") == "130123001"
    assert parent_code("130123001") == "130123"
    assert parent_code("130123") == "1301"
    assert parent_code("1301") == "13"
    assert parent_code("13") == ""


def test_level_lengths_parse_and_reject():
    assert LevelLengths.parse("6, 9，12,15") == LevelLengths()
    custom = LevelLengths.parse("6,9,12,14")
    assert grid_code_of("13012300100201", custom) == ("13012300100201", LEVEL_GROUP)
    bad_chains = {
        "6,9,12": "got 3 in",
        "2,4,6,9,12,15,18": "got 7 in",
        "6,9,9,15": "must increase",
        "4,2,6,9,12,15": "must increase",
        "a,b,c,d": "whole numbers separated by commas",
        "": "whole numbers separated by commas",
        "2,9,12,15": "county length must be more than the city's 4",
        "3,6,9,12,15": "province \\(2\\) or the city \\(4\\), got 3",
        "2,5,6,9,12,15": "got 5 in",
    }
    for bad, fragment in bad_chains.items():
        with pytest.raises(UnitCodeError, match=fragment):
            LevelLengths.parse(bad)


@pytest.mark.parametrize(
    "text, upper, chain",
    [
        ("2,4,6,9,12,15", (LEVEL_PROVINCE, LEVEL_CITY), {1: 2, 2: 4, 3: 6, 4: 9, 5: 12, 6: 15}),
        ("4,6,9,12,15", (LEVEL_CITY,), {2: 4, 3: 6, 4: 9, 5: 12, 6: 15}),
        ("2,6,9,12,15", (LEVEL_PROVINCE,), {1: 2, 3: 6, 4: 9, 5: 12, 6: 15}),
        ("6,9,12,15", (), {3: 6, 4: 9, 5: 12, 6: 15}),
    ],
)
def test_level_lengths_full_chain_and_subsets(text, upper, chain):
    lengths = LevelLengths.parse(text)
    assert lengths.upper == upper and lengths.chain() == chain and lengths.text() == text
    # The grid levels keep their lengths whatever stands above them; `level` keeps its meaning.
    assert lengths.by_level() == {3: 6, 4: 9, 5: 12, 6: 15}
    assert LevelLengths.of(tuple(chain.values())) == lengths == LevelLengths.of(lengths)


def test_message_renders_through_a_translator():
    with pytest.raises(UnitCodeError) as info:
        validate_unit_code("")
    rendered = info.value.message.render(lambda ctx, text: "译:" + text)
    assert rendered == "译:The unit code is empty"
