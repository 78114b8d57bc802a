"""The dashboard's charts (驾驶舱图表), drawn with matplotlib on Figure objects of their own (Agg), never
through pyplot's global state, so that a report in a worker thread and the dock can draw at once.

Chinese labels need a font with Chinese glyphs (``fonts``); without one, ``ChartStyle`` labels the
charts in English with township codes. Texts are domain Messages (``QT_TR_NOOP``) rendered with the
``translate`` function the caller gives.
"""

import base64
import io
import math
from dataclasses import dataclass
from typing import Callable, Dict, Optional

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from ..domain.cases import STATUS_LABELS, STATUSES
from ..domain.dashboard import SECTION_CASES, SECTION_PATROL, SECTION_QUOTA, SECTION_TREND, Dashboard
from ..domain.messages import QT_TR_NOOP, Message
from . import fonts
from .tables import NO_TOWNSHIP

PATROL_TITLE = QT_TR_NOOP("Patrol rate per township and month (%)")
PATROL_ROW = QT_TR_NOOP("{township} ({rate} %, No. {rank})")
RANK = QT_TR_NOOP("No. {rank}")
RATE = QT_TR_NOOP("Patrol rate (%)")
CASE_TITLE = QT_TR_NOOP("Cases per township and status (overdue as of {date})")
CASE_COUNT = QT_TR_NOOP("Cases")
OVERDUE = QT_TR_NOOP("Overdue")
FARMLAND_TITLE = QT_TR_NOOP("Farmland against target (mu)")
PBF_TITLE = QT_TR_NOOP("Permanent basic farmland against target (mu)")
ACTUAL = QT_TR_NOOP("Actual")
TARGET = QT_TR_NOOP("Target")
GAP = QT_TR_NOOP("gap {gap}")
MU = QT_TR_NOOP("mu")
TREND_TITLE = QT_TR_NOOP("Farmland per township and year (mu)")
CHANGE_TITLE = QT_TR_NOOP("Change since {first} in {years} (mu)")

STATUS_COLORS = dict(zip(STATUSES, ("#8c8c8c", "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#edc948", "#59a14f")))
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
PATROL_COLORS = LinearSegmentedColormap.from_list("patrol_rate", ["#d73027", "#fee08b", "#1a9850"]).with_extremes(bad="#e6e6e6")
YEAR_COLORS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948")
OVERDUE_COLOR = "#b00000"
TARGET_COLOR = "#555555"
REPORT_DPI = 150


@dataclass(frozen=True)
class ChartStyle:
    """How the charts are labelled: with a Chinese font, texts in the user's language (``translate`` as
    QCoreApplication.translate) and township names; without, English texts and township codes."""

    font: Optional[fonts.ChartFont] = None
    translate: Optional[Callable] = None

    def text(self, template: str, **params) -> str:
        return Message(template, **params).render(self.translate if self.font is not None else None)

    def township(self, dashboard: Dashboard, code: str) -> str:
        """The township's name; its code where the name is unknown or cannot be drawn."""
        if not code:
            return self.text(NO_TOWNSHIP)
        name = dashboard.name(code)
        return name if name and (self.font is not None or name.isascii()) else code

    def font_warning(self) -> Optional[Message]:
        """What to install when the charts had to be labelled in English, else None."""
        return None if self.font is not None else Message(fonts.FONT_MISSING)


def default_style(translate: Optional[Callable] = None) -> ChartStyle:
    return ChartStyle(fonts.cjk_font(), translate)


# ---------------------------------------------------------------------------------------------
# Figures


def _figure(width, height):
    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _finish(figure, style):
    """Every text of the figure in the chart font (ticks made later copy the first tick's font)."""
    if style.font is not None:
        for text in figure.findobj(Text):
            text.set_fontproperties(style.font.properties(text.get_fontsize()))
    return figure


def _nan(value):
    return math.nan if value is None else float(value)


def _category_axis(ax, labels):
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(labels, rotation=30 if len(labels) > 6 else 0, ha="right" if len(labels) > 6 else "center")


