"""farmlandgrid:patrolcoverage — patrol compliance per cell and period, parcel visits, patrol ledger (巡田覆盖)."""

import importlib.util
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pyproj
import shapely
from osgeo import gdal
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QDate, QDateTime, Qt, QVariant

from ..domain import patrol
from ..domain.datum import gcj02_to_wgs84
from ..domain.landclass import DEFAULT_FARMLAND_CLASSES, farmland_mask, parse_class_list
from ..domain.messages import DomainError
from ..domain.unitcode import LEVEL_TOWNSHIP
from ..services.crs import is_metric_crs, local_metric_crs
from ..services.sinks import build_fields, style_output, write_features, write_table
from ..services.sources import GEOPACKAGE_SUFFIXES, ogr_dataset_and_layer, read_columns, require_field
from .base import FarmlandGridAlgorithm, fail

TRACKS = "TRACKS"
TRACK_FOLDER = "TRACK_FOLDER"
TRACK_ID_FIELD = "TRACK_ID_FIELD"
TIME_FIELD = "TIME_FIELD"
END_TIME_FIELD = "END_TIME_FIELD"
PATROLLER_FIELD = "PATROLLER_FIELD"
GPX_PATROLLER = "GPX_PATROLLER"
DATUM = "DATUM"
GRID = "GRID"
PARCELS = "PARCELS"
CLASS_FIELD = "CLASS_FIELD"
FARMLAND_CLASSES = "FARMLAND_CLASSES"
SPACE_CODE_FIELD = "SPACE_CODE_FIELD"
START = "START"
END = "END"
TIMEZONE = "TIMEZONE"
ZONELESS_TIMES = "ZONELESS_TIMES"
BUFFER = "BUFFER"
MIN_COVERAGE = "MIN_COVERAGE"
MAX_SPEED = "MAX_SPEED"
MAX_GAP = "MAX_GAP"
OUTPUT_PERIODS = "OUTPUT_PERIODS"
OUTPUT_CELLS = "OUTPUT_CELLS"
OUTPUT_PARCELS = "OUTPUT_PARCELS"
OUTPUT_TRACKS = "OUTPUT_TRACKS"
OUTPUT_POINTS = "OUTPUT_POINTS"
OUTPUT_SUMMARY = "OUTPUT_SUMMARY"
OUTPUT_REJECTED = "OUTPUT_REJECTED"
OUTPUT_LEDGER = "OUTPUT_LEDGER"
# Frequency parameters by grid level, province (1) to villager group (6).
FREQUENCY = {
    1: "FREQUENCY_PROVINCE",
    2: "FREQUENCY_CITY",
    3: "FREQUENCY_COUNTY",
    4: "FREQUENCY_TOWNSHIP",
    5: "FREQUENCY_VILLAGE",
    6: "FREQUENCY_GROUP",
}
GPX_TAGS = ("desc", "name", "cmt", "src", "")

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
STATUS_LABELS = {patrol.COMPLETED: "已完成", patrol.PENDING: "未完成", patrol.OVERDUE: "已过期"}
FREQUENCY_LABELS = {
    patrol.NONE: "不要求",
    patrol.WEEKLY: "每周",
    patrol.MONTHLY: "每月",
    patrol.QUARTERLY: "每季度",
    patrol.HALF_YEARLY: "每半年",
    patrol.YEARLY: "每年",
}


class TrackInput:
    """Raw track points in the working CRS, one entry per track in the per-track lists."""

    def __init__(self):
        self.parts = []  # (track, segment, seconds_utc, x, y) arrays per source
        self.ids, self.sources, self.names, self.patrollers = [], [], [], []
        self.rejected = []  # (source, track id, reason, message)
        self.unreadable_times = 0
        self.zoneless_times = 0

    def add_track(self, track_id, source, name, who):
        self.ids.append(track_id)
        self.sources.append(source)
        self.names.append(name or "")
        self.patrollers.append(who or "")
        return len(self.ids) - 1

    def arrays(self):
        if not self.parts:
            empty = np.zeros(0)
            return empty.astype(np.int64), empty.astype(np.int64), empty, empty, empty
        return tuple(np.concatenate(column) for column in zip(*self.parts))


