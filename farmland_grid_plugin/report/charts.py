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
from ..domain.dashboard import SECTION_BALANCE, SECTION_CASES, SECTION_PATROL, SECTION_QUOTA, SECTION_TREND, Dashboard
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
NARROW_INCHES = 6.0


@dataclass(frozen=True)
class ChartStyle:
    """How the charts are labelled: with a Chinese font, texts in the user's language (``translate`` as
    QCoreApplication.translate) and township names; without, English texts and township codes."""

    font: Optional[fonts.ChartFont] = None
    translate: Optional[Callable] = None
    #: figure width in inches (the dock gives its own, the report None: each chart's natural width)
    width: Optional[float] = None

    @property
    def narrow(self) -> bool:
        """Drawn for a narrow place (a dock at its opening width): shorter labels, legends below."""
        return self.width is not None and self.width < NARROW_INCHES

    def figure_width(self, natural: float) -> float:
        return natural if self.width is None else self.width

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
    figure = _figure(style.figure_width(max(6.4, 3.6 + 1.0 * len(months))), max(3.0, 1.6 + 0.45 * len(codes)))
    ax = figure.add_subplot()
    image = ax.imshow(np.ma.masked_invalid(rates), cmap=PATROL_COLORS, vmin=0.0, vmax=100.0, aspect="auto")
    for (i, j), rate in np.ndenumerate(rates):
        if math.isnan(rate):
            ax.text(j, i, "—", ha="center", va="center", fontsize=8, color="#606060")
            continue
        text = f"{rate:.1f}" + ("" if ranks[i, j] is None else "\n" + style.text(RANK, rank=ranks[i, j]))
        ax.text(j, i, text, ha="center", va="center", fontsize=8, color="white" if rate < 20 or rate > 85 else "black")
    ax.set_xticks(range(len(months)))
    # Narrow: the month alone (the year is in the title's range), the township alone (its rate and rank are in the cells).
    ax.set_xticklabels([m[5:] if style.narrow else m for m in months])
    ax.set_yticks(range(len(codes)))
    ax.set_yticklabels(
        [
            style.township(dashboard, r.township_code)
            if style.narrow
            else style.text(
                PATROL_ROW, township=style.township(dashboard, r.township_code), rate=f"{_nan(r.rate_pct):.1f}", rank=r.rank
            )
            for r in section.townships
        ]
    )
    _title(ax, style.text(PATROL_TITLE) + (f"\n{months[0]} – {months[-1]}" if style.narrow and months else ""), style)
    orientation = "horizontal" if style.narrow else "vertical"
    figure.colorbar(image, ax=ax, label=style.text(RATE), shrink=0.9, orientation=orientation)
    return _finish(figure, style)


def _title(ax, text, style):
    """The chart's title; in a narrow dock smaller and ending at the axes' right edge, so that it extends over the
    township names rather than beyond the figure."""
    if style.narrow:  # a bracketed part on a line of its own
        ax.set_title(text.replace(" (", "\n(").replace("（", "\n（"), loc="right", fontsize=10)
    else:
        ax.set_title(text)


def _township_axis(ax, labels):
    """Townships down the y axis, the first on top: names read horizontally at any width."""
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels)
    ax.invert_yaxis()


def _legend(ax, style, columns=3):
    """Beside the axes in the report; below them in a narrow dock, where the side would squeeze the bars."""
    if style.narrow:
        ncol = columns if style.width >= NARROW_INCHES * 0.75 else 1
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize=7, frameon=False, ncol=ncol)
    else:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)


def case_chart(dashboard: Dashboard, style: ChartStyle) -> Optional[Figure]:
    """Stacked horizontal bars of the cases per township by status, and below each stack the cases overdue (hatched)."""
    section = dashboard.cases
    rows = section.townships
    if not rows:
        return None
    y = np.arange(len(rows), dtype=float)
    figure = _figure(style.figure_width(8.0), max(3.2, 2.2 + 0.55 * len(rows) + (1.0 if style.narrow else 0.0)))
    ax = figure.add_subplot()
    left = np.zeros(len(rows))
    for k, status in enumerate(section.statuses):
        widths = np.array([r.by_status[k] for r in rows], dtype=float)
        ax.barh(y - 0.14, widths, 0.5, left=left, color=STATUS_COLORS[status], label=style.text(STATUS_LABELS[status]))
        left += widths
    overdue = [r.overdue for r in rows]
    ax.barh(y + 0.27, overdue, 0.22, color="white", edgecolor=OVERDUE_COLOR, hatch="///", label=style.text(OVERDUE))
    for yi, total, late in zip(y, left, overdue):
        ax.text(total, yi - 0.14, f" {int(total)}", ha="left", va="center", fontsize=8)
        if late:
            ax.text(late, yi + 0.27, f" {late}", ha="left", va="center", fontsize=8, color=OVERDUE_COLOR)
    _township_axis(ax, [style.township(dashboard, r.township_code) for r in rows])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max([*left, *overdue, 1]) * 1.15)
    ax.set_xlabel(style.text(CASE_COUNT))
    _title(ax, style.text(CASE_TITLE, date=section.as_of.isoformat()), style)
    _legend(ax, style, columns=2)
    return _finish(figure, style)


