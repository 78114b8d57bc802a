"""The dashboard (驾驶舱): patrols, cases, quotas and the farmland trend per township.

Pure functions build its four sections from plain rows (mappings of field name to value): the
township monthly summary of patrolcoverage, the cases of a workspace, the township units of
quotaoverlay, and farmland per township of yearly parcel layers. Figures the algorithms wrote are
taken as they are, so the dashboard shows exactly the numbers of the patrol, case and quota
outputs; what is computed here (a township's patrol rate over all months, case counts, totals)
follows the algorithms' own rules. Rows that contradict themselves (periods that do not add up, a
rate or gap that does not fit its figures, a month twice, a unit that is not a township) raise a
``DomainError`` naming the row.

Laying the sections out as tables, charts and the HTML report is the ``report`` package's work.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from . import cases as case_rules
from . import evidence_checks
from .messages import QT_TR_NOOP, DomainError, Message
from .unitcode import LEVEL_COUNTY, LEVEL_TOWNSHIP, UnitCodeError, grid_code_of

TOTAL_CODE = "TOTAL"  # the total row of quotaoverlay's units (合计)
AREA_TOLERANCE_MU = 0.001  # gaps are stored to 0.0001 亩, rounded apart from the actual and target they come from
RATE_TOLERANCE_PCT = 0.051  # patrol rates are stored to 0.1 %

SECTION_PATROL, SECTION_CASES, SECTION_QUOTA, SECTION_TREND = "patrol", "cases", "quota", "trend"
SECTION_BALANCE = "balance"  # 进出平衡 and 占补平衡 (dashboard_balance)
SECTIONS = (SECTION_PATROL, SECTION_CASES, SECTION_QUOTA, SECTION_BALANCE, SECTION_TREND)

PATROL_SOURCE = QT_TR_NOOP("Patrol summary")
UNITS_SOURCE = QT_TR_NOOP("Units table")

Row = Mapping[str, object]  # a feature's attributes by field name

_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


# ---------------------------------------------------------------------------------------------
# Reading plain rows


def _value(row, key):
    """The row's value, None when missing or blank."""
    value = row.get(key)
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


def _number(row, key, source, index, required=True):
    """A finite number ≥ 0 from the row; None where optional and empty."""
    value = _value(row, key)
    if value is None:
        if not required:
            return None
        raise DomainError(QT_TR_NOOP("{source} row {row}: {field} is empty"), source=Message(source), row=index, field=key)
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number) or number < 0:
        raise DomainError(
            QT_TR_NOOP("{source} row {row}: {field} is {value!r}, not a number ≥ 0"),
            source=Message(source),
            row=index,
            field=key,
            value=value,
        )
    return number


def _count(row, key, source, index, required=True):
    number = _number(row, key, source, index, required)
    if number is not None and number != int(number):
        raise DomainError(
            QT_TR_NOOP("{source} row {row}: {field} is {value!r}, not a whole number"),
            source=Message(source),
            row=index,
            field=key,
            value=row.get(key),
        )
    return None if number is None else int(number)


#: Why a row's unit is refused, per level the dashboard compares (townships; counties for the city's ranking).
_OTHER_LEVEL = {
    LEVEL_TOWNSHIP: QT_TR_NOOP("{source} row {row}: unit {code} is not a township; the dashboard compares townships"),
    LEVEL_COUNTY: QT_TR_NOOP("{source} row {row}: unit {code} is not a county; the city's ranking compares counties"),
}


def _township(row, key, source, index, level=LEVEL_TOWNSHIP):
    """The township (or ``level``) grid code of the row (9 digits by default); DomainError for other units and bad codes."""
    raw = _value(row, key)
    try:
        code, row_level = grid_code_of(raw)
    except UnitCodeError as exc:
        raise DomainError(
            QT_TR_NOOP("{source} row {row}: {error}"), source=Message(source), row=index, error=exc.message
        ) from None
    if row_level != level:
        raise DomainError(
            _OTHER_LEVEL[level],
            source=Message(source),
            row=index,
            code=code,
        )
    return code


def _shown(value):
    return "—" if value is None else f"{value:g}"


def dense_ranks(values: Sequence[Optional[float]]) -> List[Optional[int]]:
    """Rank of each value, highest first, equal values sharing a rank (1, 2, 2, 3), as patrolcoverage ranks;
    None for None."""
    ordered = sorted({v for v in values if v is not None}, reverse=True)
    return [None if v is None else ordered.index(v) + 1 for v in values]