class PatrolCoverageAlgorithm(FarmlandGridAlgorithm):
    def tr(self, text):
        return QCoreApplication.translate("PatrolCoverageAlgorithm", text)

    def name(self):
        return "patrolcoverage"

    def displayName(self):
        return self.tr("Patrol coverage and ledger")

    def group(self):
        return self.tr("Patrols")

    def groupId(self):
        return "patrols"

    def shortHelpString(self):
        return self.tr(
            "Says per grid cell and required period whether the cell was patrolled (巡田), which farmland parcels "
            "nobody walked past, and who is behind.\n\n"
            "Tracks: a point layer (track id and time fields; an optional patroller field), a line layer (one "
            "feature per patrol with its start time and optionally its end time), and/or a folder of GPX files "
            "(searched recursively; GPX times are UTC; the patroller is taken from the chosen <trk> element). "
            "Times without a time zone are read as local time in the chosen time zone, or as UTC when chosen (QGIS "
            "3.22 writes UTC times into GeoPackages without the zone). Phone apps that record "
            "GCJ-02 coordinates: choose GCJ-02 and the points are converted to WGS 84 first.\n\n"
            "Rules, each counted in the log: points without time are dropped; points are sorted by time within "
            "their track; a point with the same time as the previous one is a duplicate; a point reached and left "
            "faster than the maximum speed is a GPS jump and dropped; the path is broken where the speed stays "
            "implausible or no point was recorded for longer than the maximum gap, and between GPX segments; "
            "tracks with fewer than two usable points, outside the window or passing no farmland are listed in "
            "the rejected table with the reason.\n\n"
            "A patrol is one track; it belongs to the period of the local date of its first point. It passes a "
            "parcel when its path comes within the buffer distance (metres) of it, and counts as a patrol of a "
            "cell when it passes at least the minimum coverage share of the cell's farmland parcels. Periods are "
            "local calendar weeks (Monday–Sunday), months, quarters, half-years or years per level (defaults: group "
            "weekly, village monthly, township quarterly, county and above half-yearly). Status: completed with "
            "at least one patrol; pending when the period ends after END (still open); overdue otherwise. START "
            "defaults to the first track's date, END to today.\n\n"
            "Outputs: periods (one row per cell and period); cells (periods required, completed, overdue, pending, "
            "compliance % = completed / (completed + overdue), last patrol, parcels never visited); farmland "
            "parcels (space code, visit count, last visit, days since); tracks and track points for replay with "
            "QGIS's temporal controller; the township monthly summary (patrol rate 巡田率 of the periods that ended "
            "in the month, with ranking); rejected tracks and files; and the patrol ledger (巡查台账) per cell and "
            "month as XLSX or CSV."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                TRACKS,
                self.tr("Patrol tracks (points or lines)"),
                [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorLine],
                optional=True,
            )
        )
        for name, label, default in (
            (TRACK_ID_FIELD, self.tr("Track id field (points)"), "track_id"),
            (TIME_FIELD, self.tr("Time field (points) or start time field (lines)"), "time"),
            (END_TIME_FIELD, self.tr("End time field (lines)"), "end_time"),
            (PATROLLER_FIELD, self.tr("Patroller field"), "patroller"),
        ):
            self.addParameter(QgsProcessingParameterField(name, label, default, TRACKS, optional=True))
        self.addParameter(
            QgsProcessingParameterFile(
                TRACK_FOLDER, self.tr("Folder of GPX files"), QgsProcessingParameterFile.Folder, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                GPX_PATROLLER,
                self.tr("GPX element naming the patroller"),
                ["<desc>", "<name>", "<cmt>", "<src>", self.tr("(none)")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                DATUM,
                self.tr("Coordinates of the tracks"),
                [self.tr("As the layer CRS says (GPX: WGS 84)"), self.tr("GCJ-02 (phone apps in China)")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                GRID, self.tr("Grid cells (from delineategrid)"), [QgsProcessing.TypeVectorPolygon]
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(PARCELS, self.tr("Parcels (DLTB)"), [QgsProcessing.TypeVectorPolygon])
        )
        self.addParameter(QgsProcessingParameterField(CLASS_FIELD, self.tr("Land class field"), "DLBM", PARCELS, optional=True))
        self.addParameter(
            QgsProcessingParameterString(
                FARMLAND_CLASSES, self.tr("Farmland land classes (comma separated)"), ",".join(DEFAULT_FARMLAND_CLASSES)
            )
        )
        self.addParameter(
            QgsProcessingParameterField(SPACE_CODE_FIELD, self.tr("Space code field"), "space_code", PARCELS, optional=True)
        )
        for name, label in ((START, self.tr("Start date (empty: first track)")), (END, self.tr("End date (empty: today)"))):
            self.addParameter(QgsProcessingParameterDateTime(name, label, QgsProcessingParameterDateTime.Date, optional=True))
        self.addParameter(QgsProcessingParameterString(TIMEZONE, self.tr("Time zone of the periods"), "Asia/Shanghai"))
        self.addParameter(
            QgsProcessingParameterEnum(
                ZONELESS_TIMES,
                self.tr("Times without a time zone are"),
                [self.tr("Local time in the time zone above"), self.tr("UTC (e.g. GeoPackages written by QGIS 3.22)")],
                defaultValue=0,
            )
        )
        for name, label, default, low, high in (
            (BUFFER, self.tr("Distance seen from the path (m)"), 30.0, 0.0, 1e4),
            (MIN_COVERAGE, self.tr("Share of a cell's farmland parcels a patrol must pass (0–1)"), 0.5, 0.0, 1.0),
            (MAX_SPEED, self.tr("Maximum plausible speed (km/h)"), 120.0, 1.0, 1e4),
            (MAX_GAP, self.tr("Longest gap between points walked through (minutes)"), 15.0, 0.1, 1e6),
        ):
            self.addParameter(
                QgsProcessingParameterNumber(
                    name, label, QgsProcessingParameterNumber.Double, default, minValue=low, maxValue=high
                )
            )
        options = [
            self.tr("Not required"),
            self.tr("Weekly"),
            self.tr("Monthly"),
            self.tr("Quarterly"),
            self.tr("Half-yearly"),
            self.tr("Yearly"),
        ]
        labels = {
            1: self.tr("Patrol frequency: province"),
            2: self.tr("Patrol frequency: city"),
            3: self.tr("Patrol frequency: county"),
            4: self.tr("Patrol frequency: township"),
            5: self.tr("Patrol frequency: village"),
            6: self.tr("Patrol frequency: villager group"),
        }
        for level, name in FREQUENCY.items():
            default = patrol.FREQUENCIES.index(patrol.DEFAULT_FREQUENCIES[level])
            self.addParameter(QgsProcessingParameterEnum(name, labels[level], options, defaultValue=default))
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT_PERIODS, self.tr("Patrol periods"), QgsProcessing.TypeVector))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT_CELLS, self.tr("Patrol compliance per cell"), QgsProcessing.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(OUTPUT_PARCELS, self.tr("Parcel visits"), QgsProcessing.TypeVectorPolygon)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT_TRACKS, self.tr("Patrol tracks (cleaned)"), QgsProcessing.TypeVectorLine, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT_POINTS,
                self.tr("Track points for replay"),
                QgsProcessing.TypeVectorPoint,
                optional=True,
                createByDefault=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT_SUMMARY, self.tr("Township monthly patrol rate"), QgsProcessing.TypeVector, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT_REJECTED, self.tr("Rejected tracks and files"), QgsProcessing.TypeVector, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                OUTPUT_LEDGER, self.tr("Patrol ledger"), self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"), optional=True
            )
        )

    # ------------------------------------------------------------ run

    def legacy_process(self, parameters, context, feedback):
        try:
            clock = patrol.LocalClock(self.parameterAsString(parameters, TIMEZONE, context).strip())
        except DomainError as exc:
            fail(exc)
        ledger_path = self.parameterAsFileOutput(parameters, OUTPUT_LEDGER, context)
        if ledger_path and ledger_path.lower().endswith(".xlsx") and importlib.util.find_spec("openpyxl") is None:
            fail(self.tr("Writing XLSX needs the Python package openpyxl (pip install openpyxl); or choose a .csv file"))
        grid = self.parameterAsSource(parameters, GRID, context)
        work_crs = _working_crs(grid)
        cells, cell_geoms, cell_names, cell_persons = self._read_grid(grid, parameters, context, feedback, work_crs)
        feedback.setProgress(5)
        parcels, parcel_geoms = self._read_parcels(parameters, context, feedback, work_crs)
        if feedback.isCanceled():
            return {}
        feedback.pushInfo(self.tr("Locating {0} farmland parcels in {1} grid cells…").format(len(parcel_geoms), len(cells.codes)))
        parcel_cell = _bottom_cells(cells, cell_geoms, parcel_geoms)
        outside = int(np.count_nonzero(parcel_cell < 0))
        if outside:
            feedback.pushWarning(self.tr("{0} farmland parcels lie in no grid cell; they count for no cell").format(outside))
        feedback.setProgress(15)

        tracks = self._read_tracks(parameters, context, feedback, work_crs, clock)
        if feedback.isCanceled():
            return {}
        n_tracks = len(tracks.ids)
        track, segment, seconds, x, y = tracks.arrays()
        tracks.parts = []  # the arrays above are the only copy of the points from here on
        max_gap = self.parameterAsDouble(parameters, MAX_GAP, context) * 60.0
        clean = patrol.clean_tracks(
            track, seconds, x, y, n_tracks, self.parameterAsDouble(parameters, MAX_SPEED, context) / 3.6, max_gap, segment
        )
        feedback.setProgress(40)
        first_point = np.full(n_tracks, -1, np.int64)
        last_point = np.full(n_tracks, -1, np.int64)
        if len(clean.order):
            starts = np.r_[0, np.flatnonzero(np.diff(clean.track)) + 1]
            first_point[clean.track[starts]] = clean.order[starts]
            ends = np.r_[starts[1:] - 1, len(clean.order) - 1]
            last_point[clean.track[ends]] = clean.order[ends]
        start_s = np.where(first_point >= 0, seconds[np.maximum(first_point, 0)], np.nan)
        end_s = np.where(last_point >= 0, seconds[np.maximum(last_point, 0)], np.nan)
        day = clock.local_days(start_s)
        first_day, last_day = self._window(parameters, context, clock, day[clean.usable])
        in_window = clean.usable & (day >= first_day) & (day <= last_day)
        paths = patrol.track_paths(clean, x, y, n_tracks)
        paths[~in_window] = None
        feedback.pushInfo(self.tr("Finding the parcels each of {0} patrols passed…").format(int(in_window.sum())))
        pairs = patrol.passes(paths, parcel_geoms, self.parameterAsDouble(parameters, BUFFER, context))
        feedback.setProgress(65)
        if feedback.isCanceled():
            return {}
        passed_any = np.bincount(pairs[0], minlength=n_tracks) > 0
        self._reject_unused(tracks, track, seconds, clean, in_window, passed_any, (first_day, last_day))

        patrols = patrol.Patrols(start_s, day, np.array(tracks.patrollers, dtype=object))
        frequencies = {
            level: patrol.FREQUENCIES[self.parameterAsEnum(parameters, name, context)] for level, name in FREQUENCY.items()
        }
        min_coverage = self.parameterAsDouble(parameters, MIN_COVERAGE, context)
        result = patrol.compliance(cells, parcel_cell, patrols, pairs, frequencies, first_day, last_day, min_coverage)
        visited = np.bincount(pairs[1], minlength=len(parcel_geoms)) > 0
        summary = patrol.summarise_cells(result, cells, parcel_cell, visited, patrols)
        self._log(feedback, tracks, clean, in_window, result, first_day, last_day)
        feedback.setProgress(75)

        results = {}
        context_ = (parameters, context, feedback)
        results[OUTPUT_PERIODS] = self._write_periods(context_, result, cells, cell_names, cell_persons, frequencies)
        results[OUTPUT_CELLS] = self._write_cells(
            context_, work_crs, cells, cell_geoms, cell_names, cell_persons, frequencies, result, summary
        )
        results[OUTPUT_PARCELS] = self._write_parcels(
            context_, work_crs, parcels, parcel_geoms, parcel_cell, cells, pairs, patrols, last_day
        )
        lengths = patrol.track_lengths_m(clean, x, y, n_tracks)
        patrolled = np.bincount(result.qualifying[1].astype(np.int64), minlength=n_tracks)
        for key, dest in (
            (
                OUTPUT_TRACKS,
                self._write_tracks(context_, work_crs, tracks, paths, in_window, start_s, end_s, day, lengths, clean, patrolled),
            ),
            (OUTPUT_POINTS, self._write_points(context_, work_crs, tracks, clean, track, seconds, x, y, in_window)),
            (OUTPUT_SUMMARY, self._write_summary(context_, result, cells, cell_names, last_day)),
            (OUTPUT_REJECTED, self._write_rejected(context_, tracks)),
        ):
            if dest is not None:
                results[key] = dest
        if ledger_path:
            times = (clock.local_seconds(start_s), clock.local_seconds(end_s), day)
            _write_ledger(
                ledger_path, result, cells, cell_names, cell_persons, frequencies, tracks, times, lengths, (first_day, last_day)
            )
            results[OUTPUT_LEDGER] = ledger_path
        feedback.setProgress(100)
        return results

    # ------------------------------------------------------------ inputs

    def _read_grid(self, grid, parameters, context, feedback, work_crs):
        for name in ("grid_code", "level", "parent_code"):
            require_field(grid, name, GRID)
        optional = [n for n in ("unit_name", "persons") if grid.fields().lookupField(n) >= 0]
        columns = read_columns(
            grid,
            ["grid_code", "level", "parent_code", *optional],
            context,
            feedback,
            dest_crs=work_crs,
            span=(0, 3),
            layer=self.direct_layer(parameters, GRID, context, GEOPACKAGE_SUFFIXES) if grid.sourceCrs() == work_crs else None,
        )
        codes = np.array([str(c or "") for c in columns.columns["grid_code"]], dtype=object)
        levels = np.array([int(v) if v is not None else 0 for v in columns.columns["level"]], dtype=np.int64)
        parents = np.array([str(c or "") for c in columns.columns["parent_code"]], dtype=object)
        bad = np.flatnonzero((codes == "") | (levels < 1) | (levels > 6))
        if len(bad):
            fail(
                self.tr("Grid cell {0} has no grid_code or a level outside 1–6; use the grid from delineategrid").format(
                    columns.fids[bad[0]]
                )
            )
        names = columns.columns.get("unit_name") or [""] * len(codes)
        persons = columns.columns.get("persons") or [""] * len(codes)
        cells = patrol.Cells(codes, levels, patrol.parent_indices(codes.tolist(), parents.tolist()))
        return cells, shapely.make_valid(columns.geoms), [n or "" for n in names], [p or "" for p in persons]

    def _read_parcels(self, parameters, context, feedback, work_crs):
        source = self.parameterAsSource(parameters, PARCELS, context)
        class_field = self.parameterAsString(parameters, CLASS_FIELD, context)
        class_field = class_field if source.fields().lookupField(class_field or "") >= 0 else None
        code_field = self.parameterAsString(parameters, SPACE_CODE_FIELD, context)
        code_field = code_field if source.fields().lookupField(code_field or "") >= 0 else None
        columns = read_columns(
            source,
            [class_field, code_field],
            context,
            feedback,
            dest_crs=work_crs,
            span=(5, 12),
            layer=self.direct_layer(parameters, PARCELS, context, GEOPACKAGE_SUFFIXES)
            if source.sourceCrs() == work_crs
            else None,
        )
        keep = np.ones(len(columns), bool)
        if class_field:
            try:
                classes = parse_class_list(self.parameterAsString(parameters, FARMLAND_CLASSES, context))
            except DomainError as exc:
                fail(exc)
            keep = farmland_mask(columns.columns[class_field], classes)
        else:
            feedback.pushWarning(self.tr("The parcels have no land class field: every parcel is taken as farmland"))
        keep &= shapely.is_geometry(columns.geoms) & ~shapely.is_empty(columns.geoms)
        index = np.flatnonzero(keep)
        codes = columns.columns[code_field] if code_field else [None] * len(columns)
        parcels = {"fid": np.asarray(columns.fids)[index], "space_code": [codes[i] for i in index.tolist()]}
        return parcels, columns.geoms[index]

    def _window(self, parameters, context, clock, days):
        def date_of(name):
            value = parameters.get(name)
            if value in (None, ""):
                return None
            stamp = self.parameterAsDateTime(parameters, name, context)
            return np.datetime64(stamp.date().toString(Qt.ISODate), "D") if stamp.isValid() else None

        first, last = date_of(START), date_of(END)
        if first is None:
            valid = days[~np.isnat(days)]
            if not len(valid):
                fail(self.tr("No track has a usable time and no start date is given: nothing to check"))
            first = valid.min()
        if last is None:
            last = np.datetime64(clock.today().isoformat(), "D")
        if last < first:
            fail(self.tr("The end date {0} is before the start date {1}").format(last, first))
        return first, last

    def _read_tracks(self, parameters, context, feedback, work_crs, clock):
        tracks = TrackInput()
        datum_gcj = self.parameterAsEnum(parameters, DATUM, context) == 1
        source = self.parameterAsSource(parameters, TRACKS, context)
        folder = self.parameterAsFile(parameters, TRACK_FOLDER, context)
        if source is None and not folder:
            fail(self.tr("Give patrol tracks: a track layer (TRACKS), a folder of GPX files (TRACK_FOLDER) or both"))
        if source is not None:
            self._read_track_layer(source, parameters, context, feedback, tracks, work_crs, datum_gcj)
        if folder:
            self._read_gpx_folder(Path(folder), parameters, context, feedback, tracks, work_crs, datum_gcj)
        if self.parameterAsEnum(parameters, ZONELESS_TIMES, context) == 1:
            feedback.pushInfo(self.tr("{0} times had no time zone; they were read as UTC").format(tracks.zoneless_times))
            tracks.parts = [(t, s, sec, px, py) for t, s, sec, _naive, px, py in tracks.parts]
            return tracks
        if tracks.zoneless_times:
            feedback.pushInfo(
                self.tr("{0} times had no time zone; they were read as local time ({1})").format(
                    tracks.zoneless_times, clock.name
                )
            )
        tracks.parts = [(t, s, _to_utc(sec, naive, clock), px, py) for t, s, sec, naive, px, py in tracks.parts]
        return tracks

    def _read_track_layer(self, source, parameters, context, feedback, tracks, work_crs, datum_gcj):
        is_line = QgsWkbTypes.geometryType(source.wkbType()) == QgsWkbTypes.LineGeometry
        time_field = require_field(source, self.parameterAsString(parameters, TIME_FIELD, context), TIME_FIELD)
        who_field = self.parameterAsString(parameters, PATROLLER_FIELD, context)
        who_field = who_field if source.fields().lookupField(who_field or "") >= 0 else None
        label = source.sourceName()
        if is_line:
            end_field = self.parameterAsString(parameters, END_TIME_FIELD, context)
            end_field = end_field if source.fields().lookupField(end_field or "") >= 0 else None
            columns = read_columns(source, [time_field, end_field, who_field], context, feedback, span=(15, 25))
            _add_line_tracks(tracks, label, columns, time_field, end_field, who_field, source.sourceCrs(), work_crs, datum_gcj)
            return
        id_field = require_field(source, self.parameterAsString(parameters, TRACK_ID_FIELD, context), TRACK_ID_FIELD)
        base = len(tracks.ids)
        layer = self.direct_layer(parameters, TRACKS, context)
        if layer is not None:
            dataset, ogr_layer = ogr_dataset_and_layer(layer)
            batch = _sql_points(dataset, ogr_layer, time_field, f'DENSE_RANK() OVER (ORDER BY "{id_field}") - 1')
            for key, who in _sql_rows(dataset, ogr_layer, id_field, who_field):
                key = "" if key is None else str(key)
                tracks.add_track(key, label, key, who)
            del dataset
            index, px, py = batch["track"], batch["x"], batch["y"]
            seconds, kind = batch["utc_s"], batch["kind"]
        else:
            columns = read_columns(source, [id_field, time_field, who_field], context, feedback, span=(15, 25))
            keys = np.array([("" if k is None else str(k)) for k in columns.columns[id_field]], dtype=object)
            distinct, first_index, index = np.unique(keys, return_index=True, return_inverse=True)
            who = columns.columns.get(who_field)
            for key, at in zip(distinct.tolist(), first_index.tolist()):
                tracks.add_track(key, label, key, who[at] if who is not None else "")
            seconds, kind = _seconds_of_values(columns.columns[time_field])
            px, py = shapely.get_x(columns.geoms), shapely.get_y(columns.geoms)
        px, py = _project(px, py, source.sourceCrs(), work_crs, datum_gcj)
        tracks.unreadable_times += int(np.count_nonzero(kind == 3))
        tracks.zoneless_times += int(np.count_nonzero(kind == 1))
        tracks.parts.append((base + index.astype(np.int64), np.zeros(len(px), np.int64), seconds, kind == 1, px, py))

    def _read_gpx_folder(self, folder, parameters, context, feedback, tracks, work_crs, datum_gcj):
        if not folder.is_dir():
            fail(self.tr("The GPX folder {0} does not exist").format(str(folder)))
        files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() == ".gpx")
        if not files:
            feedback.pushWarning(self.tr("No .gpx files in {0}").format(str(folder)))
        tag = GPX_TAGS[self.parameterAsEnum(parameters, GPX_PATROLLER, context)]
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        for n, path in enumerate(files):
            if feedback.isCanceled():
                return
            feedback.setProgress(15 + 10 * n / len(files))
            label = str(path.relative_to(folder))
            try:
                dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY, allowed_drivers=["GPX"])
            except RuntimeError as exc:
                tracks.rejected.append(
                    (label, "", "unreadable", self.tr("GDAL cannot read this GPX file: {0}").format(str(exc).strip()))
                )
                continue
            if dataset is None:
                tracks.rejected.append((label, "", "unreadable", self.tr("GDAL cannot read this GPX file")))
                continue
            layer = dataset.GetLayerByName("track_points")
            if layer is None or layer.GetFeatureCount() == 0:
                counts = {
                    n: (lyr.GetFeatureCount() if (lyr := dataset.GetLayerByName(n)) else 0) for n in ("routes", "waypoints")
                }
                tracks.rejected.append(
                    (
                        label,
                        "",
                        "no_tracks",
                        self.tr(
                            "The file has no track points (routes: {0}, waypoints: {1}); a patrol is a recorded track"
                        ).format(counts["routes"], counts["waypoints"]),
                    )
                )
                continue
            info = {}
            for feature in dataset.GetLayerByName("tracks"):
                value = feature.GetField(tag) if tag and feature.GetFieldIndex(tag) >= 0 else None
                info[feature.GetFID()] = (feature.GetField("name") or "", (value or "").strip())
            batch = _sql_points(dataset, layer, "time", '"track_fid"', segment_field="track_seg_id")
            distinct, inverse = np.unique(batch["track"], return_inverse=True)
            for fid in sorted(set(info) - set(distinct.tolist())):
                message = self.tr("The track has no points")
                tracks.rejected.append((label, f"{label}#{fid + 1}", "empty_track", message))
            base = len(tracks.ids)
            for fid in distinct.tolist():
                name, who = info.get(fid, ("", ""))
                tracks.add_track(f"{label}#{fid + 1}", label, name, who)
            px, py = _project(batch["x"], batch["y"], wgs84, work_crs, datum_gcj)
            seconds, kind, segment = batch["utc_s"], batch["kind"], batch["segment"]
            tracks.unreadable_times += int(np.count_nonzero(kind == 3))
            tracks.zoneless_times += int(np.count_nonzero(kind == 1))
            tracks.parts.append((base + inverse.astype(np.int64), segment, seconds, kind == 1, px, py))
            del dataset

    def _reject_unused(self, tracks, track, seconds, clean, in_window, passed_any, window):
        timed = np.bincount(track[np.isfinite(seconds)], minlength=len(tracks.ids))
        for i in range(len(tracks.ids)):
            if not clean.usable[i]:
                reason, message = (
                    ("no_times", self.tr("No point of this track has a time; it cannot be placed in a period"))
                    if timed[i] == 0
                    else ("too_few_points", self.tr("Fewer than two usable points after the cleaning rules"))
                )
            elif not in_window[i]:
                reason = "outside_window"
                message = self.tr("The track starts outside {0} – {1}").format(*window)
            elif not passed_any[i]:
                reason, message = "outside_grid", self.tr("The track passes no farmland parcel of the grid")
            else:
                continue
            tracks.rejected.append((tracks.sources[i], tracks.ids[i], reason, message))

    def _log(self, feedback, tracks, clean, in_window, result, first_day, last_day):
        feedback.pushInfo(
            self.tr("Tracks: {0} read, {1} used as patrols between {2} and {3}").format(
                len(tracks.ids), int(in_window.sum()), first_day, last_day
            )
        )
        counts = clean.counts
        feedback.pushInfo(
            self.tr(
                "Track points: {0} without time, {1} with an unreadable time, {2} out of order (sorted), {3} duplicates "
                "dropped, {4} GPS jumps dropped, {5} breaks in paths; {6} tracks with fewer than two usable points"
            ).format(
                counts["no_time"],
                tracks.unreadable_times,
                counts["out_of_order"],
                counts["duplicate"],
                counts["jump"],
                counts["break"],
                counts["too_few_points"],
            )
        )
        reasons = {}
        for row in tracks.rejected:
            reasons[row[2]] = reasons.get(row[2], 0) + 1
        if reasons:
            feedback.pushWarning(self.tr("Not used: {0}").format(", ".join(f"{k} {v}" for k, v in sorted(reasons.items()))))
        statuses = {s: int(np.count_nonzero(result.status == s)) for s in STATUS_LABELS}
        feedback.pushInfo(
            self.tr("Periods: {0} completed, {1} pending, {2} overdue").format(
                statuses[patrol.COMPLETED], statuses[patrol.PENDING], statuses[patrol.OVERDUE]
            )
        )

    # ------------------------------------------------------------ outputs

    def _sink(self, ctx, key, spec, geometry_type, crs):
        parameters, context, feedback = ctx
        fields = build_fields(spec)
        sink, dest = self.parameterAsSink(parameters, key, context, fields, geometry_type, crs)
        return sink, dest, fields

    def _styled(self, ctx, dest, fields, qml):
        """Style an output whose sink the caller has deleted (closed)."""
        style_output(ctx[1], dest, qml, fields, ctx[2])
        return dest

    def _write_periods(self, ctx, result, cells, names, persons, frequencies):
        sink, dest, fields = self._sink(
            ctx, OUTPUT_PERIODS, PERIOD_FIELDS, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem()
        )
        if sink is None:
            return None
        rows = [
            [
                cells.codes[c],
                int(cells.levels[c]),
                names[c],
                FREQUENCY_LABELS[frequencies[int(cells.levels[c])]],
                _qdate(s),
                _qdate(e),
                st,
                STATUS_LABELS[st],
                int(n),
                round(float(b), 4),
                who,
                persons[c],
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
        write_features(sink, rows, [None] * len(rows), ctx[2], span=(75, 82))
        del sink
        return self._styled(ctx, dest, fields, None)

    def _write_cells(self, ctx, crs, cells, geoms, names, persons, frequencies, result, summary):
        sink, dest, fields = self._sink(ctx, OUTPUT_CELLS, CELL_FIELDS, QgsWkbTypes.MultiPolygon, crs)
        if sink is None:
            return None
        rows = []
        for c in range(len(cells.codes)):
            pct = summary.compliance_pct[c]
            rows.append(
                [
                    cells.codes[c],
                    int(cells.levels[c]),
                    names[c],
                    persons[c],
                    FREQUENCY_LABELS[frequencies[int(cells.levels[c])]],
                    int(result.cell_parcels[c]),
                    int(summary.required[c]),
                    int(summary.completed[c]),
                    int(summary.overdue[c]),
                    int(summary.pending[c]),
                    None if np.isnan(pct) else round(float(pct), 1),
                    _qdate(summary.last_patrol[c]),
                    int(summary.never_visited[c]),
                ]
            )
        write_features(sink, rows, geoms, ctx[2], span=(82, 86))
        del sink
        return self._styled(ctx, dest, fields, "patrol_cells.qml")

    def _write_parcels(self, ctx, crs, parcels, geoms, parcel_cell, cells, pairs, patrols, last_day):
        sink, dest, fields = self._sink(ctx, OUTPUT_PARCELS, PARCEL_FIELDS, QgsWkbTypes.MultiPolygon, crs)
        if sink is None:
            return None
        count, last, since = patrol.parcel_visits(pairs, patrols, len(geoms), last_day)
        bottom = np.where(parcel_cell >= 0, cells.codes[np.maximum(parcel_cell, 0)], None)
        rows = [
            [code, fid, cell, int(n), _qdate(d), None if s < 0 else int(s)]
            for code, fid, cell, n, d, s in zip(
                parcels["space_code"], parcels["fid"].tolist(), bottom.tolist(), count, last, since
            )
        ]
        write_features(sink, rows, geoms, ctx[2], span=(86, 93))
        del sink
        return self._styled(ctx, dest, fields, "patrol_parcels.qml")

    def _write_tracks(self, ctx, crs, tracks, paths, in_window, start_s, end_s, day, lengths, clean, patrolled):
        sink, dest, fields = self._sink(ctx, OUTPUT_TRACKS, TRACK_FIELDS, QgsWkbTypes.MultiLineString, crs)
        if sink is None:
            return None
        points = np.bincount(clean.track, minlength=len(tracks.ids))
        used = np.flatnonzero(in_window)
        rows = [
            [
                tracks.ids[i],
                tracks.sources[i],
                tracks.names[i],
                tracks.patrollers[i],
                _qdatetime(start_s[i]),
                _qdatetime(end_s[i]),
                _qdate(day[i]),
                round(float(lengths[i]) / 1000.0, 3),
                int(points[i]),
                int(patrolled[i]),
            ]
            for i in used.tolist()
        ]
        write_features(sink, rows, paths[used], ctx[2], span=(93, 96))
        del sink
        return self._styled(ctx, dest, fields, "patrol_tracks.qml")

    def _write_points(self, ctx, crs, tracks, clean, track, seconds, x, y, in_window):
        sink, dest, fields = self._sink(ctx, OUTPUT_POINTS, POINT_FIELDS, QgsWkbTypes.Point, crs)
        if sink is None:
            return None
        order = clean.order[in_window[clean.track]]
        ids = np.array(tracks.ids, dtype=object)[track[order]]
        who = np.array(tracks.patrollers, dtype=object)[track[order]]
        feedback = ctx[2]
        for n, (i, w, t, px, py) in enumerate(
            zip(ids.tolist(), who.tolist(), seconds[order].tolist(), x[order].tolist(), y[order].tolist())
        ):
            feature = QgsFeature()
            feature.setAttributes([i, w, _qdatetime(t)])
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(px, py)))
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(sink.lastError())
            if n % 10000 == 0 and feedback.isCanceled():
                break
        del sink
        return self._styled(ctx, dest, fields, "patrol_points.qml")

    def _write_summary(self, ctx, result, cells, names, last_day):
        sink, dest, fields = self._sink(
            ctx, OUTPUT_SUMMARY, SUMMARY_FIELDS, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem()
        )
        if sink is None:
            return None
        township_names = {cells.codes[i]: names[i] for i in np.flatnonzero(cells.levels == LEVEL_TOWNSHIP).tolist()}
        rows = patrol.township_months(result, cells, LEVEL_TOWNSHIP, last_day, township_names)
        write_features(sink, rows, [None] * len(rows), ctx[2], span=(96, 98))
        del sink
        return self._styled(ctx, dest, fields, None)

    def _write_rejected(self, ctx, tracks):
        sink, dest, fields = self._sink(
            ctx, OUTPUT_REJECTED, REJECTED_FIELDS, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem()
        )
        if sink is None:
            return None
        write_features(sink, [list(r) for r in tracks.rejected], [None] * len(tracks.rejected), ctx[2], span=(98, 99))
        del sink
        return self._styled(ctx, dest, fields, None)


