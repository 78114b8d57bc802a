"""What a patrol check writes: periods, cells, parcel visits, cleaned tracks, replay points, the township
monthly patrol rate, rejected tracks and files, and the patrol ledger (XLSX or CSV)."""

from dataclasses import dataclass
from typing import Dict, Optional

import numpy as np
import shapely
from qgis.core import QgsCoordinateReferenceSystem, QgsProcessing, QgsWkbTypes
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QDate, QDateTime, Qt, QVariant

from ..domain import patrol
from ..domain.ledger import LEDGER_HEADER, LEDGER_TITLE, LedgerTracks, ledger_rows
from ..domain.unitcode import LEVEL_TOWNSHIP
from .patrol_inputs import FarmlandParcels, Grid
from .sinks import write_table
from .tracks import TrackPoints

OUTPUT_PERIODS = "OUTPUT_PERIODS"
OUTPUT_CELLS = "OUTPUT_CELLS"
OUTPUT_PARCELS = "OUTPUT_PARCELS"
OUTPUT_TRACKS = "OUTPUT_TRACKS"
OUTPUT_POINTS = "OUTPUT_POINTS"
OUTPUT_SUMMARY = "OUTPUT_SUMMARY"
OUTPUT_REJECTED = "OUTPUT_REJECTED"
OUTPUT_LEDGER = "OUTPUT_LEDGER"
# The sinks as the algorithm declares them: name, label (translated there), type, optional, created by default.
_TABLE, _POLYGONS, _LINES, _POINTS = (
    QgsProcessing.TypeVector,
    QgsProcessing.TypeVectorPolygon,
    QgsProcessing.TypeVectorLine,
    QgsProcessing.TypeVectorPoint,
)
SINKS = (
    (OUTPUT_PERIODS, QT_TRANSLATE_NOOP("PatrolCoverageAlgorithm", "Patrol periods"), _TABLE, False, True),
    (OUTPUT_CELLS, QT_TRANSLATE_NOOP("PatrolCoverageAlgorithm", "Patrol compliance per cell"), _POLYGONS, False, True),
    (OUTPUT_PARCELS, QT_TRANSLATE_NOOP("PatrolCoverageAlgorithm", "Parcel visits"), _POLYGONS, False, True),
    (OUTPUT_TRACKS, QT_TRANSLATE_NOOP("PatrolCoverageAlgorithm", "Patrol tracks (cleaned)"), _LINES, True, True),
    (OUTPUT_POINTS, QT_TRANSLATE_NOOP("PatrolCoverageAlgorithm", "Track points for replay"), _POINTS, True, False),
    (OUTPUT_SUMMARY, QT_TRANSLATE_NOOP("PatrolCoverageAlgorithm", "Township monthly patrol rate"), _TABLE, True, True),
    (OUTPUT_REJECTED, QT_TRANSLATE_NOOP("PatrolCoverageAlgorithm", "Rejected tracks and files"), _TABLE, True, True),
)

