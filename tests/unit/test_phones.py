"""Roster phone numbers: mobile and landline forms, spreadsheet float forms repaired or flagged."""

import pytest

from farmland_grid_plugin.domain.phones import INVALID, OK, REPAIRED, check_phone


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("13912345678", "13912345678"),
        ("139 1234 5678", "13912345678"),
        ("+86 139-1234-5678", "13912345678"),
        ("0914-2321234", "0914-2321234"),
        ("(0914)2321234", "0914-2321234"),
        ("010 87654321", "010-87654321"),
        ("02187654321", "021-87654321"),
        ("2321234", "2321234"),
        ("13912345678; 0914-2321234", "13912345678; 0914-2321234"),
        ("13912345678、13812345678", "13912345678; 13812345678"),
        ("", ""),
        (None, ""),
    ],
)
def test_good_numbers_are_kept_in_one_printed_form(value, text):
    assert check_phone(value) == check_phone(value)  # deterministic
    result = check_phone(value)
    assert (result.text, result.status, result.message) == (text, OK, None)


@pytest.mark.parametrize(
    ("value", "text"),
    [("18848644698.0", "18848644698"), ("1.8848644698E+10", "18848644698"), (18848644698.0, "18848644698")],
)
def test_float_forms_with_every_digit_are_repaired(value, text):
    result = check_phone(value)
    assert (result.text, result.status) == (text, REPAIRED)


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("1.33648E+10", "lost digits"),
        ("1884864469", "neither a mobile"),  # a digit missing
        ("188486446981", "neither a mobile"),
        ("23456", "neither a mobile"),
        ("电话待补", "neither a mobile"),
        ("13912345678; 12345", "neither a mobile"),
    ],
)
def test_unusable_numbers_are_flagged_with_the_reason(value, says):
    result = check_phone(value)
    assert result.status == INVALID
    assert result.text == str(value).strip()  # kept as given, for the user to correct
    assert says in str(result.message)