# ---------------------------------------------------------------- helpers


def _working_crs(grid):
    """The grid's CRS when projected in metres, else a transverse Mercator around the grid's longitude."""
    crs = grid.sourceCrs()
    if is_metric_crs(crs):
        return crs
    centre = grid.sourceExtent().center()
    lon, _lat = _transformer(crs, QgsCoordinateReferenceSystem("EPSG:4326")).transform(centre.x(), centre.y())
    return local_metric_crs(lon)


def _transformer(source_crs, target_crs):
    wkt = QgsCoordinateReferenceSystem.WKT_PREFERRED
    return pyproj.Transformer.from_crs(
        pyproj.CRS.from_wkt(source_crs.toWkt(wkt)), pyproj.CRS.from_wkt(target_crs.toWkt(wkt)), always_xy=True
    )


def _project(px, py, source_crs, work_crs, datum_gcj):
    """x, y arrays in the working CRS; GCJ-02 input is taken back to WGS 84 first."""
    px, py = np.asarray(px, dtype=float), np.asarray(py, dtype=float)
    if datum_gcj:
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        if source_crs != wgs84:
            px, py = _transformer(source_crs, wgs84).transform(px, py)
        px, py = gcj02_to_wgs84(np.asarray(px), np.asarray(py))
        source_crs = wgs84
    if source_crs != work_crs and len(px):
        px, py = _transformer(source_crs, work_crs).transform(px, py)
    return np.asarray(px, dtype=float), np.asarray(py, dtype=float)


