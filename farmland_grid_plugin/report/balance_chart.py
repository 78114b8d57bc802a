"""The dashboard's balance chart: per township the in–out and the occupation–compensation balance beside their
tasks, bars below zero (and short of the task) marked as gaps. Drawn as the other charts (``charts``)."""

import numpy as np

from ..domain.messages import QT_TR_NOOP
from .charts import OVERDUE_COLOR, TARGET_COLOR, _category_axis, _figure, _finish, _nan

INOUT_TITLE = QT_TR_NOOP("In–out balance 进出平衡 against task (mu)")
OCCUPATION_TITLE = QT_TR_NOOP("Occupation–compensation balance 占补平衡 against task (mu)")
BALANCE = QT_TR_NOOP("Balance")
TASK = QT_TR_NOOP("Task")
GAP = QT_TR_NOOP("gap {gap}")
MU = QT_TR_NOOP("mu")


def balance_chart(dashboard, style):
    rows = dashboard.balance.rows
    x = np.arange(len(rows), dtype=float)
    figure = _figure(style.figure_width(min(10.0, max(6.4, 3.0 + 0.75 * len(rows)))), 7.0)
    axes = figure.subplots(2, 1, sharex=True)
    for ax, kind, title, color in (
        (axes[0], "inout", INOUT_TITLE, "#4e9a3a"),
        (axes[1], "occupation", OCCUPATION_TITLE, "#4e79a7"),
    ):
        balance = np.array([getattr(r, f"{kind}_balance_mu") for r in rows], dtype=float)
        task = np.array([_nan(getattr(r, f"{kind}_target_mu")) for r in rows])
        gaps = [getattr(r, f"{kind}_gap_mu") for r in rows]
        ax.bar(x - 0.2, balance, 0.4, color=[OVERDUE_COLOR if g else color for g in gaps], label=style.text(BALANCE))
        ax.bar(x + 0.2, task, 0.4, color="white", edgecolor=TARGET_COLOR, linewidth=1.2, label=style.text(TASK))
        ax.axhline(0.0, color="#555555", linewidth=0.8)
        for xi, value, gap in zip(x, balance, gaps):
            if gap:
                ax.text(
                    xi,
                    max(value, 0.0),
                    style.text(GAP, gap=f"{gap:.2f}"),
                    ha="center",
                    va="bottom",
                    fontsize=7,
                    color=OVERDUE_COLOR,
                )
        ax.set_ylabel(style.text(MU))
        ax.set_title(style.text(title))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    _category_axis(axes[1], [style.township(dashboard, r.township_code) for r in rows])
    return _finish(figure, style)
