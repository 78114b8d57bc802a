"""The dashboard's sections from plain rows: exact figures, rankings, totals, validation, tables and the HTML."""

from datetime import date
from html.parser import HTMLParser

import pytest

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.domain import dashboard as d
from farmland_grid_plugin.domain.messages import DomainError
from farmland_grid_plugin.report.html import report_html
from farmland_grid_plugin.report.tables import dashboard_sections, render_cell

T1, T2, T3 = "130123001", "130123002", "130123003"
AS_OF = date(2026, 2, 1)


def patrol_row(code, month, due, completed, rate=None, rank=None, name=""):
    rate = round(100.0 * completed / due, 1) if rate is None and due else rate
    return {
        "township_code": code,
        "township_name": name,
        "month": month,
        "periods_due": due,
        "periods_completed": completed,
        "periods_overdue": due - completed,
        "patrol_rate_pct": rate,
        "rank": rank,
    }


PATROL = [
    patrol_row(T1, "2026-01", 31, 10, rank=1, name="城关镇"),
    patrol_row(T2, "2026-01", 31, 0, rank=2, name="柳林乡"),
    patrol_row(T3, "2026-01", 20, 0, rank=2, name="白沙镇"),
    patrol_row(T1, "2026-02", 9, 0, rank=2, name="城关镇"),
    patrol_row(T2, "2026-02", 9, 9, rank=1, name="柳林乡"),
]


def unit_row(code, name, farm, farm_target, pbf, pbf_target, method="field:TBDLMJ", **extra):
    def gap(actual, target):
        return None if target is None else round(max(target - actual, 0.0), 4)

    def pct(actual, target):
        return None if not target else round(100.0 * actual / target, 2)

    return {
        "unit_code": code,
        "unit_name": name,
        "farmland_mu": farm,
        "farmland_target_mu": farm_target,
        "farmland_gap_mu": gap(farm, farm_target),
        "farmland_completion_pct": pct(farm, farm_target),
        "pbf_mu": pbf,
        "pbf_target_mu": pbf_target,
        "pbf_gap_mu": gap(pbf, pbf_target),
        "pbf_completion_pct": pct(pbf, pbf_target),
        "area_method": method,
        **extra,
    }


UNITS = [
    unit_row(T1, "城关镇（单位）", 1777.6341, 1800.0, 1573.4048, 1438.73),
    unit_row(T2, "柳林乡", 1469.3443, None, 1171.4082, 1200.0),
    unit_row(T3, "白沙镇", 1176.3757, 1172.77, 1042.4999, 959.21),
    # quotaoverlay's TOTAL row: sums, the gaps too (not the gap of the sums), completion of the sums.
    unit_row("TOTAL", "合计", 4423.3541, 2972.77, 3787.3129, 3597.94, farmland_gap_mu=22.3659, pbf_gap_mu=28.5918),
]


def case(case_id, township, status, due):
    return {"case_id": case_id, "township_code": township, "status": status, "due_date": due}


CASES = [
    case("A1", T1, c.ISSUED, date(2026, 1, 25)),  # overdue
    case("A2", T1, c.ISSUED, date(2026, 2, 1)),  # due on the day: not yet overdue
    case("A3", T1, c.CLOSED, date(2026, 1, 1)),  # closed: never overdue
    case("A4", T1, c.RECTIFYING, "2026-01-31"),  # overdue, the date as text
    case("B1", T2, c.REPORTED, None),  # no due date: not overdue
    case("X1", None, c.RETURNED, date(2026, 1, 2)),  # no township code, overdue
]

YEARS = [
    d.YearFarmland("2026", "dltb_2026", {T1: 1767.734, T2: 1478.8484, T3: 1166.6694}, "field:TBDLMJ"),
    d.YearFarmland("2025", "dltb_2025", {T1: 1777.6341, T2: 1469.3443}, "field:TBDLMJ"),
]


def sample_dashboard():
    return d.build_dashboard(AS_OF, PATROL, UNITS, CASES, YEARS)


# ---------------------------------------------------------------- patrols