def _sql_points(dataset, ogr_layer, time_field, track_expression, segment_field=None):
    """Track points through GDAL's SQLite dialect and Arrow, numbers only: a patrol app's year is
    ten million points, too many for a Python object per point.

    ``track``: the value of ``track_expression`` (an integer per track); times converted to UTC
    seconds by SQLite; ``kind``: 0 no time, 1 time without zone (still wall-clock seconds), 2 with
    zone (UTC), 3 unreadable.
    """
    t = f'"{time_field}"'
    geometry = f'"{ogr_layer.GetGeometryColumn() or "GEOMETRY"}"'
    columns = [
        f"{track_expression} AS track",
        f"ST_MinX({geometry}) AS x",
        f"ST_MinY({geometry}) AS y",
        f"(julianday({t}) - 2440587.5) * 86400.0 AS utc_s",
        f"CASE WHEN {t} IS NULL THEN 0 WHEN julianday({t}) IS NULL THEN 3 "
        f"WHEN {t} LIKE '%Z' OR substr({t}, -6, 1) IN ('+', '-') THEN 2 ELSE 1 END AS kind",
    ]
    if segment_field:
        columns.append(f'"{segment_field}" AS segment')
    result = dataset.ExecuteSQL(f"SELECT {', '.join(columns)} FROM {_quoted(ogr_layer)}", dialect="SQLITE")
    try:
        batches = list(result.GetArrowStreamAsNumPy())
    finally:
        dataset.ReleaseResultSet(result)
    out = {}
    for key in ("track", "x", "y", "utc_s", "kind") + (("segment",) if segment_field else ()):
        values = [b[key] for b in batches]
        out[key] = _floats(np.ma.concatenate(values) if len(values) > 1 else values[0] if values else np.zeros(0))
    for key in ("track", "kind", "segment"):
        if key in out:
            out[key] = np.nan_to_num(out[key], nan=-1).astype(np.int64)
    out["utc_s"] = np.round(out["utc_s"], 3)
    return out


