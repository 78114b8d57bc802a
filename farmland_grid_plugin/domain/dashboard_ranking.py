"""The city's dashboard: its counties ranked as the county dashboard ranks its townships (市州级排名).

A city office has the same inputs a county has, for all its counties at once: patrolcoverage's
township monthly summary, the cases of the workspace (per township), and quotaoverlay's units at
LEVEL county with the targets handed to each county. The counties' patrol figures and case counts
are the sums of their townships' (the patrol rate of the sums, as patrolcoverage computes a rate);
their farmland and PBF are the county rows as quotaoverlay wrote them. Each measure is ranked
densely, best first (1, 2, 2, 3): patrol rate and completion highest first, overdue cases fewest
first. The counties are listed in the order of their patrol rank, as the township table is.
"""

import math
from dataclasses import dataclass
from typing import Dict, Iterable, Mapping, Optional, Tuple

from .dashboard import TOTAL_CODE, Dashboard, QuotaRow, Row, dense_ranks, patrol_rate_pct, quota_section, township_names
from .unitcode import DEFAULT_LENGTHS, LEVEL_COUNTY


@dataclass(frozen=True)
class CountyRank:
    """One county's figures and ranks (None where its input is missing); ``county_code`` TOTAL_CODE for the city."""

    county_code: str
    patrol_due: Optional[int]
    patrol_completed: Optional[int]
    patrol_overdue: Optional[int]
    patrol_rate_pct: Optional[float]
    patrol_rank: Optional[int]
    cases_by_status: Optional[Tuple[int, ...]]  # in the order of cases.STATUSES
    cases_overdue: Optional[int]
    overdue_rank: Optional[int]
    quota: Optional[QuotaRow]
    farmland_rank: Optional[int]
    pbf_rank: Optional[int]

    @property
    def cases_total(self) -> Optional[int]:
        return None if self.cases_by_status is None else sum(self.cases_by_status)


@dataclass(frozen=True)
class CountyRanking:
    rows: Tuple[CountyRank, ...]  # by patrol rank (then farmland rank, then code)
    total: CountyRank  # the city: every county's sums, quotaoverlay's TOTAL row for the targets
    names: Mapping[str, str]  # county code → name (the county units table's unit_name)

    def label(self, code: str) -> str:
        return self.names.get(code) or code


def county_of(township_code: str) -> str:
    return township_code[: DEFAULT_LENGTHS.county] if township_code and township_code != TOTAL_CODE else township_code


def _sums(rows, code_of, width):
    """code → element-wise sums of the rows' figure tuples, grouped by ``code_of`` of their code."""
    sums: Dict[str, list] = {}
    for code, figures in rows:
        total = sums.setdefault(code_of(code), [0] * width)
        for k, value in enumerate(figures):
            total[k] += value
    return sums


def _ranks(codes, values, lowest_first=False):
    """code → dense rank of its value (None where the value is None)."""
    shown = [None if v is None else (-v if lowest_first else v) for v in values]
    return dict(zip(codes, dense_ranks(shown)))


def county_ranking(dashboard: Dashboard, county_units: Optional[Iterable[Row]] = None) -> CountyRanking:
    """The counties of a township-level dashboard ranked, with their targets from quotaoverlay's units at LEVEL
    county (``county_units``: rows with dashboard.UNIT_FIELDS; None: no target columns). Cases without a township
    code count in the city's total only."""
    patrol = _sums(
        ((r.township_code, (r.due, r.completed, r.overdue)) for r in dashboard.patrol.townships) if dashboard.patrol else (),
        county_of,
        3,
    )
    statuses = len(dashboard.cases.statuses) if dashboard.cases else 0
    cases = _sums(
        ((r.township_code, (*r.by_status, r.overdue)) for r in dashboard.cases.townships) if dashboard.cases else (),
        county_of,
        statuses + 1,
    )
    county_units = None if county_units is None else list(county_units)
    quota = quota_section(county_units, LEVEL_COUNTY) if county_units is not None else None
    quotas = {r.township_code: r for r in quota.rows} if quota else {}
    codes = sorted((set(patrol) | set(cases) | set(quotas)) - {""})

    rates = {c: patrol_rate_pct(patrol[c][1], patrol[c][0]) if c in patrol else None for c in codes}
    patrol_rank = _ranks(codes, [rates[c] for c in codes])
    overdue_rank = _ranks(codes, [cases[c][-1] if c in cases else None for c in codes], lowest_first=True)
    completion = {
        kind: _ranks(codes, [getattr(quotas[c], f"{kind}_completion_pct") if c in quotas else None for c in codes])
        for kind in ("farmland", "pbf")
    }

    def rank_row(code, patrol_figures, case_figures, quota_row, ranks):
        due, completed, overdue = patrol_figures if patrol_figures is not None else (None, None, None)
        return CountyRank(
            code,
            due,
            completed,
            overdue,
            patrol_rate_pct(completed, due) if patrol_figures is not None else None,
            ranks[0],
            tuple(case_figures[:-1]) if case_figures is not None else None,
            case_figures[-1] if case_figures is not None else None,
            ranks[1],
            quota_row,
            ranks[2],
            ranks[3],
        )

    rows = [
        rank_row(
            c,
            patrol.get(c),
            cases.get(c),
            quotas.get(c),
            (patrol_rank[c], overdue_rank[c], completion["farmland"][c], completion["pbf"][c]),
        )
        for c in codes
    ]
    rows.sort(key=lambda r: tuple(math.inf if k is None else k for k in (r.patrol_rank, r.farmland_rank)) + (r.county_code,))
    city_patrol = [sum(column) for column in zip(*patrol.values())] if patrol else None
    city_cases = [sum(column) for column in zip(*cases.values())] if cases else None
    total = rank_row(TOTAL_CODE, city_patrol, city_cases, quota.total if quota else None, (None,) * 4)
    names = township_names((r.get("unit_code"), r.get("unit_name")) for r in county_units or ())
    return CountyRanking(tuple(rows), total, names)


def spans_counties(dashboard: Dashboard) -> bool:
    """True when the dashboard's townships belong to more than one county: a city's dashboard."""
    return len({county_of(code) for code in dashboard.township_codes()}) > 1
