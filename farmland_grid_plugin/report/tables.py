"""The dashboard's sections as tables of texts, shared by the dock and the report so that both show
the same cells: figures formatted as the outputs store them, township names beside their codes, and
a note where a section has no input. Pure Python: the cells are text or domain Messages rendered in
the caller's language.
"""

from dataclasses import dataclass
from typing import Callable, List, Optional, Tuple

from ..domain import cases as case_rules
from ..domain.dashboard import (
    SECTION_BALANCE,
    SECTION_CASES,
    SECTION_PATROL,
    SECTION_QUOTA,
    SECTION_TREND,
    SECTIONS,
    TOTAL_CODE,
    Dashboard,
)
from ..domain.messages import QT_TR_NOOP, Message

SECTION_TITLES = {
    SECTION_PATROL: QT_TR_NOOP("Patrols"),
    SECTION_CASES: QT_TR_NOOP("Cases"),
    SECTION_QUOTA: QT_TR_NOOP("Farmland and PBF against targets"),
    SECTION_BALANCE: QT_TR_NOOP("Farmland balances against tasks"),
    SECTION_TREND: QT_TR_NOOP("Farmland trend"),
}
NOT_GIVEN = {
    SECTION_PATROL: QT_TR_NOOP("No patrol summary was given (patrolcoverage's township monthly summary)."),
    SECTION_CASES: QT_TR_NOOP("No case workspace was given."),
    SECTION_QUOTA: QT_TR_NOOP("No units table was given (quotaoverlay's units at township level)."),
    SECTION_BALANCE: QT_TR_NOOP("No balance table was given (farmlandbalance's units at township level)."),
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


def area_text(value: Optional[float]) -> str:
    """亩 as the outputs store them, to 0.0001."""
    return "—" if value is None else f"{value:.4f}"


def pct_text(value: Optional[float], digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def count_text(value: Optional[int]) -> str:
    return "—" if value is None else str(int(value))


def render_cell(cell, translate: Optional[Callable] = None) -> str:
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
        QT_TR_NOOP("Flagged evidence"),
    )
    rows = tuple(
        (
            *_township_cells(dashboard, r.township_code),
            *(str(n) for n in r.by_status),
            str(r.total),
            str(r.overdue),
            str(r.flagged),
        )
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


def dashboard_sections(dashboard: Dashboard) -> List[Section]:
    """The sections with their tables, or the note saying which input is missing."""
    from .balance_tables import balance_tables, flow_tables  # beside this module, which it builds on

    builders = {
        SECTION_PATROL: (dashboard.patrol, _patrol_tables),
        SECTION_CASES: (dashboard.cases, _case_tables),
        SECTION_QUOTA: (dashboard.quota, _quota_tables),
        SECTION_TREND: (dashboard.trend, lambda d: (*_trend_tables(d), *flow_tables(d))),
        SECTION_BALANCE: (dashboard.balance, balance_tables),
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