def quota_chart(dashboard: Dashboard, style: ChartStyle) -> Figure:
    """Farmland (top) and PBF (bottom) per township: actual bars beside outlined target bars, completion and gaps."""
    rows = dashboard.quota.rows
    y = np.arange(len(rows), dtype=float)
    per_axes = 1.4 + 0.5 * len(rows) + (0.6 if style.narrow else 0.0)
    figure = _figure(style.figure_width(8.0), max(5.0, 2 * per_axes))
    axes = figure.subplots(2, 1)
    names = [style.township(dashboard, r.township_code) for r in rows]
    for ax, kind, title, color in ((axes[0], "farmland", FARMLAND_TITLE, "#4e9a3a"), (axes[1], "pbf", PBF_TITLE, "#b8860b")):
        actual = np.array([getattr(r, f"{kind}_mu") for r in rows], dtype=float)
        target = np.array([_nan(getattr(r, f"{kind}_target_mu")) for r in rows])
        ax.barh(y - 0.2, actual, 0.4, color=color, label=style.text(ACTUAL))
        ax.barh(y + 0.2, target, 0.4, color="white", edgecolor=TARGET_COLOR, linewidth=1.2, label=style.text(TARGET))
        top = np.fmax(actual, np.nan_to_num(target))
        for yi, row, length in zip(y, rows, top):
            pct, gap = getattr(row, f"{kind}_completion_pct"), getattr(row, f"{kind}_gap_mu")
            label = "" if pct is None else f"{pct:.1f}%"
            if gap:
                label += "\n" + style.text(GAP, gap=f"{gap:.2f}")
            ax.text(
                length,
                yi,
                " " + label if label else "",
                ha="left",
                va="center",
                fontsize=7,
                color=OVERDUE_COLOR if gap else "black",
            )
        ax.set_xlim(0, max(float(top.max(initial=0.0)), 1.0) * 1.35)
        ax.set_xlabel(style.text(MU))
        _title(ax, style.text(title), style)
        _township_axis(ax, names)
        _legend(ax, style, columns=2)
    return _finish(figure, style)


def trend_chart(dashboard: Dashboard, style: ChartStyle) -> Optional[Figure]:
    """A line per township across the years (top) and each year's change since the first year (bottom, bars);
    None with fewer than two years."""
    trend = dashboard.trend
    if trend is None or len(trend.years) < 2:
        return None
    figure = _figure(style.figure_width(min(10.0, max(7.6, 3.6 + 0.6 * len(trend.rows)))), 8.0 if style.narrow else 7.0)
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
        _legend(changes, style)
    lines.set_xticks(x)
    lines.set_xticklabels(trend.years)
    lines.set_ylabel(style.text(MU))
    _title(lines, style.text(TREND_TITLE), style)
    lines.grid(axis="y", color="#dddddd")
    _legend(lines, style)
    changes.axhline(0.0, color="#555555", linewidth=0.8)
    _category_axis(changes, [style.township(dashboard, r.township_code) for r in trend.rows])
    changes.set_ylabel(style.text(MU))
    _title(changes, style.text(CHANGE_TITLE, first=trend.years[0], years=", ".join(trend.years[1:])), style)
    return _finish(figure, style)


def dashboard_charts(dashboard: Dashboard, style: ChartStyle) -> Dict[str, Figure]:
    """Section key → Figure for every section that has data (the trend from two years on)."""
    from .balance_chart import balance_chart  # beside this module, whose helpers it draws with

    charts = {}
    for key, data, draw in (
        (SECTION_PATROL, dashboard.patrol, patrol_chart),
        (SECTION_CASES, dashboard.cases, case_chart),
        (SECTION_QUOTA, dashboard.quota, quota_chart),
        (SECTION_BALANCE, dashboard.balance, balance_chart),
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
