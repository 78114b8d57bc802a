"""The dashboard (驾驶舱): patrols, cases, quotas and the farmland trend per township.

Pure functions build its four sections from plain rows (mappings of field name to value): the
township monthly summary of patrolcoverage, the cases of a workspace, the township units of
quotaoverlay, and farmland per township of yearly parcel layers. Figures the algorithms wrote are
taken as they are, so the dashboard shows exactly the numbers of the patrol, case and quota
outputs; what is computed here (a township's patrol rate over all months, case counts, totals)
follows the algorithms' own rules. Rows that contradict themselves (periods that do not add up, a
rate or gap that does not fit its figures, a month twice, a unit that is not a township) raise a
``DomainError`` naming the row.

The same sections are laid out as tables (``dashboard_sections``) for the dock and as a
self-contained HTML report (``report_html``) for the report algorithm, so both show the same texts.
"""

import html
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Mapping, Optional, Sequence, Tuple

from . import cases as case_rules
from .messages import QT_TR_NOOP, DomainError, Message
from .unitcode import LEVEL_TOWNSHIP, UnitCodeError, grid_code_of

TOTAL_CODE = "TOTAL"  # the total row of quotaoverlay's units (合计)
AREA_TOLERANCE_MU = 0.001  # gaps are stored to 0.0001 亩, rounded apart from the actual and target they come from
RATE_TOLERANCE_PCT = 0.051  # patrol rates are stored to 0.1 %

SECTION_PATROL, SECTION_CASES, SECTION_QUOTA, SECTION_TREND = "patrol", "cases", "quota", "trend"
SECTIONS = (SECTION_PATROL, SECTION_CASES, SECTION_QUOTA, SECTION_TREND)

PATROL_SOURCE = QT_TR_NOOP("Patrol summary")
UNITS_SOURCE = QT_TR_NOOP("Units table")

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


def _township(row, key, source, index):
    """The township grid code of the row (9 digits by default); DomainError for other units and bad codes."""
    raw = _value(row, key)
    try:
        code, level = grid_code_of(raw)
    except UnitCodeError as exc:
        raise DomainError(
            QT_TR_NOOP("{source} row {row}: {error}"), source=Message(source), row=index, error=exc.message
        ) from None
    if level != LEVEL_TOWNSHIP:
        raise DomainError(
            QT_TR_NOOP("{source} row {row}: unit {code} is not a township; the dashboard compares townships"),
            source=Message(source),
            row=index,
            code=code,
        )
    return code


def _shown(value):
    return "—" if value is None else f"{value:g}"


def dense_ranks(values):
    """Rank of each value, highest first, equal values sharing a rank (1, 2, 2, 3), as patrolcoverage ranks;
    None for None."""
    ordered = sorted({v for v in values if v is not None}, reverse=True)
    return [None if v is None else ordered.index(v) + 1 for v in values]


def township_names(*pairs):
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


def patrol_rate_pct(completed, due):
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

    def rate(self, code, month):
        """The township's row of the month, or None."""
        return next((r for r in self.rows if r.township_code == code and r.month == month), None)


def patrol_section(rows):
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

    @property
    def total(self):
        return sum(self.by_status)

    def count(self, status):
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


