"""The dashboard's balance chart: per township the in–out and the occupation–compensation balance beside their
tasks, balances short of their task marked with the gap. Drawn as the other charts (``charts``): horizontal bars,
the townships named on both panels, so the chart reads at a dock's width as in the report."""

import numpy as np

from ..domain.messages import QT_TR_NOOP
from .charts import OVERDUE_COLOR, TARGET_COLOR, _figure, _finish, _legend, _nan, _title, _township_axis

INOUT_TITLE = QT_TR_NOOP("In–out balance 进出平衡 against task (mu)")
OCCUPATION_TITLE = QT_TR_NOOP("Occupation–compensation balance 占补平衡 against task (mu)")
BALANCE = QT_TR_NOOP("Balance")
TASK = QT_TR_NOOP("Task")
GAP = QT_TR_NOOP("gap {gap}")
MU = QT_TR_NOOP("mu")


def balance_chart(dashboard, style):
    rows = dashboard.balance.rows
    y = np.arange(len(rows), dtype=float)
    per_axes = 1.4 + 0.5 * len(rows) + (0.6 if style.narrow else 0.0)
    figure = _figure(style.figure_width(8.0), max(5.0, 2 * per_axes))
    axes = figure.subplots(2, 1)
    names = [style.township(dashboard, r.township_code) for r in rows]
    for ax, kind, title, color in (
        (axes[0], "inout", INOUT_TITLE, "#4e9a3a"),
        (axes[1], "occupation", OCCUPATION_TITLE, "#4e79a7"),
    ):
        balance = np.array([getattr(r, f"{kind}_balance_mu") for r in rows], dtype=float)
        task = np.array([_nan(getattr(r, f"{kind}_target_mu")) for r in rows])
        gaps = [getattr(r, f"{kind}_gap_mu") for r in rows]
        ax.barh(y - 0.2, balance, 0.4, color=[OVERDUE_COLOR if g else color for g in gaps], label=style.text(BALANCE))
        ax.barh(y + 0.2, task, 0.4, color="white", edgecolor=TARGET_COLOR, linewidth=1.2, label=style.text(TASK))
        ax.axvline(0.0, color="#555555", linewidth=0.8)
        # A balance may be negative: the axis spans both sides of zero, with room for the gap notes on the right.
        right = np.fmax(np.fmax(balance, np.nan_to_num(task)), 0.0)
        low, high = min(float(balance.min(initial=0.0)), 0.0), max(float(right.max(initial=0.0)), 1.0)
        ax.set_xlim(low * 1.15, high + (high - low) * 0.35)
        for yi, end, gap in zip(y, right, gaps):
            if gap:
                ax.text(end, yi, " " + style.text(GAP, gap=f"{gap:.2f}"), ha="left", va="center", fontsize=7, color=OVERDUE_COLOR)
        ax.set_xlabel(style.text(MU))
        _title(ax, style.text(title), style)
        _township_axis(ax, names)
        _legend(ax, style, columns=2)
    return _finish(figure, style)
