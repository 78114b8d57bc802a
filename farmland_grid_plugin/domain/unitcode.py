"""Statistical-division codes and the grid codes derived from them.

A DLTB location code (``ZLDWDM``) has 19 characters: 2 province + 2 city + 2 county
+ 3 township + 3 village + 3 villager group + 4 below-group digits. A grid cell of
level L is identified by the code prefix of that level (6, 9, 12 or 15 characters
by default); a group part of ``000`` means the village itself is the bottom cell.
"""

from dataclasses import dataclass

import numpy as np

from .messages import QT_TR_NOOP, DomainError, Message

UNIT_CODE_LENGTH = 19
CITY_CODE_LENGTH = 4

LEVEL_PROVINCE, LEVEL_CITY, LEVEL_COUNTY, LEVEL_TOWNSHIP, LEVEL_VILLAGE, LEVEL_GROUP = range(1, 7)

#: Level → Chinese name, as printed on responsibility letters.
LEVEL_NAMES = {
    LEVEL_PROVINCE: "省",
    LEVEL_CITY: "市/州",
    LEVEL_COUNTY: "县/区",
    LEVEL_TOWNSHIP: "乡镇/街道",
    LEVEL_VILLAGE: "行政村",
    LEVEL_GROUP: "村民小组",
}

#: First two digits of every province-level division (GB/T 2260).
PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)


class UnitCodeError(DomainError):
    """A unit code that cannot be used; the message says what is wrong with it."""


#: Code lengths of the levels above the county: statistical division codes fix them (2 + 2 digits).
UPPER_LENGTHS = {LEVEL_PROVINCE: 2, LEVEL_CITY: CITY_CODE_LENGTH}

LENGTHS_EXAMPLE = "2,4,6,9,12,15"


def _lengths_error(template, text, **params):
    return UnitCodeError(template, text=text, example=LENGTHS_EXAMPLE, **params)


@dataclass(frozen=True)
class LevelLengths:
    """Prefix lengths of the county, township, village and group grid codes, and the levels above them.

    ``upper`` holds the levels above the county that the chain names: () for the four-length form
    (``6,9,12,15``: levels 3–6), (LEVEL_CITY,) for ``4,6,9,12,15``, both for ``2,4,6,9,12,15``.
    """

    county: int = 6
    township: int = 9
    village: int = 12
    group: int = 15
    upper: tuple = ()

    @classmethod
    def parse(cls, text):
        """Parse ``"6,9,12,15"`` or a chain with the province (2) and/or city (4) in front, such as
        ``"2,4,6,9,12,15"``; raises UnitCodeError explaining a bad value."""
        parts = [p.strip() for p in str(text).replace("，", ",").split(",") if p.strip()]
        if not parts or not all(p.isdigit() for p in parts):
            raise _lengths_error(
                QT_TR_NOOP("Level lengths must be whole numbers separated by commas (such as {example}), got {text!r}"), text
            )
        values = [int(p) for p in parts]
        if not 4 <= len(values) <= 6:
            raise _lengths_error(
                QT_TR_NOOP("Level lengths name 4 to 6 levels down to the group (such as {example}); got {count} in {text!r}"),
                text,
                count=len(values),
            )
        if any(b <= a for a, b in zip(values, values[1:])):
            raise _lengths_error(
                QT_TR_NOOP("Level lengths must increase from level to level (such as {example}), got {text!r}"), text
            )
        head, lower = values[:-4], values[-4:]
        by_length = {n: level for level, n in UPPER_LENGTHS.items()}
        wrong = next((n for n in head if n not in by_length), None)
        if wrong is not None:
            raise _lengths_error(
                QT_TR_NOOP("A level above the county is the province (2) or the city (4), got {value} in {text!r}"),
                text,
                value=wrong,
            )
        if lower[0] <= CITY_CODE_LENGTH:
            raise _lengths_error(
                QT_TR_NOOP("The county length must be more than the city's 4 characters (such as 6), got {value} in {text!r}"),
                text,
                value=lower[0],
            )
        return cls(*lower, upper=tuple(by_length[n] for n in head))

    @classmethod
    def of(cls, value):
        """LevelLengths from itself, a text such as ``"2,4,6,9,12,15"`` or a sequence of whole numbers."""
        if isinstance(value, cls):
            return value
        return cls.parse(value if isinstance(value, str) else ",".join(str(n) for n in value))

    def by_level(self):
        """The levels dissolved from parcels (3–6) and their lengths."""
        return {LEVEL_COUNTY: self.county, LEVEL_TOWNSHIP: self.township, LEVEL_VILLAGE: self.village, LEVEL_GROUP: self.group}

    def length(self, level):
        """The code length of a unit of any level, province (1) to group (6): how far to cut a code to its unit."""
        return UPPER_LENGTHS[level] if level in UPPER_LENGTHS else self.by_level()[level]

    def chain(self, upper=None):
        """{level: length} from the highest level named (or the ``upper`` levels given) down to the group."""
        levels = self.upper if upper is None else upper
        return {**{level: UPPER_LENGTHS[level] for level in sorted(levels)}, **self.by_level()}

    def text(self):
        return ",".join(str(n) for n in self.chain().values())

    def level_of_length(self, length):
        return next((lvl for lvl, n in self.by_level().items() if n == length), None)


DEFAULT_LENGTHS = LevelLengths()


def _check_digits(text):
    if not text:
        raise UnitCodeError(QT_TR_NOOP("The unit code is empty"))
    bad = next((i for i, ch in enumerate(text) if not ("0" <= ch <= "9")), None)
    if bad is not None:
        raise UnitCodeError(
            QT_TR_NOOP("Unit code {code!r} has a non-digit character {char!r} at position {pos}"),
            code=text,
            char=text[bad],
            pos=bad + 1,
        )
    if text[:2] not in PROVINCE_CODES:
        raise UnitCodeError(
            QT_TR_NOOP("Unit code {code!r} starts with {prefix!r}, which is no province code"),
            code=text,
            prefix=text[:2],
        )