def _sql_rows(dataset, ogr_layer, key_field, who_field):
    """(track id, patroller) per track, in the order of DENSE_RANK over the track ids."""
    who = f'MIN("{who_field}")' if who_field else "NULL"
    sql = f'SELECT "{key_field}", {who} FROM {_quoted(ogr_layer)} GROUP BY "{key_field}" ORDER BY "{key_field}"'
    result = dataset.ExecuteSQL(sql, dialect="SQLITE")
    try:
        return [(feature.GetField(0), feature.GetField(1) or "") for feature in result]
    finally:
        dataset.ReleaseResultSet(result)


def _quoted(ogr_layer):
    return '"' + ogr_layer.GetName().replace('"', '""') + '"'


def _floats(values):
    """Floats (NaN for none) from an Arrow column; SQLite result columns that start with NULLs come as text."""
    data, missing = np.ma.getdata(values), np.ma.getmaskarray(values)
    if data.dtype.kind in "fiu":
        return np.where(missing, np.nan, data.astype(float))
    return np.array([np.nan if m or v in (b"", "", None) else float(v) for v, m in zip(data.tolist(), missing)], dtype=float)


def _seconds_of_values(values):
    """(seconds, kind) arrays from QGIS attribute values: QDateTime, datetime, date or ISO text; kinds as _sql_points."""
    seconds = np.full(len(values), np.nan)
    kind = np.zeros(len(values), np.int64)
    for i, value in enumerate(values):
        if value is None:
            continue
        if isinstance(value, QDateTime):
            if not value.isValid():
                kind[i] = 3
                continue
            value = (
                value.toPyDateTime()
                if value.timeSpec() == Qt.LocalTime
                else value.toUTC().toPyDateTime().replace(tzinfo=timezone.utc)
            )
        elif isinstance(value, QDate):
            value = datetime(value.year(), value.month(), value.day())
        elif isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip().replace("/", "-"))
            except ValueError:
                kind[i] = 3
                continue
        if not isinstance(value, datetime):
            kind[i] = 3
            continue
        if value.tzinfo is None:
            seconds[i] = (value - datetime(1970, 1, 1)).total_seconds()
            kind[i] = 1
        else:
            seconds[i] = value.timestamp()
            kind[i] = 2
    return seconds, kind


