"""What a returned field package holds (回收): the evidence points and their photo rows, the cases the patroller
marked done, and the patrol tracks with a time per vertex from QField's M values, read from its GeoPackage."""

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import List, Optional

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeatureRequest,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDateTime, Qt, QVariant

from ..domain import field_package as rules
from ..domain.messages import QT_TR_NOOP
from ..domain.track_times import vertex_seconds


@dataclass(frozen=True)
class EvidencePoint:
    uuid: str
    case_id: Optional[str]
    space_code: Optional[str]
    note: Optional[str]
    taken_at: Optional[datetime]
    lon: Optional[float]  # WGS 84, from the point
    lat: Optional[float]
    accuracy_m: Optional[float]
    direction_deg: Optional[float]
    patroller: Optional[str]
    xy: Optional[tuple]  # in the package CRS (metres); None without geometry


@dataclass(frozen=True)
class PhotoRow:
    uuid: str
    evidence_uuid: Optional[str]
    path: Optional[str]  # relative to the package folder


@dataclass(frozen=True)
class CaseMark:
    case_id: str
    done: bool
    verdict: Optional[str]
    verdict_reason: Optional[str]
    field_note: Optional[str]


@dataclass(frozen=True)
class Track:
    uuid: str
    fid: int
    start: Optional[datetime]
    patroller: Optional[str]
    grid_code: Optional[str]
    xy: np.ndarray  # (n, 2) in the package CRS
    seconds: np.ndarray  # UTC seconds per vertex, NaN where unknown


@dataclass(frozen=True)
class Returned:
    folder: Path
    crs: QgsCoordinateReferenceSystem
    evidence: List[EvidencePoint]
    photos: List[PhotoRow]
    marks: List[CaseMark]
    tracks: List[Track]


def _value(value):
    return None if value is None or isinstance(value, QVariant) else value


def _text(value) -> Optional[str]:
    value = _value(value)
    text = None if value is None else str(value).strip()
    return text or None


def _number(value) -> Optional[float]:
    value = _value(value)
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def utc_time(value) -> Optional[datetime]:
    """An aware UTC datetime from a GeoPackage date-time (QField writes UTC; a local time is this computer's)."""
    value = _value(value)
    if isinstance(value, QDateTime):
        if not value.isValid():
            return None
        if value.timeSpec() == Qt.LocalTime:
            return value.toPyDateTime().astimezone(timezone.utc)
        return value.toUTC().toPyDateTime().replace(tzinfo=timezone.utc)
    if isinstance(value, str) and value.strip():
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return None


def _layer(folder: Path, name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{folder / rules.DATA}|layername={name}", name, "ogr")
    if not layer.isValid():
        raise rules.PackageRefused(
            QT_TR_NOOP("The package data {path} has no layer {layer}"), path=str(folder / rules.DATA), layer=name
        )
    return layer


def read_returned(folder: Path, transform_context: QgsCoordinateTransformContext) -> Returned:
    evidence_layer = _layer(folder, rules.EVIDENCE)
    crs = evidence_layer.crs()
    to_wgs84 = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem("EPSG:4326"), transform_context)
    evidence = []
    for feature in evidence_layer.getFeatures():
        geometry = feature.geometry()
        xy = lon = lat = None
        if not geometry.isNull() and not geometry.isEmpty():
            point = geometry.vertexAt(0)
            xy = (point.x(), point.y())
            wgs = to_wgs84.transform(point.x(), point.y())
            lon, lat = wgs.x(), wgs.y()
        evidence.append(
            EvidencePoint(
                uuid=_text(feature["uuid"]) or f"fid {feature.id()}",
                case_id=_text(feature["case_id"]),
                space_code=_text(feature["space_code"]),
                note=_text(feature["note"]),
                taken_at=utc_time(feature["taken_at"]),
                lon=lon,
                lat=lat,
                accuracy_m=_number(feature["accuracy_m"]),
                direction_deg=_number(feature["direction_deg"]),
                patroller=_text(feature["patroller"]),
                xy=xy,
            )
        )
    photos = [
        PhotoRow(_text(f["uuid"]) or f"fid {f.id()}", _text(f["evidence_uuid"]), _text(f["path"]))
        for f in _layer(folder, rules.PHOTOS).getFeatures()
    ]
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    marks = [
        CaseMark(
            str(f["case_id"]),
            bool(_value(f["done"])),
            _text(f["verdict"]),
            _text(f["verdict_reason"]),
            _text(f["field_note"]),
        )
        for f in _layer(folder, rules.CASES).getFeatures(request)
    ]
    return Returned(folder, crs, evidence, photos, marks, _tracks(_layer(folder, rules.TRACKS)))


def _tracks(layer: QgsVectorLayer) -> List[Track]:
    tracks = []
    for feature in layer.getFeatures():
        geometry = feature.geometry()
        vertices = [] if geometry.isNull() else list(geometry.vertices())
        xy = np.array([(v.x(), v.y()) for v in vertices], dtype=float).reshape(-1, 2)
        start = utc_time(feature["start_time"])
        seconds = np.full(len(xy), np.nan)
        if start is not None and len(xy):
            has_m = QgsWkbTypes.hasM(geometry.wkbType())
            m = np.array([v.m() if has_m else np.nan for v in vertices], dtype=float)
            if np.isfinite(m).all():
                seconds = rules.vertex_times(start.timestamp(), m)
            else:  # no time per vertex: spread along the line as a line track is (track_times.vertex_seconds)
                seconds = vertex_seconds(xy, np.zeros(len(xy), np.int64), np.array([start.timestamp()]))
        tracks.append(
            Track(
                uuid=_text(feature["uuid"]) or f"fid {feature.id()}",
                fid=feature.id(),
                start=start,
                patroller=_text(feature["patroller"]),
                grid_code=_text(feature["grid_code"]),
                xy=xy,
                seconds=seconds,
            )
        )
    return tracks