PERIOD_FIELDS = (
    ("grid_code", QVariant.String, "网格编码"),
    ("level", QVariant.Int, "网格层级"),
    ("unit_name", QVariant.String, "单位名称"),
    ("frequency", QVariant.String, "巡查频次"),
    ("period_start", QVariant.Date, "周期开始"),
    ("period_end", QVariant.Date, "周期结束"),
    ("status", QVariant.String, "状态"),
    ("status_label", QVariant.String, "状态说明"),
    ("patrol_count", QVariant.Int, "有效巡查次数"),
    ("coverage", QVariant.Double, "最高覆盖率"),
    ("patrollers", QVariant.String, "巡查人"),
    ("persons", QVariant.String, "责任人"),
)
CELL_FIELDS = (
    ("grid_code", QVariant.String, "网格编码"),
    ("level", QVariant.Int, "网格层级"),
    ("unit_name", QVariant.String, "单位名称"),
    ("persons", QVariant.String, "责任人"),
    ("frequency", QVariant.String, "巡查频次"),
    ("farmland_count", QVariant.Int, "耕地图斑数"),
    ("periods_required", QVariant.Int, "应巡周期数"),
    ("periods_completed", QVariant.Int, "已完成周期数"),
    ("periods_overdue", QVariant.Int, "已过期周期数"),
    ("periods_pending", QVariant.Int, "未完成周期数"),
    ("compliance_pct", QVariant.Double, "巡田率(%)"),
    ("last_patrol", QVariant.Date, "最近巡查日期"),
    ("parcels_never_visited", QVariant.Int, "未到访图斑数"),
)
PARCEL_FIELDS = (
    ("space_code", QVariant.String, "地块空间码"),
    ("source_fid", QVariant.LongLong, "源要素号"),
    ("grid_code", QVariant.String, "网格编码"),
    ("visit_count", QVariant.Int, "巡查次数"),
    ("last_visit", QVariant.Date, "最近巡查日期"),
    ("days_since_visit", QVariant.Int, "距上次巡查天数"),
)
TRACK_FIELDS = (
    ("track_id", QVariant.String, "轨迹编号"),
    ("source", QVariant.String, "来源"),
    ("track_name", QVariant.String, "轨迹名称"),
    ("patroller", QVariant.String, "巡查人"),
    ("start_time", QVariant.DateTime, "开始时间"),
    ("end_time", QVariant.DateTime, "结束时间"),
    ("local_date", QVariant.Date, "巡查日期"),
    ("length_km", QVariant.Double, "里程(公里)"),
    ("point_count", QVariant.Int, "轨迹点数"),
    ("cells_patrolled", QVariant.Int, "有效巡查网格数"),
)
POINT_FIELDS = (
    ("track_id", QVariant.String, "轨迹编号"),
    ("patroller", QVariant.String, "巡查人"),
    ("time", QVariant.DateTime, "时间"),
)
SUMMARY_FIELDS = (
    ("township_code", QVariant.String, "乡镇代码"),
    ("township_name", QVariant.String, "乡镇名称"),
    ("month", QVariant.String, "月份"),
    ("periods_due", QVariant.Int, "应巡周期数"),
    ("periods_completed", QVariant.Int, "已完成周期数"),
    ("periods_overdue", QVariant.Int, "已过期周期数"),
    ("patrol_rate_pct", QVariant.Double, "巡田率(%)"),
    ("rank", QVariant.Int, "排名"),
)
REJECTED_FIELDS = (
    ("source", QVariant.String, "来源"),
    ("track_id", QVariant.String, "轨迹编号"),
    ("reason", QVariant.String, "原因代码"),
    ("message", QVariant.String, "说明"),
)
STATUS_LABELS = {patrol.COMPLETED: "已完成", patrol.PENDING: "未完成", patrol.OVERDUE: "已过期"}
FREQUENCY_LABELS = {
    patrol.NONE: "不要求",
    patrol.WEEKLY: "每周",
    patrol.MONTHLY: "每月",
    patrol.QUARTERLY: "每季度",
    patrol.HALF_YEARLY: "每半年",
    patrol.YEARLY: "每年",
}


@dataclass(frozen=True)
class PatrolArea:
    """Where patrols are checked: the grid, its farmland parcels and each parcel's bottom cell, in the working CRS."""

    crs: QgsCoordinateReferenceSystem
    grid: Grid
    parcels: FarmlandParcels
    parcel_cell: np.ndarray  # -1 outside the grid


@dataclass(frozen=True)
class TrackUse:
    """The tracks read and what became of them."""

    tracks: TrackPoints
    clean: patrol.CleanTracks
    paths: np.ndarray  # per track its MultiLineString, None where not used
    in_window: np.ndarray  # per track: a patrol of the window
    start_s: np.ndarray  # per track: first and last kept point (UTC s)
    end_s: np.ndarray
    patrols: patrol.Patrols
    pairs: tuple  # (track, parcel) passes


