"""farmlandgrid:patrolcoverage — patrol compliance per cell and period, parcel visits, patrol ledger (巡田覆盖)."""

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Dict, Optional

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterDefinition,
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
from qgis.PyQt.QtCore import Qt

from ..domain import patrol
from ..domain.landclass import parse_class_list
from ..services.patrol_inputs import FarmlandInput, LayerInput, read_farmland, read_grid, working_crs
from ..services.patrol_outputs import OUTPUT_LEDGER, SINKS, PatrolArea, PatrolRun, TrackUse, write_patrol_outputs
from ..services.sources import GEOPACKAGE_SUFFIXES, optional_field, require_field
from ..services.tracks import GPX_TAGS, Rejection, TrackFields, TrackPoints, TrackReader
from .base import CLASS_FIELD, FARMLAND_CLASSES, FarmlandGridAlgorithm, fail

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
SPACE_CODE_FIELD = "SPACE_CODE_FIELD"
START = "START"
END = "END"
TIMEZONE = "TIMEZONE"
ZONELESS_TIMES = "ZONELESS_TIMES"
BUFFER = "BUFFER"
MIN_COVERAGE = "MIN_COVERAGE"
MAX_SPEED = "MAX_SPEED"
MAX_GAP = "MAX_GAP"
# Frequency parameters by grid level, province (1) to villager group (6).
FREQUENCY = {
    1: "FREQUENCY_PROVINCE",
    2: "FREQUENCY_CITY",
    3: "FREQUENCY_COUNTY",
    4: "FREQUENCY_TOWNSHIP",
    5: "FREQUENCY_VILLAGE",
    6: "FREQUENCY_GROUP",
}


@dataclass(frozen=True)
class PatrolParams:
    grid: LayerInput
    parcels: FarmlandInput
    work_crs: QgsCoordinateReferenceSystem  # metres: the grid's CRS, or a transverse Mercator on it
    tracks: Optional[LayerInput]  # the track layer (its layer: read by GDAL directly), or None
    track_fields: Optional[TrackFields]
    lines: bool  # the track layer holds one line per patrol
    gpx_folder: Optional[Path]
    gpx_patroller: str  # element of a GPX <trk> naming the patroller ("" for none)
    gcj02: bool
    clock: patrol.LocalClock
    zoneless_utc: bool  # times without a zone are UTC (else local time of ``clock``)
    start: Optional[np.datetime64]  # first and last local day; None: first track's day, today
    end: Optional[np.datetime64]
    buffer_m: float
    min_coverage: float
    max_speed: float  # m/s
    max_gap_s: float
    frequencies: Dict[int, str]  # patrol.FREQUENCIES value per grid level
    ledger_path: str  # empty: no ledger


class PatrolCoverageAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "patrolcoverage"
    GROUP = "patrols"
    TABLE_OUTPUTS = (OUTPUT_LEDGER,)

    def displayName(self):
        return self.tr("Patrol coverage and ledger")

    def shortHelpString(self):
        # Plain text: the dialog reads it as HTML and qgis_process prints it as it is, so no angle brackets.
        return self.tr(
            "Says per grid cell and period whether the cell was patrolled (巡田), which farmland parcels nobody walked "
            "past, and who is behind.\n\n"
            "Give the patrol tracks (a point or line layer from a patrol app, a folder of GPX files, or both; in GPX "
            "files the patroller's name is read from each track's description, desc), the grid cells, the parcels "
            "(DLTB) and the days to check (default: from the first track's day to today).\n\n"
            "Out come the periods (completed, pending, overdue), the compliance per cell, the parcel visits, the tracks "
            "for replay, the township monthly patrol rate (巡田率), the rejected tracks with the reason, and the patrol "
            "ledger (巡查台账).\n\n"
            "Example: a week's GPX files, 2026-01-05 to 2026-01-11: a villager group is completed for that week when a "
            "track passed half of its farmland parcels within 30 m. Frequencies, distances and cleaning rules are under "
            "Advanced parameters."
        )

    def initAlgorithm(self, config=None):
        types = [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorLine]
        self.addParameter(
            QgsProcessingParameterFeatureSource(TRACKS, self.tr("Patrol tracks (points or lines)"), types, optional=True)
        )
        folder = QgsProcessingParameterFile.Folder
        self.addParameter(QgsProcessingParameterFile(TRACK_FOLDER, self.tr("Folder of GPX files"), folder, optional=True))
        polygons = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(GRID, self.tr("Grid cells"), polygons))
        self.addParameter(QgsProcessingParameterFeatureSource(PARCELS, self.tr("Parcels (DLTB)"), polygons))
        for name, label in ((START, self.tr("Start date (empty: first track)")), (END, self.tr("End date (empty: today)"))):
            self.addParameter(QgsProcessingParameterDateTime(name, label, QgsProcessingParameterDateTime.Date, optional=True))

        help_texts = self._help_texts()

        def advanced(param, add=True):
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            if param.name() in help_texts:
                param.setHelp(help_texts[param.name()])
            if add:
                self.addParameter(param)

        for name, label, default in (
            (TRACK_ID_FIELD, self.tr("Track id field (points)"), "track_id"),
            (TIME_FIELD, self.tr("Time field (points) or start time field (lines)"), "time"),
            (END_TIME_FIELD, self.tr("End time field (lines)"), "end_time"),
            (PATROLLER_FIELD, self.tr("Patroller field"), "patroller"),
        ):
            advanced(QgsProcessingParameterField(name, label, default, TRACKS, optional=True))
        elements = ["<desc>", "<name>", "<cmt>", "<src>", self.tr("(none)")]
        advanced(QgsProcessingParameterEnum(GPX_PATROLLER, self.tr("GPX element naming the patroller"), elements, defaultValue=0))
        datums = [self.tr("As the layer CRS says (GPX: WGS 84)"), self.tr("GCJ-02 (phone apps in China)")]
        advanced(QgsProcessingParameterEnum(DATUM, self.tr("Coordinates of the tracks"), datums, defaultValue=0))
        self.add_farmland_class_parameters(PARCELS, required=False)
        advanced(self.parameterDefinition(CLASS_FIELD), add=False)
        advanced(self.parameterDefinition(FARMLAND_CLASSES), add=False)
        advanced(QgsProcessingParameterField(SPACE_CODE_FIELD, self.tr("Space code field"), "space_code", PARCELS, optional=True))
        advanced(QgsProcessingParameterString(TIMEZONE, self.tr("Time zone of the periods"), "Asia/Shanghai"))
        zoneless = [self.tr("Local time in the time zone above"), self.tr("UTC (e.g. GeoPackages written by QGIS 3.22)")]
        advanced(QgsProcessingParameterEnum(ZONELESS_TIMES, self.tr("Times without a time zone are"), zoneless, defaultValue=0))
        for name, label, default, low, high in (
            (BUFFER, self.tr("Distance seen from the path (m)"), 30.0, 0.0, 1e4),
            (MIN_COVERAGE, self.tr("Share of a cell's farmland parcels a patrol must pass (0–1)"), 0.5, 0.0, 1.0),
            (MAX_SPEED, self.tr("Maximum plausible speed (km/h)"), 120.0, 1.0, 1e4),
            (MAX_GAP, self.tr("Longest gap between points walked through (minutes)"), 15.0, 0.1, 1e6),
        ):
            double = QgsProcessingParameterNumber.Double
            advanced(QgsProcessingParameterNumber(name, label, double, default, minValue=low, maxValue=high))
        options = [self.tr("Not required"), self.tr("Weekly"), self.tr("Monthly"), self.tr("Quarterly")]
        options += [self.tr("Half-yearly"), self.tr("Yearly")]
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
            advanced(QgsProcessingParameterEnum(name, labels[level], options, defaultValue=default))

        for name, label, kind, optional, by_default in SINKS:
            sink = QgsProcessingParameterFeatureSink(name, self.tr(label), kind, optional=optional, createByDefault=by_default)
            self.addParameter(sink)
        tables = self.tr("Excel workbook (*.xlsx);;CSV (*.csv)")
        self.addParameter(QgsProcessingParameterFileDestination(OUTPUT_LEDGER, self.tr("Patrol ledger"), tables, optional=True))

    def _help_texts(self) -> Dict[str, str]:
        """One line of help per advanced parameter (its tooltip; HTML, hence &lt; for <)."""
        frequency = self.tr(
            "How often a cell of this level must be patrolled; default: group weekly, village monthly, township quarterly, "
            "county and above half-yearly."
        )
        return {
            TRACK_ID_FIELD: self.tr("Points with the same value form one track, one patrol."),
            TIME_FIELD: self.tr("Date and time of each point, or the start of each line; ISO 8601 text is read too."),
            END_TIME_FIELD: self.tr("The times of a line's vertices are spread along it between start and end."),
            PATROLLER_FIELD: self.tr("Who walked the track, shown in the periods and the ledger."),
            GPX_PATROLLER: self.tr("The element of each GPX &lt;trk&gt; that holds the patroller's name."),
            DATUM: self.tr("GCJ-02 coordinates of phone apps are taken back to WGS 84 first."),
            CLASS_FIELD: self.tr("Without this field every parcel is taken as farmland."),
            SPACE_CODE_FIELD: self.tr("Copied to the parcel visits, e.g. the code from assignspacecodes."),
            TIMEZONE: self.tr(
                "An IANA name such as Asia/Shanghai: the periods are its local weeks (Monday–Sunday), months and years."
            ),
            ZONELESS_TIMES: self.tr(
                "GPX times are UTC; phone apps write local time without a zone, QGIS 3.22 writes UTC without one."
            ),
            BUFFER: self.tr("A patrol passes a parcel when its path comes this close to it."),
            MIN_COVERAGE: self.tr("A track passing fewer of a cell's farmland parcels is no patrol of that cell."),
            MAX_SPEED: self.tr("A point reached and left faster is a GPS jump; where the speed stays higher the path breaks."),
            MAX_GAP: self.tr("Where no point was recorded for longer, the path breaks: nothing between counts as walked."),
            **{name: frequency for name in FREQUENCY.values()},
        }

    # ------------------------------------------------------------ run

    def read(self, parameters, context, feedback) -> PatrolParams:
        clock = patrol.LocalClock(self.parameterAsString(parameters, TIMEZONE, context).strip())
        grid = self.parameterAsSource(parameters, GRID, context)
        work_crs = working_crs(grid)
        parcels = self.parameterAsSource(parameters, PARCELS, context)
        class_field = self._field_if_there(parcels, parameters, CLASS_FIELD, context)
        classes = parse_class_list(self.parameterAsString(parameters, FARMLAND_CLASSES, context)) if class_field else ()
        if not class_field:
            feedback.pushWarning(self.tr("The parcels have no land class field: every parcel is taken as farmland"))
        code_field = self._field_if_there(parcels, parameters, SPACE_CODE_FIELD, context)
        farmland = FarmlandInput(
            parcels, self._direct(parameters, PARCELS, context, parcels, work_crs), class_field, classes, code_field
        )
        source = self.parameterAsSource(parameters, TRACKS, context)
        folder = self.parameterAsFile(parameters, TRACK_FOLDER, context)
        if source is None and not folder:
            fail(self.tr("Give patrol tracks: a track layer (TRACKS), a folder of GPX files (TRACK_FOLDER) or both"))
        if folder and not Path(folder).is_dir():
            fail(self.tr("The GPX folder {0} does not exist").format(str(folder)))
        lines = source is not None and QgsWkbTypes.geometryType(source.wkbType()) == QgsWkbTypes.LineGeometry
        tracks = fields = None
        if source is not None:
            tracks = LayerInput(source, None if lines else self.direct_layer(parameters, TRACKS, context))
            time = require_field(source, self.parameterAsString(parameters, TIME_FIELD, context), TIME_FIELD)
            fields = TrackFields(time, patroller=self._field_if_there(source, parameters, PATROLLER_FIELD, context))
            if lines:
                fields = replace(fields, end_time=self._field_if_there(source, parameters, END_TIME_FIELD, context))
            else:
                track_id = self.parameterAsString(parameters, TRACK_ID_FIELD, context)
                fields = replace(fields, track_id=require_field(source, track_id, TRACK_ID_FIELD))
        return PatrolParams(
            grid=LayerInput(grid, self._direct(parameters, GRID, context, grid, work_crs)),
            parcels=farmland,
            work_crs=work_crs,
            tracks=tracks,
            track_fields=fields,
            lines=lines,
            gpx_folder=Path(folder) if folder else None,
            gpx_patroller=GPX_TAGS[self.parameterAsEnum(parameters, GPX_PATROLLER, context)],
            gcj02=self.parameterAsEnum(parameters, DATUM, context) == 1,
            clock=clock,
            zoneless_utc=self.parameterAsEnum(parameters, ZONELESS_TIMES, context) == 1,
            start=self._date(parameters, START, context),
            end=self._date(parameters, END, context),
            buffer_m=self.parameterAsDouble(parameters, BUFFER, context),
            min_coverage=self.parameterAsDouble(parameters, MIN_COVERAGE, context),
            max_speed=self.parameterAsDouble(parameters, MAX_SPEED, context) / 3.6,
            max_gap_s=self.parameterAsDouble(parameters, MAX_GAP, context) * 60.0,
            frequencies={
                level: patrol.FREQUENCIES[self.parameterAsEnum(parameters, n, context)] for level, n in FREQUENCY.items()
            },
            ledger_path=self.parameterAsFileOutput(parameters, OUTPUT_LEDGER, context),
        )

    def _field_if_there(self, source, parameters, name, context) -> Optional[str]:
        return optional_field(source, self.parameterAsString(parameters, name, context))

    def _direct(self, parameters, name, context, source, work_crs):
        """The GeoPackage layer to read directly when it needs no reprojection."""
        return self.direct_layer(parameters, name, context, GEOPACKAGE_SUFFIXES) if source.sourceCrs() == work_crs else None

    def _date(self, parameters, name, context) -> Optional[np.datetime64]:
        if parameters.get(name) in (None, ""):
            return None
        stamp = self.parameterAsDateTime(parameters, name, context)
        return np.datetime64(stamp.date().toString(Qt.ISODate), "D") if stamp.isValid() else None

    def execute(self, params: PatrolParams, context, feedback, outputs) -> dict:
        grid = read_grid(params.grid, params.work_crs, context, feedback)
        feedback.setProgress(5)
        parcels = read_farmland(params.parcels, params.work_crs, context, feedback)
        if feedback.isCanceled():
            return {}
        message = self.tr("Locating {0} farmland parcels in {1} grid cells…")
        feedback.pushInfo(message.format(len(parcels.geoms), len(grid.cells.codes)))
        area = PatrolArea(params.work_crs, grid, parcels, patrol.bottom_cells(grid.cells, grid.geoms, parcels.geoms))
        outside = int(np.count_nonzero(area.parcel_cell < 0))
        if outside:
            feedback.pushWarning(self.tr("{0} farmland parcels lie in no grid cell; they count for no cell").format(outside))
        feedback.setProgress(15)

        tracks = self._read_tracks(params, context, feedback)
        if feedback.isCanceled():
            return {}
        n = tracks.count
        clean = patrol.clean_tracks(
            tracks.track, tracks.seconds, tracks.x, tracks.y, n, params.max_speed, params.max_gap_s, tracks.segment
        )
        feedback.setProgress(40)
        start_s, end_s = patrol.track_bounds(clean, tracks.seconds, n)
        day = params.clock.local_days(start_s)
        window = self._window(params, day[clean.usable])
        in_window = clean.usable & (day >= window[0]) & (day <= window[1])
        paths = patrol.track_paths(clean, tracks.x, tracks.y, n)
        paths[~in_window] = None
        feedback.pushInfo(self.tr("Finding the parcels each of {0} patrols passed…").format(int(in_window.sum())))
        pairs = patrol.passes(paths, parcels.geoms, params.buffer_m)
        feedback.setProgress(65)
        if feedback.isCanceled():
            return {}
        self._reject_unused(tracks, clean, in_window, np.bincount(pairs[0], minlength=n) > 0, window)

        patrols = patrol.Patrols(start_s, day, np.array(tracks.patrollers, dtype=object))
        result = patrol.compliance(grid.cells, area.parcel_cell, patrols, pairs, params.frequencies, *window, params.min_coverage)
        visited = np.bincount(pairs[1], minlength=len(parcels.geoms)) > 0
        summary = patrol.summarise_cells(result, grid.cells, area.parcel_cell, visited, patrols)
        self._log(feedback, tracks, clean, in_window, result, window)
        feedback.setProgress(75)
        use = TrackUse(tracks, clean, paths, in_window, start_s, end_s, patrols, pairs)
        run = PatrolRun(area, use, result, summary, params.frequencies, window, params.clock)
        results = write_patrol_outputs(outputs, run, params.ledger_path)
        feedback.setProgress(100)
        return results

    def _read_tracks(self, params: PatrolParams, context, feedback) -> TrackPoints:
        reader = TrackReader(params.work_crs, params.gcj02)
        if params.tracks is not None and params.lines:
            reader.add_lines(params.tracks.source, params.track_fields, context, feedback, span=(15, 25))
        elif params.tracks is not None:
            reader.add_points(params.tracks.source, params.track_fields, context, feedback, params.tracks.layer, span=(15, 25))
        if params.gpx_folder is not None and not reader.add_gpx_folder(
            params.gpx_folder, params.gpx_patroller, feedback, (15, 25)
        ):
            feedback.pushWarning(self.tr("No .gpx files in {0}").format(str(params.gpx_folder)))
        tracks = reader.finish(None if params.zoneless_utc else params.clock)
        if params.zoneless_utc:
            feedback.pushInfo(self.tr("{0} times had no time zone; they were read as UTC").format(tracks.zoneless_times))
        elif tracks.zoneless_times:
            message = self.tr("{0} times had no time zone; they were read as local time ({1})")
            feedback.pushInfo(message.format(tracks.zoneless_times, params.clock.name))
        return tracks

    def _window(self, params: PatrolParams, days: np.ndarray):
        """First and last local day checked: as given, else from the first usable track's day to today."""
        first, last = params.start, params.end
        if first is None:
            valid = days[~np.isnat(days)]
            if not len(valid):
                fail(self.tr("No track has a usable time and no start date is given: nothing to check"))
            first = valid.min()
        if last is None:
            last = np.datetime64(params.clock.today().isoformat(), "D")
        if last < first:
            fail(self.tr("The end date {0} is before the start date {1}").format(last, first))
        return first, last

    def _reject_unused(self, tracks: TrackPoints, clean, in_window, passed_any, window) -> None:
        messages = {
            patrol.NO_TIMES: self.tr("No point of this track has a time; it cannot be placed in a period"),
            patrol.TOO_FEW_POINTS: self.tr("Fewer than two usable points after the cleaning rules"),
            patrol.OUTSIDE_WINDOW: self.tr("The track starts outside {0} – {1}").format(*window),
            patrol.OUTSIDE_GRID: self.tr("The track passes no farmland parcel of the grid"),
        }
        for i, reason in patrol.unused_tracks(tracks.track, tracks.seconds, clean, in_window, passed_any):
            tracks.rejected.append(Rejection(tracks.sources[i], tracks.ids[i], reason, messages[reason]))

    def _log(self, feedback, tracks: TrackPoints, clean, in_window, result, window) -> None:
        message = self.tr("Tracks: {0} read, {1} used as patrols between {2} and {3}")
        feedback.pushInfo(message.format(tracks.count, int(in_window.sum()), *window))
        message = self.tr(
            "Track points: {0} without time, {1} with an unreadable time, {2} out of order (sorted), {3} duplicates "
            "dropped, {4} GPS jumps dropped, {5} breaks in paths; {6} tracks with fewer than two usable points"
        )
        c = clean.counts
        feedback.pushInfo(
            message.format(
                c["no_time"],
                tracks.unreadable_times,
                c["out_of_order"],
                c["duplicate"],
                c["jump"],
                c["break"],
                c["too_few_points"],
            )
        )
        reasons = Counter(row.reason for row in tracks.rejected)
        if reasons:
            feedback.pushWarning(self.tr("Not used: {0}").format(", ".join(f"{k} {v}" for k, v in sorted(reasons.items()))))
        statuses = [int(np.count_nonzero(result.status == s)) for s in (patrol.COMPLETED, patrol.PENDING, patrol.OVERDUE)]
        feedback.pushInfo(self.tr("Periods: {0} completed, {1} pending, {2} overdue").format(*statuses))
