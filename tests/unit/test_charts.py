"""The dashboard's charts: the Chinese font found on this machine, the English fallback without one, and figures
whose bars, cells and lines carry exactly the dashboard's figures."""

import math
from pathlib import Path

import numpy as np
import pytest
from matplotlib.font_manager import findSystemFonts
from matplotlib.text import Text

from farmland_grid_plugin.domain import cases as c
from farmland_grid_plugin.domain import dashboard as d
from farmland_grid_plugin.report import charts, fonts
from farmland_grid_plugin.report.tables import dashboard_sections

from .test_dashboard import T1, T2, T3, YEARS, sample_dashboard

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"  # fonts-wqy-microhei, installed by make setup
DEJAVU = [p for p in findSystemFonts() if Path(p).name == "DejaVuSans.ttf"]
CHINESE = {
    "Issued": "已下发",
    "Overdue": "逾期",
    "No. {rank}": "第{rank}名",
    "Actual": "实际",
    "mu": "亩",
    "Change since {first} in {years} (mu)": "{years}年较{first}年变化（亩）",
}


def translate(context, source):
    assert context == "@default"
    return CHINESE.get(source, source)


@pytest.fixture(scope="module")
def font():
    return fonts.find_cjk_font()


def texts(figure):
    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]


def test_the_chinese_font_of_this_machine_is_found(font):
    assert font == fonts.ChartFont("WenQuanYi Micro Hei", WQY)
    assert fonts.cjk_font() == font  # looked up once, the same answer
    assert fonts.covers(WQY) and not fonts.covers(DEJAVU[0])


def test_a_font_file_matplotlib_has_not_listed_yet_is_found():
    # matplotlib's font list is a cache: a font installed after it was built is only among the system's files.
    assert fonts.find_cjk_font(entries=[], files=[WQY]) == fonts.ChartFont("WenQuanYi Micro Hei", WQY)
    # A preferred family wins over the order of the list; an unknown family with the glyphs is taken last.
    assert fonts.find_cjk_font(entries=[("Other Sans", DEJAVU[0]), ("wenquanyi micro hei", WQY)], files=[]).path == WQY
    assert fonts.find_cjk_font(entries=[("Some Hei", WQY)], files=[]) == fonts.ChartFont("Some Hei", WQY)


def test_no_chinese_font_means_english_labels_and_township_codes():
    assert fonts.find_cjk_font(entries=[], files=[]) is None
    assert fonts.find_cjk_font(entries=[("DejaVu Sans", p) for p in DEJAVU], files=[]) is None
    style = charts.ChartStyle(None, translate)
    dashboard = sample_dashboard()
    assert style.text(charts.RANK, rank=2) == "No. 2"  # the translation is not used: it could not be drawn
    assert style.township(dashboard, T1) == T1 and style.township(dashboard, "") == "(no township code)"
    figure = charts.case_chart(dashboard, style)
    labels = texts(figure)
    assert "Issued" in labels and "Overdue" in labels and T1 in labels
    assert not any("\u4e00" <= ch <= "\u9fff" for label in labels for ch in label)
    assert "No font with Chinese characters" in fonts.FONT_MISSING and "fonts-wqy-microhei" in fonts.FONT_MISSING


def test_chinese_labels_drawn_in_the_chinese_font(font):
    style = charts.ChartStyle(font, translate)
    figure = charts.case_chart(sample_dashboard(), style)
    labels = texts(figure)
    assert "已下发" in labels and "逾期" in labels and "城关镇（单位）" in labels and "柳林乡" in labels
    files = {t.get_fontproperties().get_file() for t in figure.findobj(Text)}
    assert files == {WQY}


def test_patrol_heat_map_cells_are_the_rates_with_their_ranks(font):
    dashboard = sample_dashboard()
    figure = charts.patrol_chart(dashboard, charts.ChartStyle(font, translate))
    ax = figure.axes[0]
    cells = ax.images[0].get_array()
    # Rows best first (T1 25.0 %, T2 22.5 %, T3 0.0 %), columns the months.
    assert cells.filled(np.nan).tolist()[:2] == [[32.3, 0.0], [0.0, 100.0]]
    assert cells[2, 0] == 0.0 and cells.mask[2, 1]  # T3 has no February row
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "城关镇（单位） (25.0 %, No. 1)",  # this template is not in the test's translations
        "柳林乡 (22.5 %, No. 2)",
        "白沙镇 (0.0 %, No. 3)",
    ]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2026-01", "2026-02"]
    annotations = [t.get_text() for t in ax.texts]
    assert annotations == ["32.3\n第1名", "0.0\n第2名", "0.0\n第2名", "100.0\n第1名", "0.0\n第2名", "—"]