@dataclass(frozen=True)
class PatrolRun:
    """One patrol check, as far as its outputs need it."""

    area: PatrolArea
    use: TrackUse
    result: patrol.Compliance
    summary: patrol.CellSummary
    frequencies: Dict[int, str]
    window: tuple  # first and last local day
    clock: patrol.LocalClock


def write_patrol_outputs(outputs, run: PatrolRun, ledger_path: str) -> dict:
    """Write every output asked for (``outputs``: the algorithm base's Outputs); their destinations by output name."""
    written = {
        OUTPUT_PERIODS: _write_periods(outputs, run),
        OUTPUT_CELLS: _write_cells(outputs, run),
        OUTPUT_PARCELS: _write_parcels(outputs, run),
    }
    tracks = run.use.tracks
    lengths = patrol.track_lengths_m(run.use.clean, tracks.x, tracks.y, tracks.count)
    optional = (
        (OUTPUT_TRACKS, lambda: _write_tracks(outputs, run, lengths)),
        (OUTPUT_POINTS, lambda: _write_points(outputs, run)),
        (OUTPUT_SUMMARY, lambda: _write_summary(outputs, run)),
        (OUTPUT_REJECTED, lambda: outputs.write(OUTPUT_REJECTED, REJECTED_FIELDS, tracks.rejected, span=(98, 99))),
    )
    for name, write in optional:
        dest = write() if outputs.wanted(name) else None
        if dest is not None:
            written[name] = dest
    if ledger_path:
        _write_ledger(ledger_path, run, lengths)
        written[OUTPUT_LEDGER] = ledger_path
    return written


def _frequency_label(run: PatrolRun, cell: int) -> str:
    return FREQUENCY_LABELS[run.frequencies[int(run.area.grid.cells.levels[cell])]]


def _write_periods(outputs, run: PatrolRun) -> Optional[str]:
    result, grid = run.result, run.area.grid
    rows = [
        [
            grid.cells.codes[c],
            int(grid.cells.levels[c]),
            grid.names[c],
            _frequency_label(run, c),
            _qdate(s),
            _qdate(e),
            st,
            STATUS_LABELS[st],
            int(n),
            round(float(b), 4),
            who,
            grid.persons[c],
        ]
        for c, s, e, st, n, b, who in zip(
            result.period_cell.tolist(),
            result.period_start,
            result.period_end,
            result.status.tolist(),
            result.patrol_count,
            result.best_coverage,
            result.patrollers,
        )
    ]
    return outputs.write(OUTPUT_PERIODS, PERIOD_FIELDS, rows, span=(75, 82))


def _write_cells(outputs, run: PatrolRun) -> Optional[str]:
    grid, summary = run.area.grid, run.summary
    rows = []
    for c in range(len(grid.cells.codes)):
        pct = summary.compliance_pct[c]
        rows.append(
            [
                grid.cells.codes[c],
                int(grid.cells.levels[c]),
                grid.names[c],
                grid.persons[c],
                _frequency_label(run, c),
                int(run.result.cell_parcels[c]),
                int(summary.required[c]),
                int(summary.completed[c]),
                int(summary.overdue[c]),
                int(summary.pending[c]),
                None if np.isnan(pct) else round(float(pct), 1),
                _qdate(summary.last_patrol[c]),
                int(summary.never_visited[c]),
            ]
        )
    multi, style = QgsWkbTypes.MultiPolygon, "patrol_cells.qml"
    return outputs.write(OUTPUT_CELLS, CELL_FIELDS, rows, grid.geoms, multi, run.area.crs, style, span=(82, 86))