def _to_utc(seconds, naive, clock):
    seconds = np.asarray(seconds, dtype=float).copy()
    if naive.any():
        seconds[naive] = clock.utc_from_local(seconds[naive])
    return seconds


def _add_line_tracks(tracks, label, columns, time_field, end_field, who_field, source_crs, work_crs, datum_gcj):
    """One track per line feature; vertex times interpolated along the line between start and end times.

    Without an end time the line is taken as walked at 1 m/s, which only matters for the jump rule.
    """
    starts, start_kind = _seconds_of_values(columns.columns[time_field])
    ends, end_kind = _seconds_of_values(columns.columns[end_field]) if end_field else (np.full(len(starts), np.nan), None)
    parts, part_owner = shapely.get_parts(columns.geoms, return_index=True)
    coords, point_part = shapely.get_coordinates(parts, return_index=True)
    owner = part_owner[point_part]
    step = np.r_[0.0, np.hypot(*np.diff(coords, axis=0).T)]
    step[np.r_[True, owner[1:] != owner[:-1]]] = 0.0
    walked = np.cumsum(step)
    walked -= np.minimum.accumulate(np.where(np.r_[True, owner[1:] != owner[:-1]], walked, np.inf))
    total = np.bincount(owner, weights=step, minlength=len(starts))
    duration = np.where(np.isfinite(ends) & (ends > starts), ends - starts, total)
    with np.errstate(divide="ignore", invalid="ignore"):
        fraction = np.where(total[owner] > 0, walked / total[owner], 0.0)
    seconds = starts[owner] + fraction * duration[owner]
    base = len(tracks.ids)
    who = columns.columns.get(who_field) if who_field else None
    for i, fid in enumerate(columns.fids):
        tracks.add_track(str(fid), label, "", who[i] if who else "")
    tracks.unreadable_times += int(np.count_nonzero(start_kind == 3))
    tracks.zoneless_times += int(np.count_nonzero(start_kind == 1))
    px, py = _project(coords[:, 0], coords[:, 1], source_crs, work_crs, datum_gcj)
    tracks.parts.append((base + owner.astype(np.int64), point_part.astype(np.int64), seconds, start_kind[owner] == 1, px, py))