def test_case_bars_stack_the_statuses_and_show_the_overdue(font):
    dashboard = sample_dashboard()
    figure = charts.case_chart(dashboard, charts.ChartStyle(font))
    ax = figure.axes[0]
    *stacks, overdue = ax.containers
    assert [s.get_label() for s in stacks] == [str(c.status_label(s)) for s in c.STATUSES]
    # Horizontal bars: a township per row, its name on the y axis, the first on top.
    lengths = [[bar.get_width() for bar in stack] for stack in stacks]
    by_township = list(zip(*lengths))
    assert [tuple(map(int, h)) for h in by_township] == [r.by_status for r in dashboard.cases.townships]
    assert [bar.get_width() for bar in overdue] == [2, 0, 0, 1]
    assert overdue.get_label() == "Overdue"
    # Each stack starts where the previous status ends.
    assert stacks[5][0].get_x() == 2 and stacks[6][0].get_x() == 3
    assert [t.get_text() for t in ax.get_yticklabels()] == ["城关镇（单位）", "柳林乡", "白沙镇", "(no township code)"]
    assert ax.yaxis_inverted()


def test_quota_bars_actual_beside_target(font):
    dashboard = sample_dashboard()
    figure = charts.quota_chart(dashboard, charts.ChartStyle(font, translate))
    farmland, pbf = figure.axes[:2]
    actual, target = farmland.containers
    assert actual.get_label() == "实际" and target.get_label() == "Target"
    assert [b.get_width() for b in actual] == [1777.6341, 1469.3443, 1176.3757]
    lengths = [b.get_width() for b in target]
    assert lengths[0] == 1800.0 and math.isnan(lengths[1]) and lengths[2] == 1172.77
    assert [b.get_width() for b in pbf.containers[1]] == [1438.73, 1200.0, 959.21]
    notes = [t.get_text().strip() for t in farmland.texts]
    assert notes[0] == "98.8%\ngap 22.37" and notes[1] == "" and notes[2] == "100.3%"
    assert farmland.get_xlabel() == "亩"
    # Every chart names the townships, the PBF one too.
    assert [t.get_text() for t in pbf.get_yticklabels()] == [t.get_text() for t in farmland.get_yticklabels()] != []


def test_trend_lines_per_township_and_changes_since_the_first_year(font):
    dashboard = sample_dashboard()
    figure = charts.trend_chart(dashboard, charts.ChartStyle(font, translate))
    lines, changes = figure.axes
    assert [line.get_label() for line in lines.lines] == ["城关镇（单位）", "柳林乡", "白沙镇"]
    assert list(lines.lines[0].get_ydata()) == [1777.6341, 1767.734]
    assert math.isnan(lines.lines[2].get_ydata()[0]) and lines.lines[2].get_ydata()[1] == 1166.6694
    assert [t.get_text() for t in lines.get_xticklabels()] == ["2025", "2026"]
    [bars] = changes.containers
    deltas = [b.get_height() for b in bars]
    assert deltas[:2] == [pytest.approx(1767.734 - 1777.6341), pytest.approx(1478.8484 - 1469.3443)]
    assert math.isnan(deltas[2])  # 白沙镇 has no 2025 figure
    assert changes.get_title() == "2026年较2025年变化（亩）" and changes.get_ylabel() == "亩"


def test_trend_of_three_years_and_none_for_one_year(font):
    dashboard = sample_dashboard()
    years = [*YEARS, d.YearFarmland("2027", "dltb_2027", {T1: 1760.0, T2: 1480.0, T3: 1160.0})]
    three = d.build_dashboard(dashboard.as_of, years=years)
    figure = charts.trend_chart(three, charts.ChartStyle(font))
    lines, changes = figure.axes
    assert [c.get_label() for c in changes.containers] == ["2026", "2027"]
    assert [b.get_height() for b in changes.containers[1]][:2] == [
        pytest.approx(1760.0 - 1777.6341),
        pytest.approx(1480.0 - 1469.3443),
    ]
    assert [t.get_text() for t in changes.get_legend().get_texts()] == ["2026", "2027"]
    one_year = d.build_dashboard(dashboard.as_of, years=YEARS[:1])
    assert charts.trend_chart(one_year, charts.ChartStyle(font)) is None
    assert charts.dashboard_charts(one_year, charts.ChartStyle(font)) == {}