def test_patrol_months_keep_the_given_figures_and_ranks():
    section = d.patrol_section(PATROL)
    assert section.months == ("2026-01", "2026-02")
    assert [(r.month, r.township_code, r.rank) for r in section.rows] == [
        ("2026-01", T1, 1),
        ("2026-01", T2, 2),
        ("2026-01", T3, 2),
        ("2026-02", T2, 1),
        ("2026-02", T1, 2),
    ]
    assert section.rate(T1, "2026-01") == d.PatrolRate(T1, "2026-01", 31, 10, 21, 32.3, 1)
    assert section.rate(T3, "2026-02") is None


def test_patrol_rate_of_each_township_over_all_months_and_ranked():
    section = d.patrol_section(PATROL)
    # T1: 10 of 40 = 25.0 %; T2: 9 of 40 = 22.5 %; T3: 0 of 20.
    assert [(r.township_code, r.due, r.completed, r.overdue, r.rate_pct, r.rank) for r in section.townships] == [
        (T1, 40, 10, 30, 25.0, 1),
        (T2, 40, 9, 31, 22.5, 2),
        (T3, 20, 0, 20, 0.0, 3),
    ]
    assert section.total == d.PatrolRate(d.TOTAL_CODE, "", 100, 19, 81, 19.0, None)


def test_missing_ranks_are_computed_as_patrolcoverage_ranks():
    rows = [{**r, "rank": None} for r in PATROL]
    ranks = {(r.month, r.township_code): r.rank for r in d.patrol_section(rows).rows}
    assert ranks == {("2026-01", T1): 1, ("2026-01", T2): 2, ("2026-01", T3): 2, ("2026-02", T2): 1, ("2026-02", T1): 2}
    assert d.dense_ranks([50.0, 90.0, 50.0, None, 10.0]) == [2, 1, 2, None, 3]


@pytest.mark.parametrize(
    "change, message",
    [
        (
            {"periods_overdue": 20},
            "130123001 in 2026-01: 10 completed and 20 overdue periods do not add up to the 31 periods due",
        ),
        ({"patrol_rate_pct": 33.3}, "the patrol rate 33.3 % does not fit 10 of 31 periods completed"),
        ({"patrol_rate_pct": None}, "the patrol rate — % does not fit 10 of 31 periods completed"),
        ({"month": "2026-13"}, "the month '2026-13' of township 130123001 is not a month such as 2026-01"),
        ({"township_code": "130123001001"}, "unit 130123001001 is not a township"),
        ({"township_code": "13012A001"}, "Patrol summary row 1: Unit code '13012A001'"),
        ({"periods_due": "x"}, "periods_due is 'x', not a number ≥ 0"),
        ({"periods_completed": 2.5}, "periods_completed is 2.5, not a whole number"),
        ({"periods_due": None}, "Patrol summary row 1: periods_due is empty"),
        ({"rank": 0}, "the rank is 0"),
    ],
)
def test_inconsistent_patrol_rows_are_named(change, message):
    with pytest.raises(DomainError) as info:
        d.patrol_section([{**PATROL[0], **change}, *PATROL[1:]])
    assert message in str(info.value)


def test_a_township_month_twice_is_refused():
    with pytest.raises(DomainError, match=r"township 130123002 has two rows for 2026-02 \(rows 5 and 6\)"):
        d.patrol_section([*PATROL, PATROL[-1]])


# ---------------------------------------------------------------- cases


def test_cases_per_township_and_status_with_zeros_and_overdue():
    section = d.case_section(CASES, AS_OF, townships=(T3,))
    assert [r.township_code for r in section.townships] == [T1, T2, T3, ""]
    first = section.townships[0]
    assert first.by_status == (2, 0, 0, 0, 0, 1, 1) and first.total == 4 and first.overdue == 2
    assert first.count(c.CLOSED) == 1 and first.count(c.APPROVED) == 0
    assert section.townships[1].by_status == (0, 0, 1, 0, 0, 0, 0) and section.townships[1].overdue == 0
    assert section.townships[2].by_status == (0,) * 7 and section.townships[2].overdue == 0
    assert section.townships[3].by_status == (0, 0, 0, 1, 0, 0, 0) and section.townships[3].overdue == 1
    assert section.total == d.CaseCounts(d.TOTAL_CODE, (2, 0, 1, 1, 0, 1, 1), 3)
    assert section.statuses == c.STATUSES
    # A day later the case due on 1 February is overdue too.
    assert d.case_section(CASES, date(2026, 2, 2)).total.overdue == 4