def township_names(*pairs: Iterable[Tuple[object, object]]) -> Dict[str, str]:
    """Code → name from ``(code, name)`` pairs of several sources; the first non-empty name of a code wins."""
    names = {}
    for source in pairs:
        for code, name in source:
            code = "" if code is None else str(code).strip()
            name = "" if name is None else str(name).strip()
            if code and code != TOTAL_CODE and name and code not in names:
                names[code] = name
    return names


# ---------------------------------------------------------------------------------------------
# Patrols


def patrol_rate_pct(completed: int, due: int) -> Optional[float]:
    """巡田率 as patrolcoverage gives it: completed share of the periods due, in % to 0.1; None without periods."""
    return round(100.0 * completed / due, 1) if due else None


@dataclass(frozen=True)
class PatrolRate:
    """Periods due, completed and overdue of a township in a month (or over all months: ``month`` empty), ranked."""

    township_code: str
    month: str
    due: int
    completed: int
    overdue: int
    rate_pct: Optional[float]
    rank: Optional[int]


@dataclass(frozen=True)
class PatrolSection:
    months: Tuple[str, ...]
    rows: Tuple[PatrolRate, ...]  # per township and month, by month, rank, code (as patrolcoverage orders them)
    townships: Tuple[PatrolRate, ...]  # per township over all months, best first
    total: PatrolRate  # the county: every township and month

    def rate(self, code: str, month: str) -> Optional[PatrolRate]:
        """The township's row of the month, or None."""
        return next((r for r in self.rows if r.township_code == code and r.month == month), None)


def patrol_section(rows: Iterable[Row]) -> PatrolSection:
    """The patrol section from patrolcoverage's OUTPUT_SUMMARY rows (township_code, month, periods_due,
    periods_completed, periods_overdue, patrol_rate_pct, rank; rank may be missing: it is then computed)."""
    parsed, seen = [], {}
    for index, row in enumerate(rows, start=1):
        code = _township(row, "township_code", PATROL_SOURCE, index)
        month = str(_value(row, "month") or "").strip()
        if not _MONTH.fullmatch(month):
            raise DomainError(
                QT_TR_NOOP("{source} row {row}: the month {month!r} of township {code} is not a month such as 2026-01"),
                source=Message(PATROL_SOURCE),
                row=index,
                month=month,
                code=code,
            )
        due, completed, overdue = (
            _count(row, key, PATROL_SOURCE, index) for key in ("periods_due", "periods_completed", "periods_overdue")
        )
        params = {"source": Message(PATROL_SOURCE), "row": index, "code": code, "month": month}
        if completed + overdue != due:
            raise DomainError(
                QT_TR_NOOP(
                    "{source} row {row}: township {code} in {month}: {completed} completed and {overdue} overdue periods "
                    "do not add up to the {due} periods due"
                ),
                completed=completed,
                overdue=overdue,
                due=due,
                **params,
            )
        rate = _number(row, "patrol_rate_pct", PATROL_SOURCE, index, required=False)
        expected = patrol_rate_pct(completed, due)
        if (rate is None) != (expected is None) or (rate is not None and abs(rate - expected) > RATE_TOLERANCE_PCT):
            raise DomainError(
                QT_TR_NOOP(
                    "{source} row {row}: township {code} in {month}: the patrol rate {rate} % does not fit "
                    "{completed} of {due} periods completed"
                ),
                rate=_shown(rate),
                completed=completed,
                due=due,
                **params,
            )
        rank = _count(row, "rank", PATROL_SOURCE, index, required=False)
        if rank == 0:
            raise DomainError(
                QT_TR_NOOP("{source} row {row}: township {code} in {month}: the rank is 0; ranks start at 1"), **params
            )
        if (code, month) in seen:
            raise DomainError(
                QT_TR_NOOP("{source}: township {code} has two rows for {month} (rows {first} and {row})"),
                first=seen[(code, month)],
                **params,
            )
        seen[(code, month)] = index
        parsed.append(PatrolRate(code, month, due, completed, overdue, rate, rank))

    months = tuple(sorted({r.month for r in parsed}))
    ranked = []
    for month in months:
        group = [r for r in parsed if r.month == month]
        computed = dense_ranks([r.rate_pct for r in group])
        ranked += [r if r.rank is not None else _with_rank(r, k) for r, k in zip(group, computed)]
    ranked.sort(key=lambda r: (r.month, r.rank if r.rank is not None else math.inf, r.township_code))

    codes = sorted({r.township_code for r in parsed})
    overall = [_patrol_sum(code, [r for r in parsed if r.township_code == code]) for code in codes]
    overall = [_with_rank(r, k) for r, k in zip(overall, dense_ranks([r.rate_pct for r in overall]))]
    overall.sort(key=lambda r: (r.rank if r.rank is not None else math.inf, r.township_code))
    return PatrolSection(months, tuple(ranked), tuple(overall), _patrol_sum(TOTAL_CODE, parsed))


