"""farmlandgrid:importevidence — geotagged field photos to evidence points matched to cases and parcels (举证照片导入)."""

import os
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Optional

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSource,
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
from ..domain import evidence_checks as checks
from ..domain.exif import PhotoError, is_image_path, position_problem, read_photo, unexpected_failure
from ..domain.photo_hash import hash_text
from ..i18n import render
from ..services import evidence_match as matching
from ..services.evidence_audit import audit_photos, case_checks, evidence_record, fingerprints
from ..services.evidence_files import WHOLE_READ_LIMIT, read_bytes, read_file, with_hashes
from ..services.sources import GEOPACKAGE_SUFFIXES, require_field
from ..store import open_workspace
from .base import FarmlandGridAlgorithm, fail
from .workspace_parameter import add_workspace_parameter, read_workspace, workspace_help

FOLDER = "FOLDER"
DATUM = "DATUM"
CASES = "CASES"
CASE_ID_FIELD = "CASE_ID_FIELD"
MAX_DISTANCE = "MAX_DISTANCE"
MATCH_DISTANCE = "MATCH_DISTANCE"
VIEW_HALF_ANGLE = "VIEW_HALF_ANGLE"
GRACE_DAYS = "GRACE_DAYS"
MAX_CLOCK_SKEW = "MAX_CLOCK_SKEW"
MAX_ACCURACY = "MAX_ACCURACY"
MIN_PHOTOS = "MIN_PHOTOS"
MIN_SPREAD = "MIN_SPREAD"
PARCELS = "PARCELS"
SPACE_CODE_FIELD = "SPACE_CODE_FIELD"
CRS = "CRS"
WORKSPACE = "WORKSPACE"
ACTOR = "ACTOR"
OUTPUT = "OUTPUT"
OUTPUT_REJECTED = "OUTPUT_REJECTED"
IMPORTED = "IMPORTED"
REJECTED = "REJECTED"
FLAGGED = "FLAGGED"

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
    ("checks", QVariant.String, "核验标记"),
    ("case_checks", QVariant.String, "案件核验标记"),
    ("view_off_deg", QVariant.Double, "方向偏离图斑(度)"),
    ("accuracy_m", QVariant.Double, "定位误差(米)"),
    ("clock_skew_s", QVariant.Double, "相机与GPS时差(秒)"),
    ("software", QVariant.String, "软件"),
    ("duplicate_of", QVariant.String, "重复照片"),
    ("similar_of", QVariant.String, "相似照片"),
    ("sha256", QVariant.String, "SHA-256"),
    ("size_bytes", QVariant.LongLong, "文件大小(字节)"),
    ("read_at", QVariant.String, "读取时间(UTC)"),
    ("phash", QVariant.String, "感知哈希"),
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
    match_distance: float  # m: photos this close to a case belong to it (flagged beyond rules.max_distance)
    rules: checks.CheckRules
    parcels: Optional[QgsFeatureSource]
    parcels_direct: Optional[QgsVectorLayer]
    code_field: Optional[str]  # None: the parcels have no space code field
    crs: QgsCoordinateReferenceSystem
    workspace: str  # empty: the photos are not attached to cases
    actor: str


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
    ADVANCED = {MATCH_DISTANCE, VIEW_HALF_ANGLE, GRACE_DAYS, MAX_CLOCK_SKEW, MAX_ACCURACY, MIN_PHOTOS, MIN_SPREAD}
    # Rarely changed: under Advanced parameters.
    ADVANCED = (MAX_DISTANCE, CRS)

    def displayName(self):
        return self.tr("Import evidence photos")

    def shortHelpString(self):
        text = self.tr(
            "Turns the geotagged field photos (举证照片) into evidence points, matched to the cases and parcels they "
            "show, checks them (举证核验) and, with a workspace, attaches them to their cases for review.\n\n"
            "Give: the folder of photos (FOLDER, JPEG and HEIC, subfolders included) and their coordinates' datum "
            "(DATUM: WGS 84, or GCJ-02 from some phone apps); optionally the case polygons (CASES, with "
            "CASE_ID_FIELD; a photo belongs to the case it lies in, else to the nearest within MATCH_DISTANCE), "
            "the parcels (PARCELS), the workspace GeoPackage of the cases (WORKSPACE) and who adds them (ACTOR). "
            "The check limits (MAX_DISTANCE, VIEW_HALF_ANGLE, GRACE_DAYS, MAX_CLOCK_SKEW, MAX_ACCURACY, "
            "MIN_PHOTOS, MIN_SPREAD) are under Advanced parameters.\n\n"
            "Out come: one point per usable photo (OUTPUT) with its time, position, direction, case, parcel and "
            "checks (far_from_patch, facing_away, after_due, duplicate_photo, edited…; a flagged photo is kept, "
            "never dropped); the files that could not be used, with the reason (OUTPUT_REJECTED: no_gps, no_exif, "
            "corrupt_file…). A bad file never stops the others.\n\n"
            "Example: a patroller's folder after a day in the field, with the workspace of the issued cases: each "
            "photo attached to its case; one taken 80 m from its patch is flagged far_from_patch (MAX_DISTANCE 50 "
            "m)."
        )
        return text + "\n\n" + workspace_help()

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
                self.tr("Largest distance from a photo to its case (m); farther photos are flagged"),
                QgsProcessingParameterNumber.Double,
                checks.DEFAULT_RULES.max_distance,
                minValue=0.0,
            )
        )
        numbers = (
            (MATCH_DISTANCE, self.tr("Distance within which a photo belongs to its nearest case (m)"), 200.0, True),
            (VIEW_HALF_ANGLE, self.tr("Half-angle of the view cone (degrees)"), checks.DEFAULT_RULES.view_half_angle, True),
            (GRACE_DAYS, self.tr("Days of grace after the due date"), checks.DEFAULT_RULES.grace_days, False),
            (MAX_CLOCK_SKEW, self.tr("Largest difference of camera clock and GPS time (minutes)"), 10.0, True),
            (MAX_ACCURACY, self.tr("Largest GPS error (m)"), checks.DEFAULT_RULES.max_accuracy, True),
            (MIN_PHOTOS, self.tr("Fewest photos of a case"), checks.DEFAULT_RULES.min_photos, False),
            (MIN_SPREAD, self.tr("Smallest spread of the directions of a case's photos (degrees)"), 90.0, True),
        )
        for name, label, default, real in numbers:
            kind = QgsProcessingParameterNumber.Double if real else QgsProcessingParameterNumber.Integer
            self.addParameter(QgsProcessingParameterNumber(name, label, kind, default, minValue=0))
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
        add_workspace_parameter(self, self.tr("Workspace whose cases get the matched photos as evidence"), optional=True)
        self.addParameter(QgsProcessingParameterString(ACTOR, self.tr("Added by (for the audit trail)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, self.tr("Evidence photos"), QgsProcessing.TypeVectorPoint))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT_REJECTED, self.tr("Rejected files"), QgsProcessing.TypeVector, optional=True, createByDefault=True
            )
        )
        self.addOutput(QgsProcessingOutputNumber(IMPORTED, self.tr("Number of photos imported")))
        self.addOutput(QgsProcessingOutputNumber(REJECTED, self.tr("Number of files rejected")))
        self.addOutput(QgsProcessingOutputNumber(FLAGGED, self.tr("Number of photos flagged by the checks")))

    def read(self, parameters, context, feedback) -> ImportEvidenceParams:
        folder = self.parameterAsFile(parameters, FOLDER, context)
        if not folder or not os.path.isdir(folder):
            fail(self.tr("The photo folder {0} does not exist or is not a folder").format(folder or "—"))
        workspace = read_workspace(self, parameters, context)
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
            match_distance=max(
                self.parameterAsDouble(parameters, MATCH_DISTANCE, context),
                self.parameterAsDouble(parameters, MAX_DISTANCE, context),
            ),
            rules=checks.CheckRules(
                max_distance=self.parameterAsDouble(parameters, MAX_DISTANCE, context),
                view_half_angle=self.parameterAsDouble(parameters, VIEW_HALF_ANGLE, context),
                grace_days=self.parameterAsInt(parameters, GRACE_DAYS, context),
                max_clock_skew_min=self.parameterAsDouble(parameters, MAX_CLOCK_SKEW, context),
                max_accuracy=self.parameterAsDouble(parameters, MAX_ACCURACY, context),
                min_photos=self.parameterAsInt(parameters, MIN_PHOTOS, context),
                min_spread=self.parameterAsDouble(parameters, MIN_SPREAD, context),
            ),
            parcels=parcels,
            parcels_direct=self.direct_layer(parameters, PARCELS, context, GEOPACKAGE_SUFFIXES),
            code_field=code_field,
            crs=crs,
            workspace=workspace,
            actor=actor,
        )

    def execute(self, params: ImportEvidenceParams, context, feedback, outputs):
        crs = params.crs
        now = datetime.now(timezone.utc).replace(microsecond=0)
        paths = photo_paths(params.folder)
        if not paths:
            feedback.pushWarning(self.tr("No JPEG or HEIC/HEIF photos in {0}").format(params.folder))
        feedback.pushInfo(self.tr("Reading {0} photos…").format(len(paths)))
        photos, files, rejected = self._read_photos(paths, feedback)
        if feedback.isCanceled():
            return {}

        lon = np.array([info.lon for _, info in photos], dtype=float)
        lat = np.array([info.lat for _, info in photos], dtype=float)
        if params.gcj02:
            lon, lat = datum.gcj02_to_wgs84(lon, lat)
            feedback.pushInfo(self.tr("Coordinates converted from GCJ-02 to WGS 84"))
        xy = matching.project(lon, lat, crs, context.transformContext())
        keep = np.isfinite(xy).all(axis=1)
        for k in np.flatnonzero(~keep):
            path = photos[k][0]
            message = self.tr("{0}: its position (latitude {1:.6f}, longitude {2:.6f}) cannot be expressed in {3}").format(
                os.path.basename(path), lat[k], lon[k], crs.authid() or crs.description() or crs.toProj()
            )
            rejected.append((path, OUTSIDE_CRS, message))
        photos = [p for p, k in zip(photos, keep) if k]
        files = [f for f, k in zip(files, keep) if k]
        lon, lat, xy = lon[keep], lat[keep], xy[keep]

        matches, metric_xy, cases = self._match(params, lon, lat, xy, context, feedback)
        if feedback.isCanceled():
            return {}
        stored = []
        if params.workspace:
            with open_workspace(params.workspace, transform_context=context.transformContext()) as workspace:
                stored = workspace.cases.all_evidence()
        feedback.pushInfo(self.tr("Checking the photos (举证核验)…"))
        audited = audit_photos(
            photos, files, [m.case_id for m in matches], metric_xy, cases, now, params.rules, fingerprints(stored)
        )
        by_case = case_checks(audited, stored, params.rules)
        if params.workspace:
            self._attach(params, audited, lon, lat, matches, context, feedback)
        rows = [
            _evidence_row(photo, lon[k], lat[k], xy[k], matches[k], by_case.get(matches[k].case_id))
            for k, photo in enumerate(audited)
        ]
        results = {
            IMPORTED: len(photos),
            REJECTED: len(rejected),
            FLAGGED: sum(1 for photo in audited if photo.check.flags),
            OUTPUT: outputs.write(OUTPUT, EVIDENCE_FIELDS, rows, shapely.points(xy), QgsWkbTypes.Point, crs, span=(90, 98)),
        }
        rejected.sort()
        rows = [(path, os.path.basename(path), reason, message) for path, reason, message in rejected]
        rejected_id = outputs.write(OUTPUT_REJECTED, REJECTED_FIELDS, rows, span=(98, 100))
        if rejected_id is not None:
            results[OUTPUT_REJECTED] = rejected_id
        self._report(feedback, photos, rejected, audited, by_case)
        feedback.setProgress(100)
        return results

    def _match(self, params: ImportEvidenceParams, lon, lat, xy, context, feedback):
        """(a PhotoMatch per photo, the photos in metres, {case id: CaseFacts} in the same metric CRS).

        Distances are measured in the output CRS where it is metric, else in a local metric CRS."""
        metric_xy = np.full((len(xy), 2), np.nan)
        if not len(xy) or (params.cases is None and params.parcels is None):
            return [matching.PhotoMatch()] * len(xy), metric_xy, {}
        crs = matching.measuring_crs(params.crs, lon)
        metric_xy = xy if crs == params.crs else matching.project(lon, lat, crs, context.transformContext())
        points = shapely.points(metric_xy)
        case_ids, case_distance, cases = [None] * len(points), [None] * len(points), {}
        codes, parcel_fids = [None] * len(points), [None] * len(points)
        if params.cases is not None:
            feedback.pushInfo(self.tr("Matching photos to cases…"))
            case_ids, case_distance, cases = matching.match_cases(
                params.cases, params.cases_direct, params.case_field, params.match_distance, crs, points, context, feedback
            )
        if params.parcels is not None and not feedback.isCanceled():
            feedback.pushInfo(self.tr("Matching photos to parcels…"))
            codes, parcel_fids = matching.match_parcels(
                params.parcels, params.parcels_direct, params.code_field, crs, points, context, feedback
            )
        return matching.matches(case_ids, case_distance, codes, parcel_fids), metric_xy, cases

    def _attach(self, params: ImportEvidenceParams, audited, lon, lat, matches, context, feedback):
        """Photos matched to a case become its evidence in the workspace store (a photo already there is skipped)."""
        by_case = {}
        for k, (photo, match) in enumerate(zip(audited, matches)):
            if match.case_id is not None:
                by_case.setdefault(str(match.case_id), []).append(evidence_record(photo, lon[k], lat[k], match.space_code))
        added = 0
        with open_workspace(params.workspace, transform_context=context.transformContext()) as workspace:
            for case_id, records in by_case.items():
                added += len(workspace.cases.add_evidence(case_id, records, params.actor, rules=params.rules)[0])
        message = self.tr("{0} photos added as evidence to {1} cases in {2}")
        feedback.pushInfo(message.format(added, len(by_case), params.workspace))

    def _read_photos(self, paths, feedback):
        """([(path, PhotoInfo)] of photos with a usable position, their FileFacts (None where the bytes could not
        be read again), [(path, reason, message)] of the other files)."""
        photos, files, pixels, rejected = [], [], [], []
        total = max(len(paths), 1)
        for n, path in enumerate(paths):
            if feedback.isCanceled():
                break
            feedback.setProgress(70 * n / total)
            name = os.path.basename(path)
            data = None
            try:
                data = read_bytes(path) if os.path.getsize(path) <= WHOLE_READ_LIMIT else None
                info = read_photo(path, data)
                problem = position_problem(info, name)
            except PhotoError as exc:
                problem = exc
            except Exception as exc:  # one bad file must never stop the others
                problem = unexpected_failure(name, exc)
            if problem is not None:
                rejected.append((path, problem.reason, render(problem.message)))
                if problem.detail:
                    feedback.pushDebugInfo(f"{path}: {problem.detail}")
                continue
            photos.append((path, info))
            try:  # the checksum of the very bytes the EXIF came from, and the picture for its hash
                file, picture = read_file(path, data)
            except OSError as exc:  # read a moment ago: kept, without the audit facts of its bytes
                feedback.pushWarning(self.tr("{0}: its checksum could not be taken: {1}").format(name, exc.strerror or exc))
                file, picture = None, None
            files.append(file)
            pixels.append(picture)
        return photos, with_hashes(files, pixels), rejected

    def _report(self, feedback, photos, rejected, audited, by_case):
        feedback.pushInfo(self.tr("{0} photos imported, {1} files rejected").format(len(photos), len(rejected)))
        for reason, count in sorted(Counter(r for _, r, _ in rejected).items()):
            feedback.pushInfo(self.tr("Rejected as {0}: {1}").format(reason, count))
        for _, _, message in rejected[:LISTED]:
            feedback.pushWarning(message)
        if len(rejected) > LISTED:
            feedback.pushWarning(
                self.tr("… and {0} more rejected files, listed in the rejected files table").format(len(rejected) - LISTED)
            )
        flagged = [photo for photo in audited if photo.check.flags]
        codes = Counter(code for photo in flagged for code in photo.check.flags)
        codes.update(code for result in by_case.values() for code in result.flags)
        feedback.pushInfo(
            self.tr("Evidence checks: {0} of {1} photos flagged, {2} of {3} cases flagged").format(
                len(flagged), len(audited), sum(1 for r in by_case.values() if r.flags), len(by_case)
            )
        )
        for code, count in sorted(codes.items()):
            feedback.pushInfo(self.tr("Flagged {0}: {1}").format(code, count))


def _evidence_row(photo, lon, lat, xy, match: matching.PhotoMatch, case_check) -> tuple:
    info, check, file = photo.info, photo.check, photo.file
    utc = info.taken_utc
    return (
        photo.path,
        os.path.basename(photo.path),
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
        check.checks,
        case_check.checks if case_check is not None else None,
        check.view_off_deg,
        info.accuracy_m,
        check.clock_skew_s,
        info.software,
        check.duplicate_of,
        check.similar_of,
        file.sha256 if file else None,
        file.size_bytes if file else None,
        file.read_at.strftime("%Y-%m-%dT%H:%M:%SZ") if file else None,
        hash_text(file.phash) if file else None,
    )