def test_no_cases_gives_zero_rows():
    section = d.case_section([], AS_OF, townships=(T1,))
    assert section.townships == (d.CaseCounts(T1, (0,) * 7, 0),) and section.total.total == 0


def test_bad_cases_are_named():
    with pytest.raises(DomainError, match="Case Z9: unknown status 'lost'; the statuses are: issued, collecting"):
        d.case_section([case("Z9", T1, "lost", None)], AS_OF)
    with pytest.raises(DomainError, match="Case Z8: the due date 'soon' is not a date"):
        d.case_section([case("Z8", T1, c.ISSUED, "soon")], AS_OF)


# ---------------------------------------------------------------- quotas


def test_quota_rows_as_given_and_the_total_row_of_quotaoverlay():
    section = d.quota_section(UNITS)
    assert [r.township_code for r in section.rows] == [T1, T2, T3]
    first = section.rows[0]
    assert (first.farmland_mu, first.farmland_target_mu, first.farmland_gap_mu, first.farmland_completion_pct) == (
        1777.6341,
        1800.0,
        22.3659,
        98.76,
    )
    assert (first.pbf_gap_mu, first.pbf_completion_pct) == (0.0, 109.36)
    no_target = section.rows[1]
    assert (no_target.farmland_target_mu, no_target.farmland_gap_mu, no_target.farmland_completion_pct) == (None, None, None)
    assert section.total.farmland_target_mu == 2972.77 and section.total.pbf_mu == 3787.3129
    assert (section.total.farmland_gap_mu, section.total.pbf_gap_mu) == (22.3659, 28.5918)  # the sums, as given
    assert section.area_method == "field:TBDLMJ"


def test_quota_total_computed_without_a_total_row_and_completion_without_its_column():
    rows = [{k: v for k, v in r.items() if not k.endswith("completion_pct")} for r in UNITS[:3]]
    section = d.quota_section(rows)
    total = section.total
    assert total.township_code == d.TOTAL_CODE
    assert total.farmland_mu == round(1777.6341 + 1469.3443 + 1176.3757, 4)
    assert total.farmland_target_mu == round(1800.0 + 1172.77, 4)  # the units with a target
    assert total.farmland_gap_mu == 22.3659
    assert total.farmland_completion_pct == round(100.0 * total.farmland_mu / total.farmland_target_mu, 2)
    assert section.rows[0].farmland_completion_pct == 98.76


@pytest.mark.parametrize(
    "change, message",
    [
        ({"farmland_gap_mu": 12.0}, "unit 130123001: farmland_gap_mu 12 does not fit the target 1800 and the actual 1777.63"),
        ({"pbf_gap_mu": None}, "pbf_gap_mu — does not fit the target 1438.73"),
        ({"unit_code": "130123001001"}, "Units table row 1: unit 130123001001 is not a township"),
        ({"pbf_mu": -1}, "Units table row 1: pbf_mu is -1, not a number ≥ 0"),
        ({"farmland_mu": None}, "Units table row 1: farmland_mu is empty"),
    ],
)
def test_inconsistent_units_are_named(change, message):
    with pytest.raises(DomainError) as info:
        d.quota_section([{**UNITS[0], **change}, *UNITS[1:]])
    assert message in str(info.value)


def test_units_twice_or_none_are_refused():
    with pytest.raises(DomainError, match=r"unit 130123002 has two rows \(2 and 3\)"):
        d.quota_section([UNITS[0], UNITS[1], UNITS[1]])
    with pytest.raises(DomainError, match="The units table has no township rows"):
        d.quota_section([UNITS[3]])


# ---------------------------------------------------------------- trend


def test_trend_in_order_of_the_years_with_totals():
    section = d.trend_section(YEARS)
    assert section.years == ("2025", "2026") and section.layers == ("dltb_2025", "dltb_2026")
    assert [(r.township_code, r.values) for r in section.rows] == [
        (T1, (1777.6341, 1767.734)),
        (T2, (1469.3443, 1478.8484)),
        (T3, (None, 1166.6694)),
    ]
    assert section.totals == (3246.9784, 4413.2518)


def test_trend_labels_that_are_not_years_keep_their_order():
    years = [d.YearFarmland("2", "b", {T1: 2.0}), d.YearFarmland("1", "a", {T1: 1.0})]
    assert d.trend_section(years).years == ("2", "1")
    with pytest.raises(DomainError, match="The parcel layers b and c both give the year 2; give each year once"):
        d.trend_section([*years, d.YearFarmland("2", "c", {})])


