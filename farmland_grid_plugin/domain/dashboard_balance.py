"""The dashboard's farmland balances: 进出平衡 and 占补平衡 per township against their tasks (farmlandbalance's
units), and the yearly 进/出/占/补 of the trend (each pair of successive parcel layers).

As in ``dashboard``, the figures an algorithm wrote are taken as they are, and rows that contradict themselves
(a balance that is not 进 − 出 or 补 − 占, a gap that does not fit its task) raise a ``DomainError`` naming the row.
"""

from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Sequence, Tuple

from .dashboard import AREA_TOLERANCE_MU, TOTAL_CODE, Row, _number, _shown, _value, unit_rows
from .messages import QT_TR_NOOP, DomainError, Message

BALANCE_SOURCE = QT_TR_NOOP("Balance table")

FLOW_FIELDS = ("in_mu", "out_mu", "occupied_mu", "compensated_mu")
#: Fields a balance table needs (farmlandbalance's OUTPUT_UNITS has them); unit_name, the tasks and area_method are
#: used where present.
BALANCE_FIELDS = ("unit_code", *FLOW_FIELDS, "inout_balance_mu", "occupation_balance_mu", "inout_gap_mu", "occupation_gap_mu")
BALANCE_OPTIONAL = ("unit_name", "inout_target_mu", "occupation_target_mu", "area_method")


@dataclass(frozen=True)
class BalanceRow:
    """A township's 进, 出, 占, 补 (亩), the two balances, their tasks (None where not given) and gaps."""

    township_code: str
    in_mu: float
    out_mu: float
    occupied_mu: float
    compensated_mu: float
    inout_balance_mu: float
    inout_target_mu: Optional[float]
    inout_gap_mu: float
    occupation_balance_mu: float
    occupation_target_mu: Optional[float]
    occupation_gap_mu: float


@dataclass(frozen=True)
class BalanceSection:
    rows: Tuple[BalanceRow, ...]  # by code
    total: BalanceRow  # farmlandbalance's TOTAL row where the table has it, else the sums
    area_method: str


def _signed(row, key, index):
    """A finite number, negative allowed (a balance)."""
    value = _value(row, key)
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if number != number or number in (float("inf"), float("-inf")):
        raise DomainError(
            QT_TR_NOOP("{source} row {row}: {field} is {value!r}, not a number"),
            source=Message(BALANCE_SOURCE),
            row=index,
            field=key,
            value=value,
        )
    return number


def _checked(row, index, code, balance_key, gap_key, target_key, plus, minus):
    """(balance, task, gap) of one balance; the balance must be plus − minus, a unit's gap must fit its task."""
    balance, gap = _signed(row, balance_key, index), _number(row, gap_key, BALANCE_SOURCE, index)
    target = _signed(row, target_key, index) if _value(row, target_key) is not None else None
    problems = abs(balance - (plus - minus)) > AREA_TOLERANCE_MU
    if code != TOTAL_CODE:
        problems |= abs(gap - max((target or 0.0) - balance, 0.0)) > AREA_TOLERANCE_MU
    if problems:
        raise DomainError(
            QT_TR_NOOP("{source} row {row}: unit {code}: {field} {balance} and gap {gap} do not fit its flows and task {target}"),
            source=Message(BALANCE_SOURCE),
            row=index,
            code=code,
            field=balance_key,
            balance=_shown(balance),
            gap=_shown(gap),
            target=_shown(target),
        )
    return balance, target, gap


def balance_section(rows: Iterable[Row]) -> BalanceSection:
    """The balance section from farmlandbalance's OUTPUT_UNITS rows at township level (``BALANCE_FIELDS``)."""

    def balance(row, index, code):
        f_in, f_out, f_occ, f_comp = (_number(row, key, BALANCE_SOURCE, index) for key in FLOW_FIELDS)
        inout = _checked(row, index, code, "inout_balance_mu", "inout_gap_mu", "inout_target_mu", f_in, f_out)
        occupation = _checked(
            row, index, code, "occupation_balance_mu", "occupation_gap_mu", "occupation_target_mu", f_comp, f_occ
        )
        return BalanceRow(code, f_in, f_out, f_occ, f_comp, *inout, *occupation)

    empty = QT_TR_NOOP("The balance table has no township rows")
    units, total, methods = unit_rows(rows, BALANCE_SOURCE, balance, empty)
    return BalanceSection(units, total or balance_total(units), methods)


def balance_total(units: Sequence[BalanceRow]) -> BalanceRow:
    """The sums as farmlandbalance's TOTAL row has them (tasks where known)."""

    def add(name):
        known = [getattr(u, name) for u in units if getattr(u, name) is not None]
        return round(float(sum(known)), 4) if known else None

    names = [f for f in BalanceRow.__dataclass_fields__ if f != "township_code"]
    return BalanceRow(TOTAL_CODE, *(add(n) or (None if n.endswith("target_mu") else 0.0) for n in names))


@dataclass(frozen=True)
class YearFlows:
    """进, 出, 占, 补 per township (亩) between two successive parcel layers, e.g. ``2025`` → ``2026``."""

    before: str
    after: str
    flows: Mapping[str, Tuple[float, float, float, float]]  # township code → (in, out, occupied, compensated)
    area_method: str = ""

    @property
    def label(self) -> str:
        return f"{self.before}–{self.after}"

    def total(self) -> Tuple[float, ...]:
        return tuple(round(float(sum(v[k] for v in self.flows.values())), 4) for k in range(4))