def patrol_chart(dashboard: Dashboard, style: ChartStyle) -> Optional[Figure]:
    """Heat map of the patrol rate per township (rows, best first) and month, each cell with its rate and rank."""
    section = dashboard.patrol
    if not section.rows:
        return None
    codes = [r.township_code for r in section.townships]
    months = list(section.months)
    rates = np.full((len(codes), len(months)), np.nan)
    ranks = {}
    for row in section.rows:
        i, j = codes.index(row.township_code), months.index(row.month)
        rates[i, j] = _nan(row.rate_pct)
        ranks[i, j] = row.rank
    figure = _figure(max(6.4, 3.6 + 1.0 * len(months)), max(3.0, 1.6 + 0.45 * len(codes)))
    ax = figure.add_subplot()
    image = ax.imshow(np.ma.masked_invalid(rates), cmap=PATROL_COLORS, vmin=0.0, vmax=100.0, aspect="auto")
    for (i, j), rate in np.ndenumerate(rates):
        if math.isnan(rate):
            ax.text(j, i, "—", ha="center", va="center", fontsize=8, color="#606060")
            continue
        text = f"{rate:.1f}" + ("" if ranks[i, j] is None else "\n" + style.text(RANK, rank=ranks[i, j]))
        ax.text(j, i, text, ha="center", va="center", fontsize=8, color="white" if rate < 20 or rate > 85 else "black")
    ax.set_xticks(range(len(months)))
    ax.set_xticklabels(months)
    ax.set_yticks(range(len(codes)))
    ax.set_yticklabels(
        [
            style.text(
                PATROL_ROW, township=style.township(dashboard, r.township_code), rate=f"{_nan(r.rate_pct):.1f}", rank=r.rank
            )
            for r in section.townships
        ]
    )
    ax.set_title(style.text(PATROL_TITLE))
    figure.colorbar(image, ax=ax, label=style.text(RATE), shrink=0.9)
    return _finish(figure, style)


def case_chart(dashboard: Dashboard, style: ChartStyle) -> Optional[Figure]:
    """Stacked bars of the cases per township by status, and beside each stack the cases overdue (hatched)."""
    section = dashboard.cases
    rows = section.townships
    if not rows:
        return None
    x = np.arange(len(rows), dtype=float)
    figure = _figure(min(10.0, max(6.4, 3.8 + 0.7 * len(rows))), 4.4)
    ax = figure.add_subplot()
    bottom = np.zeros(len(rows))
    for k, status in enumerate(section.statuses):
        heights = np.array([r.by_status[k] for r in rows], dtype=float)
        ax.bar(x - 0.14, heights, 0.5, bottom=bottom, color=STATUS_COLORS[status], label=style.text(STATUS_LABELS[status]))
        bottom += heights
    overdue = [r.overdue for r in rows]
    ax.bar(x + 0.27, overdue, 0.22, color="white", edgecolor=OVERDUE_COLOR, hatch="///", label=style.text(OVERDUE))
    for xi, total, late in zip(x, bottom, overdue):
        ax.text(xi - 0.14, total, f"{int(total)}", ha="center", va="bottom", fontsize=8)
        if late:
            ax.text(xi + 0.27, late, f"{late}", ha="center", va="bottom", fontsize=8, color=OVERDUE_COLOR)
    _category_axis(ax, [style.township(dashboard, r.township_code) for r in rows])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max([*bottom, *overdue, 1]) * 1.15)
    ax.set_ylabel(style.text(CASE_COUNT))
    ax.set_title(style.text(CASE_TITLE, date=section.as_of.isoformat()))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return _finish(figure, style)