@pytest.mark.parametrize(
    "names, label",
    [
        (("dltb_2025",), "2025"),
        (("DLTB2024更新",), "2024"),
        (("130123_2023_dltb",), "2023"),
        (("地类图斑", "dltb_1999"), "1999"),
        (("dltb_20250", "x2026y"), "2026"),
        (("dltb", "county"), "3"),
        (("2100 plan",), "3"),
    ],
)
def test_year_label(names, label):
    assert d.year_label(3, *names) == label


# ---------------------------------------------------------------- the dashboard


def test_dashboard_names_and_townships():
    dashboard = sample_dashboard()
    # The units table's names come first; the patrol summary's fill in.
    assert dashboard.names == {T1: "城关镇（单位）", T2: "柳林乡", T3: "白沙镇"}
    assert dashboard.label(T1) == "城关镇（单位）" and dashboard.label("130123009") == "130123009"
    assert dashboard.township_codes() == [T1, T2, T3]
    # Every township of the other sections is listed among the cases, with zeros.
    assert [r.township_code for r in dashboard.cases.townships] == [T1, T2, T3, ""]
    assert dashboard.area_methods() == ["field:TBDLMJ"]
    assert d.township_names([(T1, ""), ("TOTAL", "合计"), (None, "x")], [(T1, "甲")]) == {T1: "甲"}


def test_dashboard_with_one_input():
    dashboard = d.build_dashboard(AS_OF, cases=CASES)
    assert dashboard.patrol is None and dashboard.quota is None and dashboard.trend is None
    assert [r.township_code for r in dashboard.cases.townships] == [T1, T2, ""]
    sections = dashboard_sections(dashboard)
    assert [s.key for s in sections] == list(d.SECTIONS)
    assert [str(s.note) if s.note else None for s in sections] == [
        "No patrol summary was given (patrolcoverage's township monthly summary).",
        None,
        "No units table was given (quotaoverlay's units at township level).",
        "No balance table was given (farmlandbalance's units at township level).",
        "No yearly parcel layers were given.",
    ]


def cells(table, translate=None):
    return [[render_cell(cell, translate) for cell in row] for row in table.rows]


