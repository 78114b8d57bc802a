"""farmlandgrid:importevidence — geotagged field photos to evidence points matched to cases and parcels (举证照片导入)."""

import os
from collections import Counter
from dataclasses import dataclass
from typing import Optional

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeatureSource,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..domain import datum
from ..domain.exif import PhotoError, is_image_path, position_problem, read_photo, unexpected_failure
from ..i18n import render
from ..services.crs import is_metric_crs, local_metric_crs
from ..services.sources import GEOPACKAGE_SUFFIXES, read_columns, require_field
from ..store import open_workspace
from .base import FarmlandGridAlgorithm, fail

FOLDER = "FOLDER"
DATUM = "DATUM"
CASES = "CASES"
CASE_ID_FIELD = "CASE_ID_FIELD"
MAX_DISTANCE = "MAX_DISTANCE"
PARCELS = "PARCELS"
SPACE_CODE_FIELD = "SPACE_CODE_FIELD"
CRS = "CRS"
WORKSPACE = "WORKSPACE"
ACTOR = "ACTOR"
OUTPUT = "OUTPUT"
OUTPUT_REJECTED = "OUTPUT_REJECTED"
IMPORTED = "IMPORTED"
REJECTED = "REJECTED"

DATUM_WGS84, DATUM_GCJ02 = 0, 1
DEFAULT_CRS = "EPSG:4490"  # CGCS2000 geographic
OUTSIDE_CRS = "outside_crs"  # rejection reason: the position cannot be expressed in the output CRS
LISTED = 10  # rejections named one by one in the log before the rest are only counted

EVIDENCE_FIELDS = (
    ("path", QVariant.String, "文件路径"),
    ("file_name", QVariant.String, "文件名"),
    ("taken", QVariant.String, "拍摄时间(当地)"),
    ("taken_utc", QVariant.String, "拍摄时间(UTC)"),
    ("lon_wgs84", QVariant.Double, "经度(WGS 84)"),
    ("lat_wgs84", QVariant.Double, "纬度(WGS 84)"),
    ("x", QVariant.Double, "X坐标"),
    ("y", QVariant.Double, "Y坐标"),
    ("altitude_m", QVariant.Double, "海拔(米)"),
    ("direction_deg", QVariant.Double, "拍摄方向(度)"),
    ("direction_ref", QVariant.String, "方向基准(T真北/M磁北)"),
    ("device", QVariant.String, "拍摄设备"),
    ("orientation", QVariant.Int, "图像方向"),
    ("case_id", QVariant.String, "案件编号"),
    ("case_distance_m", QVariant.Double, "距案件距离(米)"),
    ("space_code", QVariant.String, "地块空间码"),
    ("parcel_fid", QVariant.LongLong, "地块要素号"),
)
REJECTED_FIELDS = (
    ("path", QVariant.String, "文件路径"),
    ("file_name", QVariant.String, "文件名"),
    ("reason", QVariant.String, "原因代码"),
    ("message", QVariant.String, "说明"),
)


@dataclass(frozen=True)
class ImportEvidenceParams:
    folder: str
    gcj02: bool  # the photo coordinates are GCJ-02, converted back to WGS 84
    cases: Optional[QgsFeatureSource]
    cases_direct: Optional[QgsVectorLayer]  # the GeoPackage layers read directly where they can be
    case_field: Optional[str]
    max_distance: float
    parcels: Optional[QgsFeatureSource]
    parcels_direct: Optional[QgsVectorLayer]
    code_field: Optional[str]  # None: the parcels have no space code field
    crs: QgsCoordinateReferenceSystem
    workspace: str  # empty: the photos are not attached to cases
    actor: str


@dataclass(frozen=True)
class PhotoMatch:
    """What a photo was matched to: its case and the distance to it (m), its parcel's space code and feature id."""

    case_id: Optional[str] = None
    case_distance_m: Optional[float] = None
    space_code: Optional[str] = None
    parcel_fid: Optional[int] = None


