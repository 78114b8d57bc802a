"""Target decomposition (目标任务分解下达): each unit's targets shared among its children, level by level.

A parent's farmland target (耕地保有量) and permanent-basic-farmland target (永久基本农田保护面积)
go to its children in proportion to their current farmland. The figures of a responsibility letter
(责任书) are in 亩 with two decimals, and the children's figures must add up to the parent's exactly:
amounts are therefore whole hundredths of a 亩, shared by the largest-remainder (Hamilton) method.
"""

import math
import operator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from .grid import mode_by_key
from .messages import QT_TR_NOOP, DomainError, Message
from .unitcode import (
    DEFAULT_LENGTHS,
    LEVEL_COUNTY,
    LEVEL_GROUP,
    distinct_unit_codes,
    is_group_part_zero,
    parent_code,
)

SOURCE_GIVEN = "given"
SOURCE_DECOMPOSED = "decomposed"

#: What each position of a (farmland, pbf) target pair is, as named in warnings.
TARGET_KINDS = (QT_TR_NOOP("farmland"), QT_TR_NOOP("permanent basic farmland"))

BASIS_TOLERANCE_MU = 0.01  # float sums of the same parcels differ by far less than a hundredth of a 亩


def apportion(total_hundredths, weights):
    """Share a whole number of hundredths among ``weights`` by the largest-remainder method.

    Every share is its exact quota ``total × weight / Σ weights`` rounded down or up, so it differs from
    the quota by less than one hundredth, and the shares add up to the total exactly. The hundredths
    left after rounding down go to the largest remainders; equal remainders go to the earlier weight,
    so a caller listing units in code order breaks ties by unit code. When all weights are zero no unit
    has a better claim than another and the total is split evenly, by the same rule.
    Quotas are computed exactly: ties are real ties, never float noise.
    """
    total = operator.index(total_hundredths)
    if total < 0:
        raise DomainError(QT_TR_NOOP("A target to share cannot be negative, got {amount} 亩"), amount=f"{total / 100:.2f}")
    weights = list(weights)
    if not weights:
        raise DomainError(QT_TR_NOOP("There is no unit to share {amount} 亩 among"), amount=f"{total / 100:.2f}")
    values = []
    for position, weight in enumerate(weights, start=1):
        try:
            value = float(weight)
        except (TypeError, ValueError):
            value = math.nan
        if not math.isfinite(value) or value < 0:
            raise DomainError(
                QT_TR_NOOP("Weight {weight!r} (number {position}) is not a number of zero or more"),
                weight=weight,
                position=position,
            )
        values.append(value)
    # Floats are fractions with a power-of-two denominator: over a common one they are whole numbers,
    # and the quotas total × n / Σ n with their remainders are exact integer arithmetic.
    ratios = [v.as_integer_ratio() for v in values]
    scale = max(q for _, q in ratios)
    numerators = [p * (scale // q) for p, q in ratios]
    if not any(numerators):
        numerators = [1] * len(numerators)
    whole = sum(numerators)
    products = [total * n for n in numerators]
    shares = [p // whole for p in products]
    by_remainder = sorted(range(len(products)), key=lambda i: (-(products[i] % whole), i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def to_hundredths(mu):
    """亩 → whole hundredths, half up (through the decimal text, so 0.285 gives 29, not float's 28)."""
    value = float(mu)
    if not math.isfinite(value) or value < 0:
        raise DomainError(QT_TR_NOOP("A target must be a number of 亩 of zero or more, got {value!r}"), value=mu)
    return int((Decimal(repr(value)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Basis:
    """Farmland (亩) of every unit found in the parcels, at every level, and the name of each bottom cell."""

    mu: dict  # grid code → farmland 亩
    names: dict  # bottom grid code → most frequent unit name of its parcels
    invalid: list  # (raw code, parcel count, UnitCodeError message) per distinct unusable code


def farmland_basis(codes, farmland_mu, names, lengths=DEFAULT_LENGTHS):
    """Sum the parcels' farmland (0 for other parcels) into their county, township, village and group.

    A group part of 000 makes the village the bottom unit. Units without farmland are kept, with 0.
    """
    distinct = distinct_unit_codes(codes, lengths)
    inverse = distinct.inverse
    totals = np.bincount(inverse, weights=np.asarray(farmland_mu, dtype=float), minlength=len(distinct.distinct))
    counts = np.bincount(inverse, minlength=len(distinct.distinct))
    levels = lengths.by_level()
    mu, invalid = {}, []
    bottom = np.full(len(distinct.distinct), "", dtype=object)
    for k, (code, padded, error) in enumerate(zip(distinct.distinct, distinct.padded, distinct.errors)):
        if error is not None:
            invalid.append((code, int(counts[k]), error))
            continue
        prefixes = [padded[:n] for level, n in levels.items() if level != LEVEL_GROUP or not is_group_part_zero(padded, lengths)]
        for prefix in prefixes:
            mu[prefix] = mu.get(prefix, 0.0) + float(totals[k])
        bottom[k] = prefixes[-1]
    parcel_bottom = bottom[inverse]
    placed = parcel_bottom != ""
    unit_names = mode_by_key(parcel_bottom[placed], np.asarray(names, dtype=object)[placed])
    return Basis(mu, unit_names, invalid)


@dataclass(frozen=True)
class TargetRow:
    grid_code: str
    level: int
    parent_code: str
    basis_mu: float
    farmland_target_mu: float  # None where the unit has no farmland target
    pbf_target_mu: float  # None where the unit has no PBF target
    source: str  # SOURCE_GIVEN or SOURCE_DECOMPOSED


@dataclass
class Decomposition:
    rows: list  # TargetRow in code order: each unit directly followed by the units below it
    warnings: list  # Message


def _level(code, lengths):
    return lengths.level_of_length(len(code))


def _children(basis, lengths):
    """Grid code → its child units in code order (a group part of 000 is the village itself, no child)."""
    children = {}
    for code in sorted(basis):
        level = _level(code, lengths)
        if level is None or level == LEVEL_COUNTY:
            continue
        if level == LEVEL_GROUP and is_group_part_zero(code, lengths):
            continue
        children.setdefault(parent_code(code, lengths), []).append(code)
    return children


def decompose(targets, basis, lengths=DEFAULT_LENGTHS, bottom_level=LEVEL_GROUP):
    """Decompose the given targets down to ``bottom_level``.

    ``targets``: grid code → (farmland target 亩 or None, PBF target 亩 or None), for units of any level.
    ``basis``: grid code → current farmland 亩, for the units of every level (see farmland_basis).
    Each given unit keeps its given targets and its subtree is decomposed from them: a given child
    therefore replaces its share of the parent's target, and a warning says that the children no
    longer add up. A target given as None for one kind takes the decomposed share of that kind.
    """
    warnings = []
    given = {}
    for code in sorted(targets):
        level = _level(code, lengths)
        if code not in basis:
            warnings.append(Message(QT_TR_NOOP("Unit {code} has a target but no parcels; its target is not used"), code=code))
        elif level > bottom_level:
            warnings.append(
                Message(QT_TR_NOOP("Unit {code} is below the lowest level decomposed to; its target is not used"), code=code)
            )
        else:
            given[code] = tuple(None if v is None else to_hundredths(v) for v in targets[code])
    children = _children(basis, lengths)
    rows, done = [], set()

    def walk(code, amounts, source):
        done.add(code)
        level = _level(code, lengths)
        rows.append(
            TargetRow(
                code,
                level,
                parent_code(code, lengths),
                basis[code],
                *(None if a is None else a / 100 for a in amounts),
                source,
            )
        )
        kids = children.get(code, []) if level < bottom_level else []
        if not kids:
            return
        weights = [basis[k] for k in kids]
        outside = basis[code] - math.fsum(weights)
        if outside > BASIS_TOLERANCE_MU:
            warnings.append(
                Message(
                    QT_TR_NOOP(
                        "Unit {code} has {outside} 亩 of farmland in none of its child units; "
                        "its targets are shared among the child units all the same"
                    ),
                    code=code,
                    outside=f"{outside:.2f}",
                )
            )
        shares = [apportion(a, weights) if a is not None else [None] * len(kids) for a in amounts]
        kid_amounts = []
        for i, kid in enumerate(kids):
            own = given.get(kid, (None,) * len(amounts))
            kid_amounts.append(tuple(s[i] if o is None else o for o, s in zip(own, shares)))
        for kind, amount in enumerate(amounts):
            if amount is None:
                continue
            overriding = [k for k in kids if k in given and given[k][kind] is not None]
            added = sum(a[kind] for a in kid_amounts)
            if overriding and added != amount:
                warnings.append(
                    Message(
                        QT_TR_NOOP(
                            "The {kind} targets of the units under {code} add up to {children} 亩, not to its "
                            "{parent} 亩: the given targets of {given} replace their shares"
                        ),
                        kind=Message(TARGET_KINDS[kind]),
                        code=code,
                        children=f"{added / 100:.2f}",
                        parent=f"{amount / 100:.2f}",
                        given=", ".join(overriding),
                    )
                )
        for kid, kid_amount in zip(kids, kid_amounts):
            walk(kid, kid_amount, SOURCE_GIVEN if kid in given else SOURCE_DECOMPOSED)

    # A code sorts before the codes below it: a given unit reached from a given ancestor is done by then.
    for code in sorted(given):
        if code not in done:
            walk(code, given[code], SOURCE_GIVEN)
    return Decomposition(rows, warnings)
