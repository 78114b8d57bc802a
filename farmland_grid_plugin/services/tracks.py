"""Recorded tracks read into arrays: point layers of a patrol app, line layers, folders of GPX files.

A ``TrackReader`` collects tracks from any number of inputs, in the working CRS (GCJ-02 taken back to
WGS 84 first), and ``finish`` gives ``TrackPoints``: per point its track, segment, UTC time and
position; per track its id, source, name and who walked it; and what could not be read, with the
reason. An importer whose vertex times come another way (a QField track's M values, seconds since
its first vertex) builds a ``PointBatch`` and calls ``add``.

Point layers that GDAL can open are read through its SQLite dialect and Arrow, numbers only: a patrol
app's year is ten million points, too many for a Python object per point.
"""

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import List, NamedTuple, Optional, Sequence, Tuple

import numpy as np
import pyproj
import shapely
from osgeo import gdal
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSource,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QDate, QDateTime, Qt

from ..domain.datum import gcj02_to_wgs84
from ..domain.gpx import salvage
from ..domain.track_times import UNREADABLE, ZONELESS, seconds_of, utc_seconds, vertex_seconds
from .sources import ogr_dataset_and_layer, read_columns

WGS84 = "EPSG:4326"
# Elements of a GPX <trk> that may name the patroller ("" for none).
GPX_TAGS = ("desc", "name", "cmt", "src", "")


@dataclass(frozen=True)
class TrackFields:
    """Fields of a track layer: the time (start time of a line), the track id (points), the end time (lines), who."""

    time: str
    track_id: Optional[str] = None
    end_time: Optional[str] = None
    patroller: Optional[str] = None


class TrackInfo(NamedTuple):
    track_id: str
    name: str
    patroller: str


class Rejection(NamedTuple):
    """A file or track that gives no usable track: where it came from, which track, a reason code and why."""

    source: str
    track_id: str
    reason: str
    message: str


@dataclass(frozen=True)
class PointBatch:
    """Points of one input's tracks, before the working CRS and the time zone are applied."""

    track: np.ndarray  # per point: index into the input's tracks
    seconds: np.ndarray  # UTC seconds, wall-clock seconds where ``kind`` is ZONELESS, NaN for none
    kind: np.ndarray  # track_times kind per point
    x: np.ndarray
    y: np.ndarray
    crs: QgsCoordinateReferenceSystem
    segment: Optional[np.ndarray] = None  # recorder segments (GPX <trkseg>): the path breaks between them
    times_read: Optional[np.ndarray] = None  # kinds of the times as recorded, when not one per point (lines)


@dataclass
class TrackPoints:
    """Every track read: points as arrays, tracks as lists, and the rejected files and tracks (open to additions)."""

    track: np.ndarray  # int64 track index per point
    segment: np.ndarray  # int64
    seconds: np.ndarray  # UTC seconds, NaN for none
    x: np.ndarray  # in the working CRS
    y: np.ndarray
    ids: List[str]
    sources: List[str]
    names: List[str]
    patrollers: List[str]
    rejected: List[Rejection]
    unreadable_times: int
    zoneless_times: int

    @property
    def count(self) -> int:
        return len(self.ids)