def photo_paths(folder):
    """Photo files (IMAGE_SUFFIXES, any case) in a folder and its subfolders, sorted; folder links are not followed."""
    found = []
    for directory, subdirs, files in os.walk(folder):
        subdirs.sort()
        found.extend(os.path.join(directory, name) for name in files if is_image_path(name))
    return sorted(found)


class ImportEvidenceAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "importevidence"
    GROUP = "evidence"

    def displayName(self):
        return self.tr("Import evidence photos")

    def shortHelpString(self):
        return self.tr(
            "Turns geotagged field photos (举证照片) into evidence points, matched to the cases (change patches) "
            "and parcels they show, with a table of the files that could not be used and why.\n\n"
            "Inputs: a folder, searched with its subfolders for JPEG and HEIC/HEIF photos (.jpg, .jpeg, .heic, "
            ".heif); the datum of the photo coordinates: WGS 84 (cameras and most phones) or GCJ-02 (some phone "
            "apps in China write the offset map coordinates; they are converted back to WGS 84, which moves them "
            "by a few hundred metres); optional case polygons with their id field (case_id): a photo belongs to "
            "the case whose polygon contains it, else to the nearest case within the maximum distance (metres, "
            "default 50); optional parcels, whose space_code (where the field exists) and feature id are copied "
            "to the photos lying in them; the output CRS (default: that of the cases, else of the parcels, else "
            "CGCS2000 EPSG:4490).\n\n"
            "Outputs: one point per usable photo with its path, file name, time taken as the camera clock showed "
            "it (taken) and in UTC (taken_utc, where the photo records its time zone or a GPS time), longitude "
            "and latitude in WGS 84 (degrees), x and y in the output CRS, altitude (m above sea level), direction "
            "of view (degrees clockwise from north; direction_ref T true or M magnetic north), device, EXIF "
            "orientation, case_id and case_distance_m (0 inside the case), space_code and parcel_fid. "
            "The rejected files table gives for every other file the reason code (unsupported_format, "
            "corrupt_file, unreadable_file, no_exif, unreadable_exif, no_gps, outside_crs) and a message; "
            "a bad file never stops the others. With a workspace GeoPackage (from issuecases) and the name of "
            "who adds them, the photos matched to a case are attached to it as evidence, for the review dock."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(FOLDER, self.tr("Folder of photos"), behavior=QgsProcessingParameterFile.Folder)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                DATUM,
                self.tr("Datum of the photo coordinates"),
                [self.tr("WGS 84 (cameras, most phones)"), self.tr("GCJ-02 (offset coordinates of some apps in China)")],
                defaultValue=DATUM_WGS84,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                CASES, self.tr("Cases or change patches"), [QgsProcessing.TypeVectorPolygon], optional=True
            )
        )
        self.addParameter(QgsProcessingParameterField(CASE_ID_FIELD, self.tr("Case id field"), "case_id", CASES, optional=True))
        self.addParameter(
            QgsProcessingParameterNumber(
                MAX_DISTANCE,
                self.tr("Largest distance from a photo to its case (m)"),
                QgsProcessingParameterNumber.Double,
                50.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(PARCELS, self.tr("Parcels"), [QgsProcessing.TypeVectorPolygon], optional=True)
        )
        self.addParameter(
            QgsProcessingParameterField(
                SPACE_CODE_FIELD, self.tr("Parcel space code field"), "space_code", PARCELS, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterCrs(
                CRS, self.tr("Output CRS (empty: that of the cases, else of the parcels, else EPSG:4490)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                WORKSPACE,
                self.tr("Workspace GeoPackage whose cases get the matched photos as evidence (optional)"),
                extension="gpkg",
                optional=True,
            )
        )
        self.addParameter(QgsProcessingParameterString(ACTOR, self.tr("Added by (for the audit trail)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, self.tr("Evidence photos"), QgsProcessing.TypeVectorPoint))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT_REJECTED, self.tr("Rejected files"), QgsProcessing.TypeVector, optional=True, createByDefault=True
            )
        )
        self.addOutput(QgsProcessingOutputNumber(IMPORTED, self.tr("Number of photos imported")))
        self.addOutput(QgsProcessingOutputNumber(REJECTED, self.tr("Number of files rejected")))

    def read(self, parameters, context, feedback) -> ImportEvidenceParams:
        folder = self.parameterAsFile(parameters, FOLDER, context)
        if not folder or not os.path.isdir(folder):
            fail(self.tr("The photo folder {0} does not exist or is not a folder").format(folder or "—"))
        workspace = self.parameterAsFile(parameters, WORKSPACE, context)
        actor = self.parameterAsString(parameters, ACTOR, context)
        if workspace and not actor.strip():
            fail(self.tr("Say who adds the evidence (“Added by”): every step of a case records who took it"))
        cases = self.parameterAsSource(parameters, CASES, context)
        case_field = None
        if cases is not None:
            case_field = require_field(cases, self.parameterAsString(parameters, CASE_ID_FIELD, context), CASE_ID_FIELD)
        parcels = self.parameterAsSource(parameters, PARCELS, context)
        code_field = self.parameterAsString(parameters, SPACE_CODE_FIELD, context) or None
        if parcels is not None and code_field and parcels.fields().lookupField(code_field) < 0:
            feedback.pushWarning(
                self.tr("The parcels have no field {0}; space_code stays empty and only parcel_fid is filled").format(code_field)
            )
            code_field = None
        crs = self.parameterAsCrs(parameters, CRS, context)
        if not crs.isValid():
            source = cases or parcels
            crs = source.sourceCrs() if source is not None else QgsCoordinateReferenceSystem(DEFAULT_CRS)
        return ImportEvidenceParams(
            folder=folder,
            gcj02=self.parameterAsEnum(parameters, DATUM, context) == DATUM_GCJ02,
            cases=cases,
            cases_direct=self.direct_layer(parameters, CASES, context, GEOPACKAGE_SUFFIXES),
            case_field=case_field,
            max_distance=self.parameterAsDouble(parameters, MAX_DISTANCE, context),
            parcels=parcels,
            parcels_direct=self.direct_layer(parameters, PARCELS, context, GEOPACKAGE_SUFFIXES),
            code_field=code_field,
            crs=crs,
            workspace=workspace,
            actor=actor,
        )

    def execute(self, params: ImportEvidenceParams, context, feedback, outputs):
        crs = params.crs
        paths = photo_paths(params.folder)
        if not paths:
            feedback.pushWarning(self.tr("No JPEG or HEIC/HEIF photos in {0}").format(params.folder))
        feedback.pushInfo(self.tr("Reading {0} photos…").format(len(paths)))
        photos, rejected = self._read_photos(paths, feedback)
        if feedback.isCanceled():
            return {}

        lon = np.array([info.lon for _, info in photos], dtype=float)
        lat = np.array([info.lat for _, info in photos], dtype=float)
        if params.gcj02:
            lon, lat = datum.gcj02_to_wgs84(lon, lat)
            feedback.pushInfo(self.tr("Coordinates converted from GCJ-02 to WGS 84"))
        xy = self._project(lon, lat, crs, context)
        keep = np.isfinite(xy).all(axis=1)
        for k in np.flatnonzero(~keep):
            path = photos[k][0]
            message = self.tr("{0}: its position (latitude {1:.6f}, longitude {2:.6f}) cannot be expressed in {3}").format(
                os.path.basename(path), lat[k], lon[k], crs.authid() or crs.description() or crs.toProj()
            )
            rejected.append((path, OUTSIDE_CRS, message))
        photos = [p for p, k in zip(photos, keep) if k]
        lon, lat, xy = lon[keep], lat[keep], xy[keep]

        matches = self._match(params, lon, lat, xy, context, feedback)
        if feedback.isCanceled():
            return {}
        if params.workspace:
            self._attach(params, photos, lon, lat, matches, context, feedback)
        rows = [_evidence_row(path, info, lon[k], lat[k], xy[k], matches[k]) for k, (path, info) in enumerate(photos)]
        results = {
            IMPORTED: len(photos),
            REJECTED: len(rejected),
            OUTPUT: outputs.write(OUTPUT, EVIDENCE_FIELDS, rows, shapely.points(xy), QgsWkbTypes.Point, crs, span=(90, 98)),
        }
        rejected.sort()
        rows = [(path, os.path.basename(path), reason, message) for path, reason, message in rejected]
        rejected_id = outputs.write(OUTPUT_REJECTED, REJECTED_FIELDS, rows, span=(98, 100))
        if rejected_id is not None:
            results[OUTPUT_REJECTED] = rejected_id
        self._report(feedback, photos, rejected)
        feedback.setProgress(100)
        return results

    def _match(self, params: ImportEvidenceParams, lon, lat, xy, context, feedback) -> list:
        """A PhotoMatch per photo; distances are measured in metres, in a local metric CRS where the output's is not."""
        if not len(xy) or (params.cases is None and params.parcels is None):
            return [PhotoMatch()] * len(xy)
        crs = params.crs if is_metric_crs(params.crs) else local_metric_crs(np.median(lon))
        points = shapely.points(xy if crs == params.crs else self._project(lon, lat, crs, context))
        case_ids, case_distance = [None] * len(points), [None] * len(points)
        codes, parcel_fids = [None] * len(points), [None] * len(points)
        if params.cases is not None:
            feedback.pushInfo(self.tr("Matching photos to cases…"))
            case_ids, case_distance = self._match_cases(params, crs, points, context, feedback)
        if params.parcels is not None and not feedback.isCanceled():
            feedback.pushInfo(self.tr("Matching photos to parcels…"))
            codes, parcel_fids = self._match_parcels(params, crs, points, context, feedback)
        return [PhotoMatch(*match) for match in zip(case_ids, case_distance, codes, parcel_fids)]

    def _attach(self, params: ImportEvidenceParams, photos, lon, lat, matches, context, feedback):
        """Photos matched to a case become its evidence in the workspace store (a photo already there is skipped)."""
        by_case = {}
        for k, ((path, info), match) in enumerate(zip(photos, matches)):
            if match.case_id is None:
                continue
            by_case.setdefault(str(match.case_id), []).append(
                {
                    "path": path,
                    "taken": info.taken,
                    "lon_wgs84": float(lon[k]),
                    "lat_wgs84": float(lat[k]),
                    "direction_deg": info.direction,
                    "space_code": match.space_code,
                }
            )
        added = 0
        with open_workspace(params.workspace, transform_context=context.transformContext()) as workspace:
            for case_id, records in by_case.items():
                added += len(workspace.cases.add_evidence(case_id, records, params.actor)[0])
        message = self.tr("{0} photos added as evidence to {1} cases in {2}")
        feedback.pushInfo(message.format(added, len(by_case), params.workspace))

    def _read_photos(self, paths, feedback):
        """([(path, PhotoInfo)] of photos with a usable position, [(path, reason, message)] of the others)."""
        photos, rejected = [], []
        total = max(len(paths), 1)
        for n, path in enumerate(paths):
            if feedback.isCanceled():
                break
            feedback.setProgress(70 * n / total)
            name = os.path.basename(path)
            try:
                info = read_photo(path)
                problem = position_problem(info, name)
            except PhotoError as exc:
                problem = exc
            except Exception as exc:  # one bad file must never stop the others
                problem = unexpected_failure(name, exc)
            if problem is None:
                photos.append((path, info))
            else:
                rejected.append((path, problem.reason, render(problem.message)))
                if problem.detail:
                    feedback.pushDebugInfo(f"{path}: {problem.detail}")
        return photos, rejected

    def _project(self, lon, lat, crs, context):
        """(n, 2) array of WGS 84 points in ``crs``; NaN where the transformation fails."""
        transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), crs, context.transformContext())
        out = np.full((len(lon), 2), np.nan)
        for k, (x, y) in enumerate(zip(lon.tolist(), lat.tolist())):
            try:
                point = transform.transform(QgsPointXY(x, y))
            except QgsCsException:
                continue
            out[k] = (point.x(), point.y())
        return out

    def _read_polygons(self, source, direct, fields, crs, context, feedback, span):
        layer = direct if source.sourceCrs() == crs else None
        table = read_columns(source, fields, context, feedback, dest_crs=crs, span=span, layer=layer)
        geoms = np.asarray(table.geoms, dtype=object)
        usable = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        invalid = usable & ~shapely.is_valid(geoms)
        geoms[invalid] = shapely.make_valid(geoms[invalid])
        return table, np.flatnonzero(usable), geoms[usable]

    def _match_cases(self, params: ImportEvidenceParams, crs, points, context, feedback):
        """Case id and distance (m) per point: the case containing it, else the nearest within the largest distance."""
        fields = [params.case_field]
        table, rows, geoms = self._read_polygons(params.cases, params.cases_direct, fields, crs, context, feedback, (72, 80))
        ids, distances = [None] * len(points), [None] * len(points)
        if not len(geoms):
            return ids, distances
        tree = shapely.STRtree(geoms)
        valid = ~shapely.is_missing(points)
        queried = np.flatnonzero(valid)
        # shapely wants a positive search radius; with 0 (inside only) a nanometre stands for it.
        (which, hit), dist = tree.query_nearest(
            points[valid], max_distance=max(params.max_distance, 1e-9), return_distance=True, all_matches=True
        )
        # Nearest first; among equals (a photo inside overlapping cases) the case read first.
        order = np.lexsort((hit, dist, which))
        seen = set()
        values = table.columns[params.case_field]
        for k in order:
            point = int(queried[which[k]])
            if point in seen:
                continue
            seen.add(point)
            value = values[rows[hit[k]]]
            ids[point] = None if value is None else str(value)
            distances[point] = round(float(dist[k]), 2)
        return ids, distances

    def _match_parcels(self, params: ImportEvidenceParams, crs, points, context, feedback):
        """Space code and feature id of the parcel each point lies in (the first read where parcels overlap)."""
        code_field = params.code_field
        fields = [code_field] if code_field else []
        table, rows, geoms = self._read_polygons(params.parcels, params.parcels_direct, fields, crs, context, feedback, (80, 90))
        codes, fids = [None] * len(points), [None] * len(points)
        if not len(geoms):
            return codes, fids
        which, hit = shapely.STRtree(geoms).query(points, predicate="intersects")
        order = np.lexsort((hit, which))
        for k in order[::-1]:  # the lowest parcel index per point is written last
            row = rows[hit[k]]
            point = int(which[k])
            value = table.columns[code_field][row] if code_field else None
            codes[point] = None if value is None else str(value)
            fids[point] = int(table.fids[row])
        return codes, fids

    def _report(self, feedback, photos, rejected):
        feedback.pushInfo(self.tr("{0} photos imported, {1} files rejected").format(len(photos), len(rejected)))
        for reason, count in sorted(Counter(r for _, r, _ in rejected).items()):
            feedback.pushInfo(self.tr("Rejected as {0}: {1}").format(reason, count))
        for _, _, message in rejected[:LISTED]:
            feedback.pushWarning(message)
        if len(rejected) > LISTED:
            feedback.pushWarning(
                self.tr("… and {0} more rejected files, listed in the rejected files table").format(len(rejected) - LISTED)
            )


def _evidence_row(path, info, lon, lat, xy, match: PhotoMatch) -> tuple:
    utc = info.taken_utc
    return (
        path,
        os.path.basename(path),
        info.taken.strftime("%Y-%m-%d %H:%M:%S") if info.taken else None,
        utc.strftime("%Y-%m-%dT%H:%M:%SZ") if utc else None,
        float(lon),
        float(lat),
        float(xy[0]),
        float(xy[1]),
        info.altitude,
        info.direction,
        info.direction_ref,
        info.device,
        info.orientation,
        match.case_id,
        match.case_distance_m,
        match.space_code,
        match.parcel_fid,
    )