def _bottom_cells(cells, cell_geoms, parcel_geoms):
    """Index of the bottom cell (one with no child) containing each parcel's inner point; -1 for none."""
    has_child = np.zeros(len(cells.codes), bool)
    has_child[cells.parents[cells.parents >= 0]] = True
    bottom = np.flatnonzero(~has_child & shapely.is_geometry(cell_geoms))
    out = np.full(len(parcel_geoms), -1, np.int64)
    if not len(bottom) or not len(parcel_geoms):
        return out
    tree = shapely.STRtree(shapely.point_on_surface(parcel_geoms))
    cell_pos, parcel = tree.query(cell_geoms[bottom], predicate="intersects")
    out[parcel[::-1]] = bottom[cell_pos[::-1]]  # with overlapping cells the first one listed wins
    return out


def _qdate(value):
    if value is None or np.isnat(value):
        return None
    year, month, day = (int(v) for v in str(np.datetime64(value, "D")).split("-"))
    return QDate(year, month, day)


def _qdatetime(seconds):
    if seconds is None or not np.isfinite(seconds):
        return None
    return QDateTime.fromMSecsSinceEpoch(int(round(seconds * 1000)), Qt.UTC)


def _write_ledger(path, result, cells, names, persons, frequencies, tracks, times, lengths, window):
    """巡查台账: per cell and month every patrol that counted, or one line saying there was none.

    ``times``: local start and end seconds and local start day per track; ``window``: first and last day.
    """
    local_start, local_end, day = times
    first_day, last_day = window
    cell, track, coverage = (np.asarray(a) for a in result.qualifying)
    cell, track = cell.astype(np.int64), track.astype(np.int64)
    keep = (day[track] >= first_day) & (day[track] <= last_day)
    months = patrol.month_of(day[track[keep]])
    by_key = {}
    for c, t, cov, m in zip(cell[keep].tolist(), track[keep].tolist(), coverage[keep].tolist(), months.tolist()):
        by_key.setdefault((c, m), []).append((t, cov))
    all_months = np.unique(patrol.month_of(np.arange(first_day, last_day + 1))).tolist()
    required = np.array([frequencies[int(level)] != patrol.NONE for level in cells.levels]) & (result.cell_parcels > 0)
    rows = []
    for c in sorted(np.flatnonzero(required).tolist(), key=lambda i: cells.codes[i]):
        for month in all_months:
            base = [cells.codes[c], names[c], int(cells.levels[c]), month]
            patrols = sorted(by_key.get((c, month), []), key=lambda p: local_start[p[0]])
            if not patrols:
                rows.append(base + ["", "", "", "", None, None, persons[c], "本月无有效巡查记录"])
            for t, cov in patrols:
                rows.append(
                    base
                    + [
                        str(day[t]),
                        _clock_text(local_start[t]),
                        _clock_text(local_end[t]),
                        tracks.patrollers[t],
                        round(float(lengths[t]) / 1000.0, 2),
                        round(100.0 * cov, 1),
                        persons[c],
                        tracks.ids[t],
                    ]
                )
    write_table(path, "巡查台账", list(LEDGER_HEADER), rows)


def _clock_text(local_seconds):
    """Local wall-clock seconds as 'HH:MM'."""
    if not np.isfinite(local_seconds):
        return ""
    return datetime.fromtimestamp(local_seconds, tz=timezone.utc).strftime("%H:%M")