def _with_rank(rate, rank):
    return PatrolRate(rate.township_code, rate.month, rate.due, rate.completed, rate.overdue, rate.rate_pct, rank)


def _patrol_sum(code, rows):
    due = sum(r.due for r in rows)
    completed = sum(r.completed for r in rows)
    return PatrolRate(code, "", due, completed, sum(r.overdue for r in rows), patrol_rate_pct(completed, due), None)


# ---------------------------------------------------------------------------------------------
# Cases


@dataclass(frozen=True)
class CaseCounts:
    """Cases of a township per status (in the order of ``cases.STATUSES``) and how many are overdue."""

    township_code: str  # '' for cases without a township code; TOTAL_CODE for the county
    by_status: Tuple[int, ...]
    overdue: int
    flagged: int = 0  # cases whose evidence checks (举证核验) found something (evidence_checks.needs_attention)

    @property
    def total(self) -> int:
        return sum(self.by_status)

    def count(self, status: str) -> int:
        return self.by_status[case_rules.STATUSES.index(status)]


@dataclass(frozen=True)
class CaseSection:
    as_of: date  # overdue: not closed and due before this day
    townships: Tuple[CaseCounts, ...]  # by code; cases without a township code last
    total: CaseCounts
    statuses: Tuple[str, ...] = case_rules.STATUSES


def _due_date(value, case_id):
    if value is None or isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise DomainError(
            QT_TR_NOOP("Case {case_id}: the due date {value!r} is not a date"), case_id=case_id, value=value
        ) from None


def case_section(cases: Iterable[Row], as_of: date, townships: Iterable[str] = ()) -> CaseSection:
    """Counts per township and status, zeros included, and the cases overdue on ``as_of``.

    ``cases``: rows with case_id, township_code, status and due_date (a date or ISO text);
    ``townships``: codes listed even without cases.
    """
    statuses = case_rules.STATUSES
    counts = {code: [0] * len(statuses) for code in townships}
    overdue, flagged = Counter(), Counter()
    for index, case in enumerate(cases, start=1):
        case_id = str(_value(case, "case_id") or f"#{index}")
        status = _value(case, "status")
        if status not in statuses:
            raise DomainError(
                QT_TR_NOOP("Case {case_id}: unknown status {status!r}; the statuses are: {statuses}"),
                case_id=case_id,
                status=status,
                statuses=", ".join(statuses),
            )
        code = str(_value(case, "township_code") or "").strip()
        counts.setdefault(code, [0] * len(statuses))[statuses.index(status)] += 1
        state = case_rules.CaseState(case_id, status, due_date=_due_date(case.get("due_date"), case_id))
        overdue[code] += case_rules.is_overdue(state, as_of)
        flagged[code] += evidence_checks.needs_attention(status, _value(case, "checks"), _value(case, "flagged_photos"))
    order = sorted(counts, key=lambda c: (c == "", c))
    rows = tuple(CaseCounts(code, tuple(counts[code]), overdue[code], flagged[code]) for code in order)
    total = CaseCounts(
        TOTAL_CODE,
        tuple(sum(column) for column in zip(*counts.values())) or (0,) * len(statuses),
        sum(overdue.values()),
        sum(flagged.values()),
    )
    return CaseSection(as_of, rows, total)


# ---------------------------------------------------------------------------------------------
# Quotas


@dataclass(frozen=True)
class QuotaRow:
    """Farmland and PBF of a township against its targets (亩); targets, gaps and completion None without a target."""

    township_code: str
    farmland_mu: float
    farmland_target_mu: Optional[float]
    farmland_gap_mu: Optional[float]
    farmland_completion_pct: Optional[float]
    pbf_mu: float
    pbf_target_mu: Optional[float]
    pbf_gap_mu: Optional[float]
    pbf_completion_pct: Optional[float]


@dataclass(frozen=True)
class QuotaSection:
    rows: Tuple[QuotaRow, ...]  # by code
    total: QuotaRow  # quotaoverlay's TOTAL row where the table has it, else the sums
    area_method: str


#: Fields a units table needs (quotaoverlay's OUTPUT_UNITS has them); unit_name, the completion
#: percentages and area_method are used where present.
UNIT_FIELDS = ("unit_code", "farmland_mu", "farmland_target_mu", "farmland_gap_mu", "pbf_mu", "pbf_target_mu", "pbf_gap_mu")
PATROL_FIELDS = ("township_code", "month", "periods_due", "periods_completed", "periods_overdue", "patrol_rate_pct")