def case_section(cases, as_of, townships=()):
    """Counts per township and status, zeros included, and the cases overdue on ``as_of``.

    ``cases``: rows with case_id, township_code, status and due_date (a date or ISO text);
    ``townships``: codes listed even without cases.
    """
    statuses = case_rules.STATUSES
    counts = {code: [0] * len(statuses) for code in townships}
    overdue = Counter()
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
    rows = tuple(CaseCounts(code, tuple(counts[code]), overdue[code]) for code in sorted(counts, key=lambda c: (c == "", c)))
    total = CaseCounts(
        TOTAL_CODE, tuple(sum(column) for column in zip(*counts.values())) or (0,) * len(statuses), sum(overdue.values())
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


def completion_pct(actual, target):
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


def quota_section(rows):
    """The quota section from quotaoverlay's OUTPUT_UNITS rows at township level (``UNIT_FIELDS``)."""
    units, total, methods, seen = [], None, [], {}
    for index, row in enumerate(rows, start=1):
        is_total = str(_value(row, "unit_code") or "").strip() == TOTAL_CODE
        code = TOTAL_CODE if is_total else _township(row, "unit_code", UNITS_SOURCE, index)
        quota = QuotaRow(code, *_quota_kind(row, "farmland", index, code), *_quota_kind(row, "pbf", index, code))
        method = str(_value(row, "area_method") or "").strip()
        if method and method not in methods:
            methods.append(method)
        if is_total:
            total = quota
            continue
        if code in seen:
            raise DomainError(
                QT_TR_NOOP("{source}: unit {code} has two rows ({first} and {row})"),
                source=Message(UNITS_SOURCE),
                code=code,
                first=seen[code],
                row=index,
            )
        seen[code] = index
        units.append(quota)
    if not units:
        raise DomainError(QT_TR_NOOP("The units table has no township rows"))
    units.sort(key=lambda r: r.township_code)
    return QuotaSection(tuple(units), total or _quota_total(units), ", ".join(methods))


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


def year_label(position, *names):
    """The first four-digit 19xx/20xx number of the first name that has one (``dltb_2025`` → ``2025``), else
    the layer's position (1, 2…) as text."""
    for name in names:
        found = _YEAR.search(str(name or ""))
        if found:
            return found.group(0)
    return str(position)


def is_year(label):
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


def trend_section(years: Sequence[YearFarmland]):
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

    def name(self, code):
        return self.names.get(code, "")

    def label(self, code):
        """The township's name, its code where the inputs give no name."""
        return self.names.get(code) or code

    def township_codes(self):
        """Every township of any section, by code (cases without a township code not counted)."""
        rows = [
            *(self.patrol.townships if self.patrol else ()),
            *(self.cases.townships if self.cases else ()),
            *(self.quota.rows if self.quota else ()),
            *(self.trend.rows if self.trend else ()),
        ]
        return sorted({r.township_code for r in rows} - {""})

    def area_methods(self):
        methods = ([self.quota.area_method] if self.quota else []) + list(self.trend.area_methods if self.trend else [])
        return [m for i, m in enumerate(methods) if m and m not in methods[:i]]


def build_dashboard(as_of, patrol_rows=None, unit_rows=None, cases=None, years=()):
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


# ---------------------------------------------------------------------------------------------
# Tables, shared by the dock and the report

SECTION_TITLES = {
    SECTION_PATROL: QT_TR_NOOP("Patrols"),
    SECTION_CASES: QT_TR_NOOP("Cases"),
    SECTION_QUOTA: QT_TR_NOOP("Farmland and PBF against targets"),
    SECTION_TREND: QT_TR_NOOP("Farmland trend"),
}
NOT_GIVEN = {
    SECTION_PATROL: QT_TR_NOOP("No patrol summary was given (patrolcoverage's township monthly summary)."),
    SECTION_CASES: QT_TR_NOOP("No case workspace was given."),
    SECTION_QUOTA: QT_TR_NOOP("No units table was given (quotaoverlay's units at township level)."),
    SECTION_TREND: QT_TR_NOOP("No yearly parcel layers were given."),
}
ONE_YEAR = QT_TR_NOOP("Only one parcel layer was given: the trend chart needs two years or more.")
NO_TOWNSHIP = QT_TR_NOOP("(no township code)")
TOTAL = QT_TR_NOOP("Total")
CODE, TOWNSHIP = QT_TR_NOOP("Township code"), QT_TR_NOOP("Township")


@dataclass(frozen=True)
class Table:
    """A table of texts: ``headers`` and cells are str or Message (rendered in the user's language);
    the last ``totals`` rows are totals."""

    key: str
    title: Message
    headers: Tuple
    rows: Tuple[Tuple, ...]
    totals: int = 0


@dataclass(frozen=True)
class Section:
    key: str
    title: Message
    tables: Tuple[Table, ...] = ()
    note: Optional[Message] = None  # why the section (or its chart) is empty


def area_text(value):
    """亩 as the outputs store them, to 0.0001."""
    return "—" if value is None else f"{value:.4f}"


def pct_text(value, digits=2):
    return "—" if value is None else f"{value:.{digits}f}"


def count_text(value):
    return "—" if value is None else str(int(value))


def render_cell(cell, translate=None):
    return cell.render(translate) if isinstance(cell, Message) else str(cell)


def _headers(*templates):
    return tuple(Message(t) if isinstance(t, str) else t for t in templates)


def _township_cells(dashboard, code):
    if code == TOTAL_CODE:
        return "", Message(TOTAL)
    if not code:
        return "—", Message(NO_TOWNSHIP)
    return code, dashboard.label(code)


def _patrol_tables(dashboard):
    patrol = dashboard.patrol
    columns = (
        QT_TR_NOOP("Periods due"),
        QT_TR_NOOP("Completed"),
        QT_TR_NOOP("Overdue"),
        QT_TR_NOOP("Patrol rate (%)"),
        QT_TR_NOOP("Rank"),
    )

    def figures(r):
        return (count_text(r.due), count_text(r.completed), count_text(r.overdue), pct_text(r.rate_pct, 1), count_text(r.rank))

    overall = Table(
        "patrol-townships",
        Message(QT_TR_NOOP("Patrol rate per township, all months")),
        _headers(CODE, TOWNSHIP, *columns),
        tuple((*_township_cells(dashboard, r.township_code), *figures(r)) for r in (*patrol.townships, patrol.total)),
        totals=1,
    )
    monthly = Table(
        "patrol-months",
        Message(QT_TR_NOOP("Patrol rate per township and month")),
        _headers(QT_TR_NOOP("Month"), CODE, TOWNSHIP, *columns),
        tuple((r.month, *_township_cells(dashboard, r.township_code), *figures(r)) for r in patrol.rows),
    )
    return overall, monthly


def _case_tables(dashboard):
    cases = dashboard.cases
    headers = _headers(
        CODE,
        TOWNSHIP,
        *(case_rules.STATUS_LABELS[s] for s in cases.statuses),
        TOTAL,
        QT_TR_NOOP("Overdue"),
    )
    rows = tuple(
        (*_township_cells(dashboard, r.township_code), *(str(n) for n in r.by_status), str(r.total), str(r.overdue))
        for r in (*cases.townships, cases.total)
    )
    title = Message(QT_TR_NOOP("Cases per township and status, overdue as of {date}"), date=cases.as_of.isoformat())
    return (Table("cases", title, headers, rows, totals=1),)


def _quota_tables(dashboard):
    """One table for farmland (耕地保有量), one for PBF (永久基本农田): actual, target, gap, completion."""
    quota = dashboard.quota
    headers = _headers(
        CODE,
        TOWNSHIP,
        QT_TR_NOOP("Actual (mu)"),
        QT_TR_NOOP("Target (mu)"),
        QT_TR_NOOP("Gap (mu)"),
        QT_TR_NOOP("Completion (%)"),
    )
    tables = []
    for kind, title in (
        ("farmland", QT_TR_NOOP("Farmland against target per township")),
        ("pbf", QT_TR_NOOP("Permanent basic farmland against target per township")),
    ):
        rows = tuple(
            (
                *_township_cells(dashboard, r.township_code),
                area_text(getattr(r, f"{kind}_mu")),
                area_text(getattr(r, f"{kind}_target_mu")),
                area_text(getattr(r, f"{kind}_gap_mu")),
                pct_text(getattr(r, f"{kind}_completion_pct")),
            )
            for r in (*quota.rows, quota.total)
        )
        tables.append(Table(f"quota-{kind}", Message(title), headers, rows, totals=1))
    return tuple(tables)


def _trend_tables(dashboard):
    trend = dashboard.trend
    rows = tuple((*_township_cells(dashboard, r.township_code), *(area_text(v) for v in r.values)) for r in trend.rows)
    total = (*_township_cells(dashboard, TOTAL_CODE), *(area_text(v) for v in trend.totals))
    title = Message(QT_TR_NOOP("Farmland per township and year (mu)"))
    return (Table("trend", title, _headers(CODE, TOWNSHIP, *trend.years), (*rows, total), totals=1),)


def dashboard_sections(dashboard):
    """The four sections with their tables, or the note saying which input is missing."""
    builders = {
        SECTION_PATROL: (dashboard.patrol, _patrol_tables),
        SECTION_CASES: (dashboard.cases, _case_tables),
        SECTION_QUOTA: (dashboard.quota, _quota_tables),
        SECTION_TREND: (dashboard.trend, _trend_tables),
    }
    sections = []
    for key in SECTIONS:
        data, tables = builders[key]
        title = Message(SECTION_TITLES[key])
        if data is None:
            sections.append(Section(key, title, note=Message(NOT_GIVEN[key])))
            continue
        note = Message(ONE_YEAR) if key == SECTION_TREND and len(data.years) < 2 else None
        sections.append(Section(key, title, tables(dashboard), note))
    return sections


# ---------------------------------------------------------------------------------------------
# The HTML report

REPORT_TITLE = QT_TR_NOOP("Farmland protection dashboard")
AS_OF_LINE = QT_TR_NOOP("Cases overdue as of {date}")
GENERATED_LINE = QT_TR_NOOP("Generated {time}")
AREA_LINE = QT_TR_NOOP("Area method: {methods}")
INPUTS_LINE = QT_TR_NOOP("Inputs: {sources}")
CHART_WIDTH_PX = 680  # px at 96 dpi: fits an A4 page with 12 mm margins when Qt prints the HTML

_STYLE = (
    "body { font-family: sans-serif; font-size: 10pt; color: #202020; }"
    "h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 18px; } h3 { font-size: 11pt; }"
    "table.figures { border-collapse: collapse; margin-bottom: 12px; font-size: 8pt; }"
    "table.figures th { background-color: #e8eef4; font-weight: bold; }"
    "table.figures td.number { text-align: right; }"
    "tr.total td { font-weight: bold; background-color: #f4f4f4; }"
    "p.warning { color: #a00000; font-weight: bold; }"
    "p.note { color: #606060; }"
)


def _cell_html(cell, translate, tag, numeric):
    """A cell; body cells never wrap (codes and figures stay whole), header cells may."""
    text = html.escape(render_cell(cell, translate))
    attributes = (' class="number"' if numeric else "") + (" nowrap" if tag == "td" else "")
    return f"<{tag}{attributes}>{text}</{tag}>"


def _is_numeric(text):
    try:
        float(text)
    except ValueError:
        return text == "—"
    return True


def table_html(table, translate=None):
    """A table as HTML: ``<table id="KEY" class="figures">``, one ``<tr>`` per row, totals ``class="total"``."""
    lines = [f"<h3>{html.escape(table.title.render(translate))}</h3>"]
    lines.append(f'<table id="{table.key}" class="figures" border="1" cellspacing="0" cellpadding="2">')
    lines.append("<tr>" + "".join(_cell_html(h, translate, "th", False) for h in table.headers) + "</tr>")
    first_total = len(table.rows) - table.totals
    for n, row in enumerate(table.rows):
        cells = "".join(
            _cell_html(c, translate, "td", isinstance(c, str) and _is_numeric(c) and k > 1) for k, c in enumerate(row)
        )
        lines.append(f'<tr class="total">{cells}</tr>' if n >= first_total else f"<tr>{cells}</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def report_html(dashboard, images=None, translate=None, warnings=(), generated="", sources=()):
    """The dashboard as one self-contained HTML page: head lines, then per section its chart (``images``: section
    key → PNG bytes as base64 text, embedded as data URIs), its tables and notes. ``warnings``: Messages or texts
    shown at the top (a missing Chinese font, say); ``sources``: the inputs, named."""

    def text(template, **params):
        return html.escape(Message(template, **params).render(translate))

    title = text(REPORT_TITLE)
    out = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8">',
        f"<title>{title}</title>",
        f"<style>{_STYLE}</style>",
        "</head><body>",
        f"<h1>{title}</h1>",
        f"<p>{text(AS_OF_LINE, date=dashboard.as_of.isoformat())}</p>",
    ]
    if generated:
        out.append(f"<p>{text(GENERATED_LINE, time=generated)}</p>")
    methods = dashboard.area_methods()
    if methods:
        out.append(f"<p>{text(AREA_LINE, methods=', '.join(methods))}</p>")
    if sources:
        out.append(f"<p>{text(INPUTS_LINE, sources='; '.join(sources))}</p>")
    for warning in warnings:
        out.append(f'<p class="warning">{html.escape(render_cell(warning, translate))}</p>')
    for n, section in enumerate(dashboard_sections(dashboard)):
        style = ' style="page-break-before: always;"' if n else ""
        out.append(f'<h2 id="section-{section.key}"{style}>{html.escape(section.title.render(translate))}</h2>')
        if section.note is not None:
            out.append(f'<p class="note">{html.escape(section.note.render(translate))}</p>')
        image = (images or {}).get(section.key)
        if image:
            alt = html.escape(section.title.render(translate))
            out.append(f'<p align="center"><img src="data:image/png;base64,{image}" width="{CHART_WIDTH_PX}" alt="{alt}"></p>')
        out.extend(table_html(table, translate) for table in section.tables)
    out.append("</body></html>")
    return "\n".join(out)
