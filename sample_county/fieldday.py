"""One field day in a QField package, done with PyQGIS as QField does it (no phone needed).

The patroller walks the cell with tracking on (a LineStringM whose M is the seconds since the first vertex), adds
an evidence point at a case's patch with photos carrying real EXIF (GPS position, direction, time), and marks the
case done with a verdict. Features are made with ``QgsVectorLayerUtils.createFeature``, so the project's default
values (UUIDs, times, the patroller variable) fill them as they fill them on the phone.

``python -m sample_county.fieldday PACKAGE_FOLDER…`` does it in each folder (QGIS started headless); the tests call
``field_day`` inside their own QGIS.
"""

import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .fieldwork import CHINA_TIME, _dms, _photo_image

DAY_START = datetime(2026, 3, 10, 1, 30, tzinfo=timezone.utc)  # 09:30 in China
DIRECTIONS = (80.0, 200.0)


@dataclass(frozen=True)
class FieldDay:
    evidence_uuid: str
    case_id: str
    photos: tuple  # paths relative to the package
    track_vertices: int


def write_photo(path: Path, lon: float, lat: float, taken: datetime, direction=None, index=0, label="") -> Path:
    """A JPEG as a phone camera writes it: make and model, local time with its offset, GPS position and direction."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "HUAWEI", "ALN-AL00"
    local = taken.astimezone(CHINA_TIME)
    exif[0x8769] = {0x9003: local.strftime("%Y:%m:%d %H:%M:%S"), 0x9011: "+08:00"}
    gps = {1: "N" if lat >= 0 else "S", 2: _dms(lat), 3: "E" if lon >= 0 else "W", 4: _dms(lon)}
    if direction is not None:
        gps.update({16: "T", 17: float(direction)})
    exif[0x8825] = gps
    path.parent.mkdir(parents=True, exist_ok=True)
    _photo_image(index, label).save(path, "JPEG", quality=85, exif=exif)
    return path


def open_package(folder: Path):
    """The package's project read as QField reads it, and its layers by GeoPackage layer name."""
    from qgis.core import QgsProject

    project = QgsProject()
    if not project.read(str(folder / "project.qgs")):
        raise RuntimeError(f"{folder / 'project.qgs'}: {project.error()}")
    return project, {layer.source().split("layername=")[-1]: layer for layer in project.mapLayers().values()}


def field_day(folder: Path, case_id=None, start=DAY_START, mistakes=False, prefix="IMG", verdict="illegal") -> FieldDay:
    """Patrol, evidence with two photos and a done mark with ``verdict`` for ``case_id`` (default: the package's
    first open case). ``mistakes`` adds what goes wrong on a real day: a point for a case of someone else, a photo
    row whose file is gone, and a picture in DCIM no row names."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsExpressionContext,
        QgsExpressionContextScope,
        QgsGeometry,
        QgsLineString,
        QgsPoint,
        QgsProject,
        QgsVectorLayerUtils,
    )
    from qgis.PyQt.QtCore import QDateTime, Qt

    folder = Path(folder)
    project, layers = open_package(folder)
    evidence, photos, cases, tracks = (layers[n] for n in ("evidence", "evidence_photos", "cases", "tracks"))
    features = {f["case_id"]: f for f in cases.getFeatures()}
    case_id = case_id or sorted(features)[0]
    centre = features[case_id].geometry().centroid().asPoint()
    to_lonlat = QgsCoordinateTransform(evidence.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    where = to_lonlat.transform(centre)
    lon, lat = where.x(), where.y()
    # QField's position variables as the phone sets them (QgsExpressionContext([scope]) crashes QGIS 3.22: append).
    context = QgsExpressionContext()
    context.appendScope(project.createExpressionContextScope())  # the patroller and cells variables
    scope = QgsExpressionContextScope()
    scope.setVariable("position_horizontal_accuracy", 4.0)
    scope.setVariable("position_orientation", 90.0)
    context.appendScope(scope)

    evidence.startEditing()
    point = QgsVectorLayerUtils.createFeature(evidence, QgsGeometry.fromPointXY(centre), {}, context)
    point["case_id"], point["space_code"], point["note"] = case_id, "scanned-from-post", "已建房"
    _ok(evidence.addFeature(point), evidence)
    if mistakes:
        stray = QgsVectorLayerUtils.createFeature(evidence, QgsGeometry.fromPointXY(centre), {}, context)
        stray["case_id"] = "NOT-MINE"
        _ok(evidence.addFeature(stray), evidence)
    _ok(evidence.commitChanges(), evidence)

    photos.startEditing()
    names = []
    for n, direction in enumerate(DIRECTIONS):
        relative = f"DCIM/{prefix}{n}.jpg"
        write_photo(folder / relative, lon, lat, start + timedelta(minutes=20 + n), direction, n, case_id)
        values = {photos.fields().indexOf("evidence_uuid"): point["uuid"], photos.fields().indexOf("path"): relative}
        _ok(photos.addFeature(QgsVectorLayerUtils.createFeature(photos, QgsGeometry(), values)), photos)
        names.append(relative)
    if mistakes:
        values = {photos.fields().indexOf("evidence_uuid"): point["uuid"], photos.fields().indexOf("path"): "DCIM/gone.jpg"}
        _ok(photos.addFeature(QgsVectorLayerUtils.createFeature(photos, QgsGeometry(), values)), photos)
        write_photo(folder / "DCIM/stray.jpg", lon, lat, start)
    _ok(photos.commitChanges(), photos)

    cases.startEditing()
    fid = features[case_id].id()
    for name, value in (("done", True), ("verdict", verdict), ("field_note", "现场已建房")):
        cases.changeAttributeValue(fid, cases.fields().indexOf(name), value)
    _ok(cases.commitChanges(), cases)

    # The walk: ten vertices 60 m apart eastwards from the patch, one every 50 s (QField's M: seconds since the first).
    tracks.startEditing()
    line = QgsLineString([QgsPoint(centre.x() + dx, centre.y(), m=dx / 1.2) for dx in range(0, 600, 60)])
    begun = QDateTime(start.year, start.month, start.day, start.hour, start.minute, start.second, 0, Qt.UTC)
    track = QgsVectorLayerUtils.createFeature(tracks, QgsGeometry(line), {tracks.fields().indexOf("start_time"): begun}, context)
    _ok(tracks.addFeature(track), tracks)
    _ok(tracks.commitChanges(), tracks)
    project.clear()
    return FieldDay(point["uuid"], case_id, tuple(names), line.numPoints())


def _ok(done, layer):
    if not done:
        raise RuntimeError(f"{layer.name()}: {'; '.join(layer.commitErrors()) or 'edit refused'}")


def main(folders):
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    try:
        for n, folder in enumerate(folders):
            day = field_day(Path(folder), mistakes=n == 1, start=DAY_START + timedelta(days=n))
            print(f"{Path(folder).name}: case {day.case_id}, {len(day.photos)} photos, track of {day.track_vertices} vertices")
    finally:
        app.exitQgis()


if __name__ == "__main__":
    main(sys.argv[1:])