def completion_pct(actual: float, target: Optional[float]) -> Optional[float]:
    """Completion in % to 0.01 as quotaoverlay gives it; None without a positive target."""
    return round(100.0 * actual / target, 2) if target else None


def _quota_kind(row, kind, index, code):
    """(actual, target, gap, completion %) of farmland or PBF; a unit's gap must fit its target and actual (the
    TOTAL row's gap is the sum of the units' gaps, which need not)."""
    actual = _number(row, f"{kind}_mu", UNITS_SOURCE, index)
    target = _number(row, f"{kind}_target_mu", UNITS_SOURCE, index, required=False)
    gap = _number(row, f"{kind}_gap_mu", UNITS_SOURCE, index, required=False)
    expected = None if target is None else max(target - actual, 0.0)
    if code == TOTAL_CODE:
        expected = gap
    if (gap is None) != (expected is None) or (gap is not None and abs(gap - expected) > AREA_TOLERANCE_MU):
        raise DomainError(
            QT_TR_NOOP("{source} row {row}: unit {code}: {field} {gap} does not fit the target {target} and the actual {actual}"),
            source=Message(UNITS_SOURCE),
            row=index,
            code=code,
            field=f"{kind}_gap_mu",
            gap=_shown(gap),
            target=_shown(target),
            actual=_shown(actual),
        )
    pct = _number(row, f"{kind}_completion_pct", UNITS_SOURCE, index, required=False)
    return actual, target, gap, pct if pct is not None else completion_pct(actual, target)


def quota_section(rows: Iterable[Row], level: int = LEVEL_TOWNSHIP) -> QuotaSection:
    """The quota section from quotaoverlay's OUTPUT_UNITS rows at township level (``UNIT_FIELDS``), or at ``level``
    (LEVEL_COUNTY: the city's ranking)."""

    def quota(row, index, code):
        return QuotaRow(code, *_quota_kind(row, "farmland", index, code), *_quota_kind(row, "pbf", index, code))

    units, total, methods = unit_rows(rows, UNITS_SOURCE, quota, _NO_ROWS[level], level)
    return QuotaSection(units, total or _quota_total(units), methods)


def unit_rows(rows: Iterable[Row], source: str, build, empty: str, level: int = LEVEL_TOWNSHIP):
    """(units in code order, the TOTAL row or None, the area methods named) of a per-unit table: each row made by
    ``build(row, index, code)``; a unit given in two rows, or a table without units (``empty``), is refused."""
    units, total, methods, seen = [], None, [], {}
    for index, row in enumerate(rows, start=1):
        is_total = str(_value(row, "unit_code") or "").strip() == TOTAL_CODE
        code = TOTAL_CODE if is_total else _township(row, "unit_code", source, index, level)
        built = build(row, index, code)
        method = str(_value(row, "area_method") or "").strip()
        if method and method not in methods:
            methods.append(method)
        if is_total:
            total = built
            continue
        if code in seen:
            raise DomainError(
                QT_TR_NOOP("{source}: unit {code} has two rows ({first} and {row})"),
                source=Message(source),
                code=code,
                first=seen[code],
                row=index,
            )
        seen[code] = index
        units.append(built)
    if not units:
        raise DomainError(empty)
    units.sort(key=lambda r: r.township_code)
    return tuple(units), total, ", ".join(methods)


_NO_ROWS = {
    LEVEL_TOWNSHIP: QT_TR_NOOP("The units table has no township rows"),
    LEVEL_COUNTY: QT_TR_NOOP("The county units table has no county rows"),
}


def _sum_known(values, digits=4):
    known = [v for v in values if v is not None]
    return round(float(sum(known)), digits) if known else None


def _quota_total(units):
    """The sums as quotaoverlay's TOTAL row has them: actuals, targets and gaps summed, completion of the sums."""
    figures = {}
    for kind in ("farmland", "pbf"):
        actual = _sum_known(getattr(r, f"{kind}_mu") for r in units) or 0.0
        target = _sum_known(getattr(r, f"{kind}_target_mu") for r in units)
        gap = _sum_known(getattr(r, f"{kind}_gap_mu") for r in units)
        figures[kind] = (actual, target, gap, completion_pct(actual, target))
    return QuotaRow(TOTAL_CODE, *figures["farmland"], *figures["pbf"])


# ---------------------------------------------------------------------------------------------
# Trend