def test_every_section_drawn_and_the_png_deterministic(font):
    style = charts.ChartStyle(font, translate)
    figures = charts.dashboard_charts(sample_dashboard(), style)
    assert list(figures) == [d.SECTION_PATROL, d.SECTION_CASES, d.SECTION_QUOTA, d.SECTION_TREND]
    png = charts.figure_png(figures[d.SECTION_QUOTA])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    again = charts.figure_png(charts.dashboard_charts(sample_dashboard(), style)[d.SECTION_QUOTA])
    assert png == again
    # Report size: 8 inches wide at 150 dpi, a panel's height growing with the townships.
    width, height = (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big"))
    assert (width, height) == (1200, 870)
    assert dashboard_sections(sample_dashboard())[0].key == d.SECTION_PATROL
    assert {T2, T3} <= set(sample_dashboard().township_codes())


def test_drawn_for_a_narrow_dock_the_labels_fit(font):
    """At a dock's opening width (about 4 inches): the figure takes that width, the heat map names the townships alone
    and the months without their year, legends and the colour bar go below the axes; nothing is cut."""
    import dataclasses

    style = dataclasses.replace(charts.ChartStyle(font, translate), width=4.0)
    assert style.narrow and not charts.ChartStyle(font).narrow
    figures = charts.dashboard_charts(sample_dashboard(), style)
    for key, figure in figures.items():
        assert figure.get_figwidth() == 4.0, key
        figure.canvas.draw()
        drawn = figure.get_tightbbox(figure.canvas.get_renderer())  # inches, every text and bar drawn
        assert drawn.x0 >= -0.01 and drawn.x1 <= 4.01 and drawn.y0 >= -0.01 and drawn.y1 <= figure.get_figheight() + 0.01, key
    heat = figures[d.SECTION_PATROL].axes[0]
    assert [t.get_text() for t in heat.get_yticklabels()] == ["城关镇（单位）", "柳林乡", "白沙镇"]
    assert [t.get_text() for t in heat.get_xticklabels()] == ["01", "02"]
    colour_bar = figures[d.SECTION_PATROL].axes[1]
    assert colour_bar.get_position().width > colour_bar.get_position().height  # horizontal, below
    legend = figures[d.SECTION_CASES].axes[0].get_legend()
    assert legend.get_window_extent().y1 < figures[d.SECTION_CASES].axes[0].get_window_extent().y0  # below the bars


def test_balance_bars_per_township_beside_the_task_and_narrow_they_fit(font):
    """Horizontal bars as the quota chart: the balance (negative to the left of zero) beside its task, the gap noted,
    the townships named on both panels; at a dock's width the chart stays inside its figure."""
    import dataclasses

    from farmland_grid_plugin.domain import dashboard_balance as db

    from .test_balance import balance_rows
    from .test_dashboard import AS_OF

    dashboard = d.Dashboard(AS_OF, {T1: "城关镇"}, balance=db.balance_section(balance_rows()))
    figure = charts.dashboard_charts(dashboard, charts.ChartStyle(font, translate))[d.SECTION_BALANCE]
    inout, occupation = figure.axes[:2]
    balance, task = inout.containers
    assert [b.get_width() for b in balance] == [-3.0, 3.0] and [b.get_width() for b in occupation.containers[0]] == [-2.0, 2.0]
    assert task.get_label() == "Task" and task[0].get_width() == 1.0 and math.isnan(task[1].get_width())
    assert inout.get_xlim()[0] < -3.0 and [t.get_text().strip() for t in inout.texts] == ["gap 4.00"]
    assert (
        [t.get_text() for t in occupation.get_yticklabels()]
        == [t.get_text() for t in inout.get_yticklabels()]
        == [
            "城关镇",
            T2,
        ]
    )
    narrow = charts.dashboard_charts(dashboard, dataclasses.replace(charts.ChartStyle(font, translate), width=4.0))
    figure = narrow[d.SECTION_BALANCE]
    figure.canvas.draw()
    drawn = figure.get_tightbbox(figure.canvas.get_renderer())
    assert figure.get_figwidth() == 4.0 and drawn.x0 >= -0.01 and drawn.x1 <= 4.01
    legend = figure.axes[0].get_legend()
    assert legend.get_window_extent().y1 < figure.axes[0].get_window_extent().y0  # below the bars