class TrackReader:
    """Collects the tracks of several inputs into one TrackPoints, in the working CRS."""

    def __init__(self, work_crs: QgsCoordinateReferenceSystem, gcj02: bool = False):
        self.work_crs = work_crs
        self.gcj02 = gcj02
        self._parts = []  # (track, segment, seconds, kind, x, y) per input
        self._tracks: List[TrackInfo] = []
        self._sources: List[str] = []
        self.rejected: List[Rejection] = []
        self._unreadable = 0
        self._zoneless = 0

    def add(self, source: str, tracks: Sequence[TrackInfo], points: PointBatch) -> None:
        """Tracks of one input and their points; every reader ends here."""
        base = len(self._tracks)
        self._tracks.extend(TrackInfo(str(t.track_id), t.name or "", t.patroller or "") for t in tracks)
        self._sources.extend([source] * len(tracks))
        read = points.kind if points.times_read is None else points.times_read
        self._unreadable += int(np.count_nonzero(read == UNREADABLE))
        self._zoneless += int(np.count_nonzero(read == ZONELESS))
        x, y = self._project(points.x, points.y, points.crs)
        segment = np.zeros(len(x), np.int64) if points.segment is None else np.asarray(points.segment, np.int64)
        self._parts.append((base + np.asarray(points.track, np.int64), segment, points.seconds, points.kind, x, y))

    def add_points(
        self,
        source: QgsFeatureSource,
        fields: TrackFields,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        layer: Optional[QgsVectorLayer] = None,
        span=(0, 100),
    ) -> None:
        """A point layer, one track per distinct ``fields.track_id``; ``layer``: the source's own file
        layer when GDAL may read it directly (``FarmlandGridAlgorithm.direct_layer``)."""
        label = source.sourceName()
        if layer is not None:
            dataset, ogr_layer = ogr_dataset_and_layer(layer)
            batch = _sql_points(dataset, ogr_layer, fields.time, f'DENSE_RANK() OVER (ORDER BY "{fields.track_id}") - 1')
            keys = [("" if key is None else str(key), who) for key, who in _sql_rows(dataset, ogr_layer, fields)]
            del dataset
            tracks = [TrackInfo(key, key, who) for key, who in keys]
            points = PointBatch(batch["track"], batch["utc_s"], batch["kind"], batch["x"], batch["y"], source.sourceCrs())
            self.add(label, tracks, points)
            return
        columns = read_columns(source, [fields.track_id, fields.time, fields.patroller], context, feedback, span=span)
        keys = np.array([("" if k is None else str(k)) for k in columns.columns[fields.track_id]], dtype=object)
        distinct, first_index, index = np.unique(keys, return_index=True, return_inverse=True)
        who = columns.columns.get(fields.patroller)
        tracks = [TrackInfo(k, k, who[at] if who is not None else "") for k, at in zip(distinct.tolist(), first_index.tolist())]
        seconds, kind = seconds_of(_python_times(columns.columns[fields.time]))
        x, y = shapely.get_x(columns.geoms), shapely.get_y(columns.geoms)
        self.add(label, tracks, PointBatch(index, seconds, kind, x, y, source.sourceCrs()))

    def add_lines(
        self,
        source: QgsFeatureSource,
        fields: TrackFields,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        span=(0, 100),
    ) -> None:
        """A line layer, one track per feature, the vertex times spread along the line between its start and end time."""
        names = [fields.time, fields.end_time, fields.patroller]
        columns = read_columns(source, names, context, feedback, span=span)
        starts, start_kind = seconds_of(_python_times(columns.columns[fields.time]))
        ends = seconds_of(_python_times(columns.columns[fields.end_time]))[0] if fields.end_time else None
        parts, part_owner = shapely.get_parts(columns.geoms, return_index=True)
        coords, point_part = shapely.get_coordinates(parts, return_index=True)
        owner = part_owner[point_part]
        who = columns.columns.get(fields.patroller) if fields.patroller else None
        tracks = [TrackInfo(str(fid), "", who[i] if who else "") for i, fid in enumerate(columns.fids)]
        points = PointBatch(
            owner,
            vertex_seconds(coords, owner, starts, ends),
            start_kind[owner],
            coords[:, 0],
            coords[:, 1],
            source.sourceCrs(),
            segment=point_part,
            times_read=start_kind,
        )
        self.add(source.sourceName(), tracks, points)

    def add_gpx_folder(self, folder: Path, patroller_tag: str, feedback: QgsProcessingFeedback, span=(0, 100)) -> int:
        """Every .gpx file under ``folder`` (recursively) through GDAL's GPX driver; GPX times are UTC. The
        patroller is the text of ``patroller_tag`` (one of GPX_TAGS) of each <trk>. Returns the number of files."""
        files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() == ".gpx")
        for n, path in enumerate(files):
            if feedback.isCanceled():
                break
            feedback.setProgress(span[0] + (span[1] - span[0]) * n / len(files))
            self._add_gpx(path, str(path.relative_to(folder)), patroller_tag)
        return len(files)

    def _add_gpx(self, path: Path, label: str, tag: str) -> None:
        # GDAL's GPX reader gives up on a file cut short (a phone's battery died): read its whole part.
        try:
            cut = salvage(path.read_bytes())
        except OSError as exc:
            message = QCoreApplication.translate("TrackReader", "GDAL cannot read this GPX file: {0}").format(exc.strerror or exc)
            self.rejected.append(Rejection(label, "", "unreadable", message))
            return
        if cut is not None:
            message = QCoreApplication.translate(
                "TrackReader", "The file is cut off at line {0} ({1}); the complete tracks and points before it were read"
            )
            self.rejected.append(Rejection(label, "", "truncated_file", message.format(cut.line, cut.error)))
            if not cut.data:
                return
            source = f"/vsimem/farmlandgrid/{id(self)}/{path.name}"
            gdal.FileFromMemBuffer(source, cut.data)
        else:
            source = str(path)
        try:
            self._add_gpx_dataset(source, label, tag)
        finally:
            if cut is not None:
                gdal.Unlink(source)

    def _add_gpx_dataset(self, source: str, label: str, tag: str) -> None:
        try:
            dataset = gdal.OpenEx(source, gdal.OF_VECTOR | gdal.OF_READONLY, allowed_drivers=["GPX"])
        except RuntimeError as exc:
            message = QCoreApplication.translate("TrackReader", "GDAL cannot read this GPX file: {0}").format(str(exc).strip())
            self.rejected.append(Rejection(label, "", "unreadable", message))
            return
        if dataset is None:
            message = QCoreApplication.translate("TrackReader", "GDAL cannot read this GPX file")
            self.rejected.append(Rejection(label, "", "unreadable", message))
            return
        layer = dataset.GetLayerByName("track_points")
        if layer is None or layer.GetFeatureCount() == 0:
            counts = [(lyr.GetFeatureCount() if (lyr := dataset.GetLayerByName(n)) else 0) for n in ("routes", "waypoints")]
            message = QCoreApplication.translate(
                "TrackReader", "The file has no track points (routes: {0}, waypoints: {1}); a patrol is a recorded track"
            )
            self.rejected.append(Rejection(label, "", "no_tracks", message.format(*counts)))
            return
        info = {}
        for feature in dataset.GetLayerByName("tracks"):
            value = feature.GetField(tag) if tag and feature.GetFieldIndex(tag) >= 0 else None
            info[feature.GetFID()] = (feature.GetField("name") or "", (value or "").strip())
        batch = _sql_points(dataset, layer, "time", '"track_fid"', segment_field="track_seg_id")
        del dataset
        distinct, inverse = np.unique(batch["track"], return_inverse=True)
        for fid in sorted(set(info) - set(distinct.tolist())):
            message = QCoreApplication.translate("TrackReader", "The track has no points")
            self.rejected.append(Rejection(label, f"{label}#{fid + 1}", "empty_track", message))
        tracks = [TrackInfo(f"{label}#{fid + 1}", *info.get(fid, ("", ""))) for fid in distinct.tolist()]
        wgs84 = QgsCoordinateReferenceSystem(WGS84)
        points = PointBatch(inverse, batch["utc_s"], batch["kind"], batch["x"], batch["y"], wgs84, segment=batch["segment"])
        self.add(label, tracks, points)

    def finish(self, clock=None) -> TrackPoints:
        """Every track read; zone-less times are wall-clock time of ``clock`` (a patrol.LocalClock), or UTC without one."""
        if self._parts:
            track, segment, seconds, kind, x, y = (np.concatenate(column) for column in zip(*self._parts))
        else:
            track = segment = np.zeros(0, np.int64)
            seconds = kind = x = y = np.zeros(0)
        self._parts = []  # the arrays are the only copy of the points from here on
        return TrackPoints(
            track,
            segment,
            utc_seconds(seconds, kind, clock),
            x,
            y,
            [t.track_id for t in self._tracks],
            list(self._sources),
            [t.name for t in self._tracks],
            [t.patroller for t in self._tracks],
            self.rejected,
            self._unreadable,
            self._zoneless,
        )

    def _project(self, x, y, crs: QgsCoordinateReferenceSystem) -> Tuple[np.ndarray, np.ndarray]:
        """x, y in the working CRS; GCJ-02 input is taken back to WGS 84 first."""
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        if self.gcj02:
            wgs84 = QgsCoordinateReferenceSystem(WGS84)
            if crs != wgs84:
                x, y = transformer(crs, wgs84).transform(x, y)
            x, y = gcj02_to_wgs84(np.asarray(x), np.asarray(y))
            crs = wgs84
        if crs != self.work_crs and len(x):
            x, y = transformer(crs, self.work_crs).transform(x, y)
        return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def transformer(source_crs: QgsCoordinateReferenceSystem, target_crs: QgsCoordinateReferenceSystem) -> pyproj.Transformer:
    """A pyproj transformer between two QGIS CRSs (x = easting/longitude): whole arrays at once."""
    wkt = QgsCoordinateReferenceSystem.WKT_PREFERRED
    return pyproj.Transformer.from_crs(
        pyproj.CRS.from_wkt(source_crs.toWkt(wkt)), pyproj.CRS.from_wkt(target_crs.toWkt(wkt)), always_xy=True
    )