def validate_unit_code(code, lengths=DEFAULT_LENGTHS):
    """Return the location code padded to full length, or raise UnitCodeError.

    A code may stop after the village or group part (12 or 15 characters with the
    default lengths); the missing digits are taken as zeros.
    """
    text = "" if code is None else str(code).strip()
    _check_digits(text)
    full = max(UNIT_CODE_LENGTH, lengths.group)
    if not lengths.village <= len(text) <= full:
        raise UnitCodeError(
            QT_TR_NOOP(
                "Unit code {code!r} has {length} characters; expected {full} (or at least {village}, down to the village)",
            ),
            code=text,
            length=len(text),
            full=full,
            village=lengths.village,
        )
    segments = (
        (QT_TR_NOOP("city"), 2, CITY_CODE_LENGTH),
        (QT_TR_NOOP("county"), CITY_CODE_LENGTH, lengths.county),
        (QT_TR_NOOP("township"), lengths.county, lengths.township),
        (QT_TR_NOOP("village"), lengths.township, lengths.village),
    )
    for part, start, end in segments:
        if end > start and set(text[start:end]) == {"0"}:
            raise UnitCodeError(
                QT_TR_NOOP("Unit code {code!r} has a {part} part of zeros (characters {start}–{end})"),
                code=text,
                part=Message(part),
                start=start + 1,
                end=end,
            )
    return text.ljust(full, "0")


@dataclass
class DistinctCodes:
    """Location codes of many features, validated once per distinct value."""

    raw: np.ndarray  # stripped text per feature ('' for none)
    distinct: np.ndarray  # the distinct raw codes
    inverse: np.ndarray  # index into ``distinct`` per feature
    padded: np.ndarray  # full code per distinct code, '' where invalid
    errors: list  # Message per distinct code, None where valid

    def padded_per_feature(self):
        return self.padded[self.inverse]


def distinct_unit_codes(codes, lengths=DEFAULT_LENGTHS):
    raw = np.array(["" if c is None else str(c).strip() for c in codes], dtype=object)
    distinct, inverse = np.unique(raw.astype(str), return_inverse=True)
    padded, errors = [], []
    for code in distinct:
        try:
            padded.append(validate_unit_code(code, lengths))
            errors.append(None)
        except UnitCodeError as exc:
            padded.append("")
            errors.append(exc.message)
    return DistinctCodes(raw, distinct, inverse, np.array(padded, dtype=object), errors)


def is_group_part_zero(code, lengths=DEFAULT_LENGTHS):
    """True when a padded location code has no villager group: the village is its bottom cell."""
    return set(code[lengths.village : lengths.group]) == {"0"}


def upper_code_of(text):
    """``(code, level)`` of a province or city named by its 2 or 4 digits, or by a longer code that is all
    zeros below them (such as 640500000000); None for a code of a lower level."""
    if len(text) in UPPER_LENGTHS.values():
        return text, LEVEL_PROVINCE if len(text) == UPPER_LENGTHS[LEVEL_PROVINCE] else LEVEL_CITY
    if len(text) > CITY_CODE_LENGTH and set(text[CITY_CODE_LENGTH:]) == {"0"}:
        city = text[:CITY_CODE_LENGTH]
        return (city, LEVEL_CITY) if city[2:] != "00" else (city[:2], LEVEL_PROVINCE)
    return None


def grid_code_of(code, lengths=DEFAULT_LENGTHS):
    """Normalise a unit code of any level (2/4/6/9/12/15 characters, or longer with zero tails) to a grid code.

    Returns ``(grid_code, level)``; raises UnitCodeError when the code is unusable.
    """
    text = "" if code is None else str(code).strip()
    _check_digits(text)
    upper = upper_code_of(text)
    if upper is not None:
        return upper
    by_level = lengths.by_level()
    level = lengths.level_of_length(len(text))
    if level is None and lengths.group <= len(text) <= max(UNIT_CODE_LENGTH, lengths.group):
        if set(text[lengths.group :]) - {"0"}:
            raise UnitCodeError(
                QT_TR_NOOP("Unit code {code!r} names a unit below the villager group"),
                code=text,
            )
        # The deepest level whose own segment is not all zeros.
        starts = {lvl: by_level.get(lvl - 1, CITY_CODE_LENGTH) for lvl in by_level}
        level = next(
            (lvl for lvl in sorted(by_level, reverse=True) if set(text[starts[lvl] : by_level[lvl]]) != {"0"}),
            None,
        )
    if level is None:
        raise UnitCodeError(
            QT_TR_NOOP("Unit code {code!r} has {length} characters; a grid code has {lengths} or {full}"),
            code=text,
            length=len(text),
            lengths=", ".join(str(n) for n in lengths.chain((LEVEL_PROVINCE, LEVEL_CITY)).values()),
            full=UNIT_CODE_LENGTH,
        )
    return text[: by_level[level]], level


def parent_code(grid_code, lengths=DEFAULT_LENGTHS):
    """Grid code of the parent cell; a county's parent is its city (4 characters), a city's its province."""
    if len(grid_code) == CITY_CODE_LENGTH:
        return grid_code[: UPPER_LENGTHS[LEVEL_PROVINCE]]
    level = lengths.level_of_length(len(grid_code))
    if level is None:
        return ""
    return grid_code[: lengths.by_level().get(level - 1, CITY_CODE_LENGTH)]
