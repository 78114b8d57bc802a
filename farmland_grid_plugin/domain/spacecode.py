"""Parcel space codes (地块空间码, 一地一码): format, check character and explanation of bad codes.

``space_code`` = 12-digit village division code + 3-digit villager group (``000`` where none)
+ 5-digit serial within the group + 1 check character, ISO 7064 MOD 11-2 over the 20 digits
(``0``–``9`` or ``X``, as on a resident ID card): 21 characters, printed on posts. Public contract.
"""

import numpy as np

from .messages import QT_TR_NOOP, DomainError
from .unitcode import PROVINCE_CODES

PREFIX_LENGTH = 15  # village (12) + group (3)
SERIAL_LENGTH = 5
CODE_LENGTH = PREFIX_LENGTH + SERIAL_LENGTH + 1
MAX_SERIAL = 10**SERIAL_LENGTH - 1


class SpaceCodeError(DomainError):
    """A space code that is not valid; the message says which character is wrong where it can."""


def check_character(digits):
    """ISO 7064 MOD 11-2 check character of a digit string ('0'–'9' or 'X')."""
    remainder = 0
    for ch in digits:
        remainder = ((remainder + ord(ch) - 48) * 2) % 11
    value = (12 - remainder) % 11
    return "X" if value == 10 else str(value)


def check_characters(digit_strings):
    """Vectorised check characters of equal-length digit strings (an array of str)."""
    strings = np.asarray(digit_strings, dtype="U")
    if not len(strings):
        return np.zeros(0, dtype="U1")
    digits = strings.view("U1").reshape(len(strings), -1).astype(np.int64)
    remainder = np.zeros(len(strings), dtype=np.int64)
    for column in digits.T:
        remainder = ((remainder + column) * 2) % 11
    value = (12 - remainder) % 11
    return np.where(value == 10, "X", value.astype("U2")).astype("U1")


def make_code(group_code, serial):
    """Space code of a serial in a 15-digit group code."""
    body = f"{group_code}{serial:0{SERIAL_LENGTH}d}"
    return body + check_character(body)


def make_codes(group_codes, serials):
    """Vectorised make_code."""
    groups = np.asarray(group_codes, dtype=f"U{PREFIX_LENGTH}")
    serial_text = np.char.zfill(np.asarray(serials, dtype=np.int64).astype("U"), SERIAL_LENGTH)
    bodies = np.char.add(groups, serial_text)
    return np.char.add(bodies, check_characters(bodies))


def validate_space_code(code, known_prefixes=None):
    """Return the code if valid, else raise SpaceCodeError saying what is wrong.

    ``known_prefixes``: optional set of 12-digit village codes (or 15-digit group codes) the code
    must start with, e.g. those of the current county.
    """
    text = "" if code is None else str(code).strip().upper()
    if not text:
        raise SpaceCodeError(QT_TR_NOOP("The space code is empty"))
    if len(text) != CODE_LENGTH:
        raise SpaceCodeError(
            QT_TR_NOOP("Space code {code!r} has {length} characters; a space code has {expected}"),
            code=text,
            length=len(text),
            expected=CODE_LENGTH,
        )
    for position, ch in enumerate(text[:-1], start=1):
        if not "0" <= ch <= "9":
            raise SpaceCodeError(
                QT_TR_NOOP("Space code {code!r}: character {position} is {char!r}; only digits may stand there"),
                code=text,
                position=position,
                char=ch,
            )
    if text[-1] not in "0123456789X":
        raise SpaceCodeError(
            QT_TR_NOOP("Space code {code!r}: the check character {char!r} must be a digit or X"),
            code=text,
            char=text[-1],
        )
    if text[:2] not in PROVINCE_CODES:
        raise SpaceCodeError(
            QT_TR_NOOP("Space code {code!r} starts with {prefix!r}, which is no province code"), code=text, prefix=text[:2]
        )
    expected = check_character(text[:-1])
    if text[-1] != expected:
        raise SpaceCodeError(
            QT_TR_NOOP(
                "Space code {code!r}: the check character is {char!r} but the digits give {expected!r}; "
                "a digit is mistyped or two neighbouring digits are swapped"
            ),
            code=text,
            char=text[-1],
            expected=expected,
        )
    if known_prefixes is not None and not any(text.startswith(p) for p in known_prefixes):
        raise SpaceCodeError(
            QT_TR_NOOP("Space code {code!r} belongs to village {village}, which is not in this data"),
            code=text,
            village=text[:12],
        )
    return text


def group_of(code):
    return code[:PREFIX_LENGTH]


def serial_of(code):
    return int(code[PREFIX_LENGTH : PREFIX_LENGTH + SERIAL_LENGTH])


def hilbert_index(x, y, order=16):
    """Hilbert-curve index of points already scaled to integers in [0, 2**order). Vectorised."""
    x = np.asarray(x, dtype=np.int64).copy()
    y = np.asarray(y, dtype=np.int64).copy()
    index = np.zeros(len(x), dtype=np.int64)
    n = 1 << order
    s = n >> 1
    while s > 0:
        rx = (x & s) > 0
        ry = (y & s) > 0
        index += s * s * ((3 * rx) ^ ry)
        # Rotate the quadrant so the curve stays continuous.
        flip = ~ry
        swap_x = np.where(flip & rx, n - 1 - x, x)
        swap_y = np.where(flip & rx, n - 1 - y, y)
        x, y = np.where(flip, swap_y, swap_x), np.where(flip, swap_x, swap_y)
        s >>= 1
    return index


def curve_order(points_x, points_y, groups=None, order=16):
    """Order of points by group, then along a Hilbert curve over their group's bounding square.

    Ties (points in one curve cell) are broken by coordinates, so the order never depends on the
    order of the input.
    """
    px = np.asarray(points_x, dtype=float)
    py = np.asarray(points_y, dtype=float)
    if not len(px):
        return np.zeros(0, dtype=np.int64)
    keys = np.zeros(len(px), dtype=np.int64) if groups is None else np.unique(groups, return_inverse=True)[1]
    count = keys.max() + 1
    low_x, low_y = np.full(count, np.inf), np.full(count, np.inf)
    high_x, high_y = np.full(count, -np.inf), np.full(count, -np.inf)
    np.minimum.at(low_x, keys, px)
    np.minimum.at(low_y, keys, py)
    np.maximum.at(high_x, keys, px)
    np.maximum.at(high_y, keys, py)
    span = np.maximum(high_x - low_x, high_y - low_y)
    scale = ((1 << order) - 1) / np.where(span > 0, span, 1.0)
    ix = np.floor((px - low_x[keys]) * scale[keys]).astype(np.int64)
    iy = np.floor((py - low_y[keys]) * scale[keys]).astype(np.int64)
    return np.lexsort((py, px, hilbert_index(ix, iy, order), keys))
