"""The dashboard's charts (驾驶舱图表), drawn with matplotlib on Figure objects of their own (Agg), never
through pyplot's global state, so that a report in a worker thread and the dock can draw at once.

Chinese labels need a font with Chinese glyphs. ``find_cjk_font`` looks for one of the usual
families (Noto Sans CJK SC, Source Han Sans SC, WenQuanYi, Microsoft YaHei, SimHei, PingFang SC,
Heiti…) among the fonts matplotlib knows and the font files of the system it has not seen yet (a
font installed after matplotlib built its cache), then for any font that has the glyphs of
``PROBE``. Without one, ``ChartStyle`` labels the charts in English with township codes, and
``FONT_MISSING`` tells the user what to install. Texts are domain Messages (``QT_TR_NOOP``) rendered
with the ``translate`` function the caller gives.
"""

import io
import math
import threading
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findSystemFonts, fontManager
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from .cases import STATUS_LABELS, STATUSES
from .dashboard import NO_TOWNSHIP, SECTION_CASES, SECTION_PATROL, SECTION_QUOTA, SECTION_TREND
from .messages import QT_TR_NOOP, Message

#: Families tried first, in this order (matplotlib's names; compared without case).
PREFERRED_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "STHeiti",
    "Hiragino Sans GB",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Arial Unicode MS",
)
PROBE = "耕地巡田"  # a font for the charts has these glyphs

FONT_MISSING = QT_TR_NOOP(
    "No font with Chinese characters was found, so the charts are labelled in English with township codes. "
    "Install a Chinese font and restart QGIS: fonts-wqy-microhei or fonts-noto-cjk on Debian/Ubuntu, Noto Sans CJK SC "
    "or Source Han Sans SC anywhere (Windows has Microsoft YaHei, macOS PingFang SC)."
)

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


# ---------------------------------------------------------------------------------------------
# Fonts


@dataclass(frozen=True)
class ChartFont:
    name: str
    path: str

    def properties(self, size=None):
        return FontProperties(fname=self.path, size=size)


def covers(path, text=PROBE):
    """Whether the font file (its first face) has a glyph for every character of ``text``."""
    try:
        charmap = FT2Font(str(path)).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(ord(ch) in charmap for ch in text)


def _family(path):
    try:
        return FT2Font(str(path)).family_name
    except (OSError, RuntimeError, ValueError):
        return None


def find_cjk_font(entries=None, files=None):
    """A font for Chinese chart labels, or None.

    ``entries``: ``(family, path)`` of the fonts matplotlib knows (default: its font list);
    ``files``: further font files (default: the system's font files the list does not have).
    A preferred family (``PREFERRED_FONTS``, in order) wins; then any font covering ``PROBE``.
    """
    entries = [(f.name, f.fname) for f in fontManager.ttflist] if entries is None else list(entries)
    if files is None:
        known = {path for _, path in entries}
        files = sorted(set(findSystemFonts()) - known)
    entries += [(name, path) for name, path in ((_family(p), p) for p in files) if name]
    entries.sort(key=lambda e: (e[0].lower(), str(e[1])))
    for wanted in PREFERRED_FONTS:
        for name, path in entries:
            if name.lower() == wanted.lower() and covers(path):
                return ChartFont(name, str(path))
    checked = set()
    for name, path in entries:
        if path not in checked and covers(path):
            return ChartFont(name, str(path))
        checked.add(path)
    return None


_found = {}
_lock = threading.Lock()


def cjk_font():
    """``find_cjk_font()`` on this system, looked up once per session."""
    with _lock:
        if "font" not in _found:
            _found["font"] = find_cjk_font()
        return _found["font"]


@dataclass(frozen=True)
class ChartStyle:
    """How the charts are labelled: with a Chinese font, texts in the user's language (``translate`` as
    QCoreApplication.translate) and township names; without, English texts and township codes."""

    font: Optional[ChartFont] = None
    translate: Optional[Callable] = None

    def text(self, template, **params):
        return Message(template, **params).render(self.translate if self.font is not None else None)

    def township(self, dashboard, code):
        """The township's name; its code where the name is unknown or cannot be drawn."""
        if not code:
            return self.text(NO_TOWNSHIP)
        name = dashboard.name(code)
        return name if name and (self.font is not None or name.isascii()) else code


def default_style(translate=None):
    return ChartStyle(cjk_font(), translate)


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


def patrol_chart(dashboard, style):
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


def case_chart(dashboard, style):
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


def quota_chart(dashboard, style):
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


def trend_chart(dashboard, style):
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


def dashboard_charts(dashboard, style):
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


def figure_png(figure, dpi=REPORT_DPI):
    """The figure as PNG bytes (no time stamp in the file, so the same figure gives the same bytes)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()
