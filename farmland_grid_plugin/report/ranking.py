"""The city's county ranking as report tables and HTML: one table per measure, each in its own rank order,
laid out like the township tables (code, name, figures, rank; the city's total row last)."""

from html import escape
from typing import Callable, Optional, Tuple

from ..domain import cases as case_rules
from ..domain.dashboard_ranking import CountyRank, CountyRanking
from ..domain.messages import QT_TR_NOOP, Message
from .html import table_html
from .tables import TOTAL, Table, area_text, count_text, pct_text

SECTION_KEY = "ranking"
SECTION_TITLE = QT_TR_NOOP("Counties ranked")
SECTION_NOTE = QT_TR_NOOP("A county's patrols and cases sum its townships'; ranks are dense, best first (fewest overdue cases).")
CODE, COUNTY, RANK = QT_TR_NOOP("County code"), QT_TR_NOOP("County"), QT_TR_NOOP("Rank")


def _headers(*templates):
    return tuple(t if isinstance(t, Message) else Message(t) for t in templates)


def _by_rank(rows, rank_of):
    return sorted(rows, key=lambda r: (rank_of(r) is None, rank_of(r) or 0, r.county_code))


def _county_cells(ranking: CountyRanking, row: CountyRank):
    if row is ranking.total:
        return "", Message(TOTAL)
    return row.county_code, ranking.label(row.county_code)


def ranking_tables(ranking: CountyRanking) -> Tuple[Table, ...]:
    """The patrol, case and target tables of the ranking, for the inputs it has."""
    rows, total, tables = ranking.rows, ranking.total, []
    if total.patrol_due is not None:
        tables.append(
            Table(
                "ranking-patrol",
                Message(QT_TR_NOOP("Patrol rate per county, all months")),
                _headers(
                    CODE,
                    COUNTY,
                    QT_TR_NOOP("Periods due"),
                    QT_TR_NOOP("Completed"),
                    QT_TR_NOOP("Overdue"),
                    QT_TR_NOOP("Patrol rate (%)"),
                    RANK,
                ),
                tuple(
                    (
                        *_county_cells(ranking, r),
                        count_text(r.patrol_due),
                        count_text(r.patrol_completed),
                        count_text(r.patrol_overdue),
                        pct_text(r.patrol_rate_pct, 1),
                        count_text(r.patrol_rank),
                    )
                    for r in (*_by_rank(rows, lambda r: r.patrol_rank), total)
                ),
                totals=1,
            )
        )
    if total.cases_by_status is not None:
        statuses = (Message(case_rules.STATUS_LABELS[s]) for s in case_rules.STATUSES)
        tables.append(
            Table(
                "ranking-cases",
                Message(QT_TR_NOOP("Cases per county and status, ranked by cases overdue")),
                _headers(CODE, COUNTY, *statuses, TOTAL, QT_TR_NOOP("Overdue"), RANK),
                tuple(
                    (
                        *_county_cells(ranking, r),
                        *(count_text(n) for n in r.cases_by_status or (None,) * len(case_rules.STATUSES)),
                        count_text(r.cases_total),
                        count_text(r.cases_overdue),
                        count_text(r.overdue_rank),
                    )
                    for r in (*_by_rank(rows, lambda r: r.overdue_rank), total)
                ),
                totals=1,
            )
        )
    if total.quota is not None:
        tables.append(
            Table(
                "ranking-targets",
                Message(QT_TR_NOOP("Farmland and PBF against the county targets, ranked by farmland completion")),
                _headers(
                    CODE,
                    COUNTY,
                    QT_TR_NOOP("Farmland (mu)"),
                    QT_TR_NOOP("Farmland target (mu)"),
                    QT_TR_NOOP("Farmland gap (mu)"),
                    QT_TR_NOOP("Farmland completion (%)"),
                    RANK,
                    QT_TR_NOOP("PBF gap (mu)"),
                    QT_TR_NOOP("PBF completion (%)"),
                    QT_TR_NOOP("PBF rank"),
                ),
                tuple(_target_cells(ranking, r) for r in (*_by_rank(rows, lambda r: r.farmland_rank), total)),
                totals=1,
            )
        )
    return tuple(tables)


def _target_cells(ranking, r):
    q = r.quota
    if q is None:
        return (*_county_cells(ranking, r), *("—",) * 8)
    return (
        *_county_cells(ranking, r),
        area_text(q.farmland_mu),
        area_text(q.farmland_target_mu),
        area_text(q.farmland_gap_mu),
        pct_text(q.farmland_completion_pct),
        count_text(r.farmland_rank),
        area_text(q.pbf_gap_mu),
        pct_text(q.pbf_completion_pct),
        count_text(r.pbf_rank),
    )


def ranking_html(ranking: CountyRanking, translate: Optional[Callable] = None) -> str:
    """The ranking as a report section: its heading on a new page, the note, the tables."""
    title = escape(Message(SECTION_TITLE).render(translate))
    lines = [
        f'<h2 id="section-{SECTION_KEY}" style="page-break-before: always;">{title}</h2>',
        f'<p class="note">{escape(Message(SECTION_NOTE).render(translate))}</p>',
    ]
    lines.extend(table_html(table, translate) for table in ranking_tables(ranking))
    return "\n".join(lines)
