"""The patrol ledger (巡查台账): per cell and month every patrol that counted, or one line saying there was none.

Inspectors read the ledger month by month for each cell that must be patrolled, so an empty month
is a row of its own: a missing row would look like a missing page.
"""

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Dict, Sequence, Tuple

import numpy as np

from . import patrol

LEDGER_TITLE = "巡查台账"
LEDGER_HEADER = (
    "网格编码",
    "单位名称",
    "网格层级",
    "月份",
    "巡查日期",
    "开始时间",
    "结束时间",
    "巡查人",
    "里程(公里)",
    "覆盖率(%)",
    "责任人",
    "备注",
)
NO_PATROL_NOTE = "本月无有效巡查记录"


@dataclass(frozen=True)
class LedgerTracks:
    """Per track what the ledger shows: id, patroller, local start and end (wall-clock seconds), local day, length."""

    ids: Sequence[str]
    patrollers: Sequence[str]
    local_start: np.ndarray
    local_end: np.ndarray
    day: np.ndarray  # datetime64[D]
    length_m: np.ndarray


def ledger_rows(
    result: patrol.Compliance,
    cells: patrol.Cells,
    names: Sequence[str],
    persons: Sequence[str],
    frequencies: Dict[int, str],
    tracks: LedgerTracks,
    window: Tuple[np.datetime64, np.datetime64],
) -> list:
    """Rows under LEDGER_HEADER for every cell that must be patrolled, by cell code, for every month of ``window``
    (first and last local day); a cell's patrols of a month in order of their start."""
    first_day, last_day = window
    cell, track, coverage = (np.asarray(a) for a in result.qualifying)
    cell, track = cell.astype(np.int64), track.astype(np.int64)
    keep = (tracks.day[track] >= first_day) & (tracks.day[track] <= last_day)
    months = patrol.month_of(tracks.day[track[keep]])
    by_key = {}
    for c, t, cov, m in zip(cell[keep].tolist(), track[keep].tolist(), coverage[keep].tolist(), months.tolist()):
        by_key.setdefault((c, m), []).append((t, cov))
    all_months = np.unique(patrol.month_of(np.arange(first_day, last_day + 1))).tolist()
    required = np.array([frequencies[int(level)] != patrol.NONE for level in cells.levels], dtype=bool) & (
        result.cell_parcels > 0
    )
    rows = []
    for c in sorted(np.flatnonzero(required).tolist(), key=lambda i: cells.codes[i]):
        for month in all_months:
            base = [cells.codes[c], names[c], int(cells.levels[c]), month]
            patrols = sorted(by_key.get((c, month), []), key=lambda p: tracks.local_start[p[0]])
            if not patrols:
                rows.append(base + ["", "", "", "", None, None, persons[c], NO_PATROL_NOTE])
            for t, cov in patrols:
                rows.append(
                    base
                    + [
                        str(tracks.day[t]),
                        clock_text(tracks.local_start[t]),
                        clock_text(tracks.local_end[t]),
                        tracks.patrollers[t],
                        round(float(tracks.length_m[t]) / 1000.0, 2),
                        round(100.0 * cov, 1),
                        persons[c],
                        tracks.ids[t],
                    ]
                )
    return rows


def clock_text(local_seconds: float) -> str:
    """Local wall-clock seconds as 'HH:MM'; empty for none."""
    if not np.isfinite(local_seconds):
        return ""
    return datetime.fromtimestamp(local_seconds, tz=timezone.utc).strftime("%H:%M")