def test_tables_hold_the_exact_figures():
    tables = {t.key: t for s in dashboard_sections(sample_dashboard()) for t in s.tables}
    assert list(tables) == ["patrol-townships", "patrol-months", "cases", "quota-farmland", "quota-pbf", "trend"]
    assert cells(tables["patrol-townships"]) == [
        [T1, "城关镇（单位）", "40", "10", "30", "25.0", "1"],
        [T2, "柳林乡", "40", "9", "31", "22.5", "2"],
        [T3, "白沙镇", "20", "0", "20", "0.0", "3"],
        ["", "Total", "100", "19", "81", "19.0", "—"],
    ]
    assert cells(tables["patrol-months"])[0] == ["2026-01", T1, "城关镇（单位）", "31", "10", "21", "32.3", "1"]
    assert [str(h) for h in tables["cases"].headers] == [
        "Township code",
        "Township",
        "Issued",
        "Collecting evidence",
        "Reported",
        "Sent back",
        "Approved",
        "Rectification under way",
        "Closed",
        "Total",
        "Overdue",
        "Flagged evidence",
    ]
    assert str(tables["cases"].title) == "Cases per township and status, overdue as of 2026-02-01"
    assert cells(tables["cases"]) == [
        [T1, "城关镇（单位）", "2", "0", "0", "0", "0", "1", "1", "4", "2", "0"],
        [T2, "柳林乡", "0", "0", "1", "0", "0", "0", "0", "1", "0", "0"],
        [T3, "白沙镇", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"],
        ["—", "(no township code)", "0", "0", "0", "1", "0", "0", "0", "1", "1", "0"],
        ["", "Total", "2", "0", "1", "1", "0", "1", "1", "6", "3", "0"],
    ]
    assert cells(tables["quota-farmland"]) == [
        [T1, "城关镇（单位）", "1777.6341", "1800.0000", "22.3659", "98.76"],
        [T2, "柳林乡", "1469.3443", "—", "—", "—"],
        [T3, "白沙镇", "1176.3757", "1172.7700", "0.0000", "100.31"],
        ["", "Total", "4423.3541", "2972.7700", "22.3659", "148.80"],
    ]
    assert cells(tables["quota-pbf"])[1] == [T2, "柳林乡", "1171.4082", "1200.0000", "28.5918", "97.62"]
    assert cells(tables["trend"]) == [
        [T1, "城关镇（单位）", "1777.6341", "1767.7340"],
        [T2, "柳林乡", "1469.3443", "1478.8484"],
        [T3, "白沙镇", "—", "1166.6694"],
        ["", "Total", "3246.9784", "4413.2518"],
    ]
    assert [str(h) for h in tables["trend"].headers][2:] == ["2025", "2026"]
    assert all(t.totals == 1 for k, t in tables.items() if k != "patrol-months")


class Parsed(HTMLParser):
    def __init__(self, text):
        super().__init__()
        self.tables, self.images, self.warnings, self.headings = {}, [], [], []
        self._table = self._cell = self._text = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table = self.tables.setdefault(attrs["id"], [])
        elif tag == "tr":
            self._table.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "img":
            self.images.append(attrs["src"])
        elif tag in ("h1", "h2") or (tag == "p" and attrs.get("class") == "warning"):
            self._text = []

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._table[-1].append("".join(self._cell))
            self._cell = None
        elif tag in ("h1", "h2"):
            self.headings.append("".join(self._text))
            self._text = None
        elif tag == "p" and self._text is not None:
            self.warnings.append("".join(self._text))
            self._text = None

    def handle_data(self, data):
        for part in (self._cell, self._text):
            if part is not None:
                part.append(data)


def test_report_html_is_self_contained_and_holds_the_tables():
    dashboard = sample_dashboard()
    text = report_html(
        dashboard,
        {d.SECTION_PATROL: "iVBORw0KGgo=", d.SECTION_TREND: "iVBORw0KGgp="},
        warnings=["No font <here>"],
        generated="2026-02-01 08:00",
        sources=["units 县指标"],
    )
    parsed = Parsed(text)
    assert parsed.headings == [
        "Farmland protection dashboard",
        "Patrols",
        "Cases",
        "Farmland and PBF against targets",
        "Farmland balances against tasks",
        "Farmland trend",
    ]
    assert parsed.images == ["data:image/png;base64,iVBORw0KGgo=", "data:image/png;base64,iVBORw0KGgp="]
    assert parsed.warnings == ["No font <here>"]  # escaped in the file, intact when read
    assert "http" not in text  # nothing is loaded from elsewhere
    for line in (
        "Cases overdue as of 2026-02-01",
        "Generated 2026-02-01 08:00",
        "Area method: field:TBDLMJ",
        "Inputs: units 县指标",
    ):
        assert line in text
    tables = {t.key: t for s in dashboard_sections(dashboard) for t in s.tables}
    for key, table in tables.items():
        assert parsed.tables[key][0] == [str(h) for h in table.headers]
        assert parsed.tables[key][1:] == cells(table)
    assert text.count('<tr class="total">') == 5


def test_report_html_in_the_users_language():
    translations = {"Farmland protection dashboard": "耕地保护驾驶舱", "Issued": "已下发", "Total": "合计", "Patrols": "巡田"}

    def translate(context, source):
        assert context == "@default"
        return translations.get(source, source)

    text = report_html(sample_dashboard(), translate=translate)
    parsed = Parsed(text)
    assert parsed.headings[:2] == ["耕地保护驾驶舱", "巡田"]
    assert parsed.tables["cases"][0][2] == "已下发" and parsed.tables["cases"][-1][1] == "合计"
    assert parsed.images == []
    assert "No patrol summary" not in text and "Only one parcel layer" not in text


def test_one_year_says_the_trend_needs_two():
    dashboard = d.build_dashboard(AS_OF, years=YEARS[:1])
    trend = dashboard_sections(dashboard)[-1]
    assert str(trend.note) == "Only one parcel layer was given: the trend chart needs two years or more."
    assert cells(trend.tables[0]) == [
        [T1, T1, "1767.7340"],
        [T2, T2, "1478.8484"],
        [T3, T3, "1166.6694"],
        ["", "Total", "4413.2518"],
    ]