def _python_times(values) -> list:
    """QGIS attribute values as datetimes where they are dates or times (an invalid QDateTime stays, unreadable)."""
    out = []
    for value in values:
        if isinstance(value, QDateTime) and value.isValid():
            if value.timeSpec() == Qt.LocalTime:
                value = value.toPyDateTime()
            else:
                value = value.toUTC().toPyDateTime().replace(tzinfo=timezone.utc)
        elif isinstance(value, QDate):
            value = datetime(value.year(), value.month(), value.day())
        out.append(value)
    return out


def _sql_points(dataset, ogr_layer, time_field: str, track_expression: str, segment_field: Optional[str] = None) -> dict:
    """Track points as arrays: ``track`` (the value of ``track_expression``, an integer per track), ``x``,
    ``y``, ``utc_s`` (times converted by SQLite; wall-clock seconds for zone-less times), ``kind``
    (track_times kinds) and ``segment``."""
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


def _sql_rows(dataset, ogr_layer, fields: TrackFields) -> list:
    """(track id, patroller) per track, in the order of DENSE_RANK over the track ids."""
    who = f'MIN("{fields.patroller}")' if fields.patroller else "NULL"
    key = f'"{fields.track_id}"'
    result = dataset.ExecuteSQL(f"SELECT {key}, {who} FROM {_quoted(ogr_layer)} GROUP BY {key} ORDER BY {key}", dialect="SQLITE")
    try:
        return [(feature.GetField(0), feature.GetField(1) or "") for feature in result]
    finally:
        dataset.ReleaseResultSet(result)


def _quoted(ogr_layer) -> str:
    return '"' + ogr_layer.GetName().replace('"', '""') + '"'


def _floats(values) -> np.ndarray:
    """Floats (NaN for none) from an Arrow column; SQLite result columns that start with NULLs come as text."""
    data, missing = np.ma.getdata(values), np.ma.getmaskarray(values)
    if data.dtype.kind in "fiu":
        return np.where(missing, np.nan, data.astype(float))
    return np.array([np.nan if m or v in (b"", "", None) else float(v) for v, m in zip(data.tolist(), missing)], dtype=float)
