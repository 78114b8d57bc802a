"""The city's county ranking from a township-level dashboard and quotaoverlay's county units (domain)."""

from datetime import date

import pytest

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.domain import dashboard as d
from farmland_grid_plugin.domain.dashboard_ranking import county_ranking, spans_counties
from farmland_grid_plugin.domain.messages import DomainError
from farmland_grid_plugin.report.ranking import ranking_html, ranking_tables
from tests.unit.test_dashboard import AS_OF, case, patrol_row, unit_row

A1, A2, B1 = "130123001", "130123002", "130124001"

PATROL = [
    patrol_row(A1, "2026-01", 30, 30),
    patrol_row(A2, "2026-01", 10, 0),  # county 130123: 30 of 40 → 75 %
    patrol_row(B1, "2026-01", 20, 16),  # county 130124: 80 %
    patrol_row(B1, "2026-02", 20, 14),  # … over both months 30 of 40 → 75 %: tied with 130123
]
CASES = [
    case("1", A1, c.ISSUED, date(2026, 1, 2)),  # overdue
    case("2", A2, c.ISSUED, date(2026, 1, 3)),  # overdue
    case("3", B1, c.CLOSED, date(2026, 1, 1)),
    case("4", B1, c.REPORTED, date(2026, 1, 5)),  # overdue
    case("5", None, c.ISSUED, date(2026, 1, 1)),  # no township: in the city's total only
]
COUNTY_UNITS = [
    unit_row("130123", "示范县", 900.0, 1000.0, 700.0, 650.0),  # 90 % farmland
    unit_row("130124", "示范二县", 990.0, 1000.0, 500.0, 800.0),  # 99 %
    unit_row("TOTAL", "合计", 1890.0, 2000.0, 1200.0, 1450.0, farmland_gap_mu=110.0, pbf_gap_mu=300.0),
]


def ranking():
    return county_ranking(d.build_dashboard(AS_OF, PATROL, None, CASES), COUNTY_UNITS)


def test_counties_sum_their_townships_and_rank_densely():
    result = ranking()
    rows = {r.county_code: r for r in result.rows}
    assert list(rows) == ["130124", "130123"]  # tied on the patrol rate: the better farmland completion first
    a, b = rows["130123"], rows["130124"]
    assert (a.patrol_due, a.patrol_completed, a.patrol_overdue, a.patrol_rate_pct) == (40, 30, 10, 75.0)
    assert (b.patrol_due, b.patrol_completed, b.patrol_rate_pct) == (40, 30, 75.0)
    assert a.patrol_rank == b.patrol_rank == 1
    assert a.cases_by_status[c.STATUSES.index(c.ISSUED)] == 2 and a.cases_overdue == 2 and a.cases_total == 2
    assert b.cases_total == 2 and b.cases_overdue == 1 and (a.overdue_rank, b.overdue_rank) == (2, 1)
    assert (a.farmland_rank, b.farmland_rank) == (2, 1) and (a.pbf_rank, b.pbf_rank) == (1, 2)
    assert a.quota.farmland_gap_mu == 100.0 and b.quota.pbf_completion_pct == 62.5
    total = result.total
    assert (total.patrol_due, total.patrol_rate_pct, total.cases_total, total.cases_overdue) == (80, 75.0, 5, 4)
    assert total.quota.farmland_gap_mu == 110.0 and result.label("130124") == "示范二县"


def test_tables_in_rank_order_and_the_html_section():
    tables = {t.key: t for t in ranking_tables(ranking())}
    assert [row[0] for row in tables["ranking-cases"].rows] == ["130124", "130123", ""]
    assert [row[0] for row in tables["ranking-targets"].rows] == ["130124", "130123", ""]
    assert tables["ranking-targets"].rows[0][2:7] == ("990.0000", "1000.0000", "10.0000", "99.00", "1")
    html = ranking_html(ranking())
    assert 'id="section-ranking"' in html and 'id="ranking-patrol"' in html and "示范二县" in html


def test_ranking_without_targets_and_what_spans_counties():
    dashboard = d.build_dashboard(AS_OF, PATROL)
    assert spans_counties(dashboard) and not spans_counties(d.build_dashboard(AS_OF, PATROL[:2]))
    result = county_ranking(dashboard)
    assert [r.quota for r in result.rows] == [None, None] and result.total.cases_by_status is None
    assert [t.key for t in ranking_tables(result)] == ["ranking-patrol"]


def test_county_units_of_another_level_are_refused():
    with pytest.raises(DomainError, match="unit 130123001 is not a county; the city's ranking compares counties"):
        county_ranking(d.build_dashboard(AS_OF, PATROL), [unit_row(A1, "", 1.0, 1.0, 1.0, 1.0)])