def _write_parcels(outputs, run: PatrolRun) -> Optional[str]:
    area = run.area
    count, last, since = patrol.parcel_visits(run.use.pairs, run.use.patrols, len(area.parcels.geoms), run.window[1])
    bottom = np.where(area.parcel_cell >= 0, area.grid.cells.codes[np.maximum(area.parcel_cell, 0)], None)
    rows = [
        [code, fid, cell, int(n), _qdate(d), None if s < 0 else int(s)]
        for code, fid, cell, n, d, s in zip(
            area.parcels.space_codes, area.parcels.fids.tolist(), bottom.tolist(), count, last, since
        )
    ]
    multi, style = QgsWkbTypes.MultiPolygon, "patrol_parcels.qml"
    return outputs.write(OUTPUT_PARCELS, PARCEL_FIELDS, rows, area.parcels.geoms, multi, area.crs, style, span=(86, 93))


def _write_tracks(outputs, run: PatrolRun, lengths: np.ndarray) -> Optional[str]:
    use, tracks = run.use, run.use.tracks
    points = np.bincount(use.clean.track, minlength=tracks.count)
    patrolled = np.bincount(run.result.qualifying[1].astype(np.int64), minlength=tracks.count)
    used = np.flatnonzero(use.in_window)
    rows = [
        [
            tracks.ids[i],
            tracks.sources[i],
            tracks.names[i],
            tracks.patrollers[i],
            _qdatetime(use.start_s[i]),
            _qdatetime(use.end_s[i]),
            _qdate(use.patrols.day[i]),
            round(float(lengths[i]) / 1000.0, 3),
            int(points[i]),
            int(patrolled[i]),
        ]
        for i in used.tolist()
    ]
    multi, style = QgsWkbTypes.MultiLineString, "patrol_tracks.qml"
    return outputs.write(OUTPUT_TRACKS, TRACK_FIELDS, rows, use.paths[used], multi, run.area.crs, style, span=(93, 96))


def _write_points(outputs, run: PatrolRun) -> Optional[str]:
    """The kept points of every patrol in time order, for replay with QGIS's temporal controller."""
    tracks, clean = run.use.tracks, run.use.clean
    order = clean.order[run.use.in_window[clean.track]]
    track = tracks.track[order]
    ids = np.array(tracks.ids, dtype=object)[track]
    who = np.array(tracks.patrollers, dtype=object)[track]
    rows = zip(ids.tolist(), who.tolist(), (_qdatetime(t) for t in tracks.seconds[order].tolist()))
    geoms = shapely.points(tracks.x[order], tracks.y[order])
    style = "patrol_points.qml"
    return outputs.write(OUTPUT_POINTS, POINT_FIELDS, rows, geoms, QgsWkbTypes.Point, run.area.crs, style, span=(96, 97))


def _write_summary(outputs, run: PatrolRun) -> Optional[str]:
    grid = run.area.grid
    townships = np.flatnonzero(grid.cells.levels == LEVEL_TOWNSHIP).tolist()
    names = {grid.cells.codes[i]: grid.names[i] for i in townships}
    rows = patrol.township_months(run.result, grid.cells, LEVEL_TOWNSHIP, run.window[1], names)
    return outputs.write(OUTPUT_SUMMARY, SUMMARY_FIELDS, rows, span=(97, 98))


def _write_ledger(path: str, run: PatrolRun, lengths: np.ndarray) -> None:
    use, grid = run.use, run.area.grid
    local_start, local_end = run.clock.local_seconds(use.start_s), run.clock.local_seconds(use.end_s)
    tracks = LedgerTracks(use.tracks.ids, use.tracks.patrollers, local_start, local_end, use.patrols.day, lengths)
    rows = ledger_rows(run.result, grid.cells, grid.names, grid.persons, run.frequencies, tracks, run.window)
    write_table(path, LEDGER_TITLE, list(LEDGER_HEADER), rows)


def _qdate(value) -> Optional[QDate]:
    if value is None or np.isnat(value):
        return None
    year, month, day = (int(v) for v in str(np.datetime64(value, "D")).split("-"))
    return QDate(year, month, day)


def _qdatetime(seconds) -> Optional[QDateTime]:
    if seconds is None or not np.isfinite(seconds):
        return None
    return QDateTime.fromMSecsSinceEpoch(int(round(seconds * 1000)), Qt.UTC)