def quota_chart(dashboard: Dashboard, style: ChartStyle) -> Figure:
    """Farmland (top) and PBF (bottom) per township: actual bars beside outlined target bars, completion and gaps."""
    rows = dashboard.quota.rows
    x = np.arange(len(rows), dtype=float)
    figure = _figure(min(10.0, max(6.4, 3.0 + 0.75 * len(rows))), 7.0)
    axes = figure.subplots(2, 1, sharex=True)
    for ax, kind, title, color in ((axes[0], "farmland", FARMLAND_TITLE, "#4e9a3a"), (axes[1], "pbf", PBF_TITLE, "#b8860b")):
        actual = np.array([getattr(r, f"{kind}_mu") for r in rows], dtype=float)
        target = np.array([_nan(getattr(r, f"{kind}_target_mu")) for r in rows])
        ax.bar(x - 0.2, actual, 0.4, color=color, label=style.text(ACTUAL))
        ax.bar(x + 0.2, target, 0.4, color="white", edgecolor=TARGET_COLOR, linewidth=1.2, label=style.text(TARGET))
        top = np.fmax(actual, np.nan_to_num(target))
        for xi, row, height in zip(x, rows, top):
            pct, gap = getattr(row, f"{kind}_completion_pct"), getattr(row, f"{kind}_gap_mu")
            label = "" if pct is None else f"{pct:.1f}%"
            if gap:
                label += "\n" + style.text(GAP, gap=f"{gap:.2f}")
            ax.text(xi, height, label, ha="center", va="bottom", fontsize=7, color=OVERDUE_COLOR if gap else "black")
        ax.set_ylim(0, max(float(top.max(initial=0.0)), 1.0) * 1.25)
        ax.set_ylabel(style.text(MU))
        ax.set_title(style.text(title))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    _category_axis(axes[1], [style.township(dashboard, r.township_code) for r in rows])
    return _finish(figure, style)


def trend_chart(dashboard: Dashboard, style: ChartStyle) -> Optional[Figure]:
    """A line per township across the years (top) and each year's change since the first year (bottom, bars);
    None with fewer than two years."""
    trend = dashboard.trend
    if trend is None or len(trend.years) < 2:
        return None
    figure = _figure(min(10.0, max(7.6, 3.6 + 0.6 * len(trend.rows))), 7.0)
    lines, changes = figure.subplots(2, 1)
    x = np.arange(len(trend.years))
    values = np.array([[_nan(v) for v in row.values] for row in trend.rows]).reshape(len(trend.rows), len(trend.years))
    for k, row in enumerate(trend.rows):
        label = style.township(dashboard, row.township_code)
        lines.plot(x, values[k], marker="o", color=PALETTE[k % len(PALETTE)], label=label)
    width = 0.8 / (len(trend.years) - 1)
    for j in range(1, len(trend.years)):
        offsets = np.arange(len(trend.rows)) - 0.4 + width * (j - 0.5)
        color = YEAR_COLORS[(j - 1) % len(YEAR_COLORS)]
        changes.bar(offsets, values[:, j] - values[:, 0], width, color=color, label=trend.years[j])
    if len(trend.years) > 2:
        changes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    lines.set_xticks(x)
    lines.set_xticklabels(trend.years)
    lines.set_ylabel(style.text(MU))
    lines.set_title(style.text(TREND_TITLE))
    lines.grid(axis="y", color="#dddddd")
    lines.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    changes.axhline(0.0, color="#555555", linewidth=0.8)
    _category_axis(changes, [style.township(dashboard, r.township_code) for r in trend.rows])
    changes.set_ylabel(style.text(MU))
    changes.set_title(style.text(CHANGE_TITLE, first=trend.years[0], years=", ".join(trend.years[1:])))
    return _finish(figure, style)


def dashboard_charts(dashboard: Dashboard, style: ChartStyle) -> Dict[str, Figure]:
    """Section key → Figure for every section that has data (the trend from two years on)."""
    charts = {}
    for key, data, draw in (
        (SECTION_PATROL, dashboard.patrol, patrol_chart),
        (SECTION_CASES, dashboard.cases, case_chart),
        (SECTION_QUOTA, dashboard.quota, quota_chart),
        (SECTION_TREND, dashboard.trend, trend_chart),
    ):
        figure = draw(dashboard, style) if data is not None else None
        if figure is not None:
            charts[key] = figure
    return charts


def figure_png(figure: Figure, dpi: int = REPORT_DPI) -> bytes:
    """The figure as PNG bytes (no time stamp in the file, so the same figure gives the same bytes)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def embedded_pngs(figures: Dict[str, Figure]) -> Dict[str, str]:
    """Section key → the figure's PNG as base64 text, for the report's data URIs."""
    return {key: base64.b64encode(figure_png(figure)).decode("ascii") for key, figure in figures.items()}