def year_label(position: int, *names: Optional[str]) -> str:
    """The first four-digit 19xx/20xx number of the first name that has one (``dltb_2025`` → ``2025``), else
    the layer's position (1, 2…) as text."""
    for name in names:
        found = _YEAR.search(str(name or ""))
        if found:
            return found.group(0)
    return str(position)


def is_year(label: str) -> bool:
    return bool(_YEAR.fullmatch(label))


@dataclass(frozen=True)
class YearFarmland:
    """Farmland per township (亩) of one yearly parcel layer, as quotaoverlay counts it."""

    label: str
    layer: str
    farmland_mu: Mapping[str, float]
    area_method: str = ""


@dataclass(frozen=True)
class TrendRow:
    township_code: str
    values: Tuple[Optional[float], ...]  # per year; None where the layer has no parcels of the township


@dataclass(frozen=True)
class TrendSection:
    years: Tuple[str, ...]  # in order of the years where every label is a year, else as given
    layers: Tuple[str, ...]
    rows: Tuple[TrendRow, ...]  # by code
    totals: Tuple[float, ...]  # per year, the sum of the townships as quotaoverlay's TOTAL row has it
    area_methods: Tuple[str, ...]


def trend_section(years: Sequence[YearFarmland]) -> TrendSection:
    labels = {}
    for year in years:
        if year.label in labels:
            raise DomainError(
                QT_TR_NOOP("The parcel layers {first} and {second} both give the year {year}; give each year once"),
                first=labels[year.label],
                second=year.layer,
                year=year.label,
            )
        labels[year.label] = year.layer
    if all(is_year(y.label) for y in years):
        years = sorted(years, key=lambda y: y.label)
    codes = sorted({code for y in years for code in y.farmland_mu})
    rows = tuple(TrendRow(code, tuple(y.farmland_mu.get(code) for y in years)) for code in codes)
    totals = tuple(round(float(sum(y.farmland_mu[c] for c in sorted(y.farmland_mu))), 4) for y in years)
    return TrendSection(
        tuple(y.label for y in years), tuple(y.layer for y in years), rows, totals, tuple(y.area_method for y in years)
    )


# ---------------------------------------------------------------------------------------------
# The dashboard


@dataclass(frozen=True)
class Dashboard:
    as_of: date
    names: Mapping[str, str] = field(default_factory=dict)
    patrol: Optional[PatrolSection] = None
    cases: Optional[CaseSection] = None
    quota: Optional[QuotaSection] = None
    trend: Optional[TrendSection] = None
    balance: Optional[object] = None  # dashboard_balance.BalanceSection
    flows: Tuple = ()  # dashboard_balance.YearFlows of each pair of successive years, for the trend

    def name(self, code: str) -> str:
        return self.names.get(code, "")

    def label(self, code: str) -> str:
        """The township's name, its code where the inputs give no name."""
        return self.names.get(code) or code

    def township_codes(self) -> List[str]:
        """Every township of any section, by code (cases without a township code not counted)."""
        rows = [
            *(self.patrol.townships if self.patrol else ()),
            *(self.cases.townships if self.cases else ()),
            *(self.quota.rows if self.quota else ()),
            *(self.trend.rows if self.trend else ()),
            *(self.balance.rows if self.balance else ()),
        ]
        return sorted({r.township_code for r in rows} - {""})

    def area_methods(self) -> List[str]:
        methods = ([self.quota.area_method] if self.quota else []) + list(self.trend.area_methods if self.trend else [])
        return [m for i, m in enumerate(methods) if m and m not in methods[:i]]


def build_dashboard(
    as_of: date,
    patrol_rows: Optional[Iterable[Row]] = None,
    unit_rows: Optional[Iterable[Row]] = None,
    cases: Optional[Iterable[Row]] = None,
    years: Sequence[YearFarmland] = (),
) -> Dashboard:
    """The dashboard from plain rows; each input may be None (not given). Township names come from the units
    table, then the patrol summary; the case counts list every township of the other sections."""
    patrol_rows = None if patrol_rows is None else list(patrol_rows)
    unit_rows = None if unit_rows is None else list(unit_rows)
    patrol = None if patrol_rows is None else patrol_section(patrol_rows)
    quota = None if unit_rows is None else quota_section(unit_rows)
    trend = trend_section(years) if years else None
    names = township_names(
        ((r.get("unit_code"), r.get("unit_name")) for r in unit_rows or ()),
        ((r.get("township_code"), r.get("township_name")) for r in patrol_rows or ()),
    )
    dashboard = Dashboard(as_of, names, patrol, None, quota, trend)
    if cases is None:
        return dashboard
    return Dashboard(as_of, names, patrol, case_section(cases, as_of, dashboard.township_codes()), quota, trend)
