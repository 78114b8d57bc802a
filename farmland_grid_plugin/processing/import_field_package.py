"""farmlandgrid:importfieldpackage — returned QField packages into the workspace and patrol tracks (回收)."""

import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import List

import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..domain import evidence_checks as checks
from ..domain import field_package as rules
from ..domain.cases import iso_utc
from ..i18n import render
from ..services.field_package_files import open_package, read_manifest
from ..services.field_package_import import Outcome, import_returned
from ..services.field_package_return import read_returned
from ..store import open_workspace
from .base import FarmlandGridAlgorithm, fail
from .workspace_parameter import add_workspace_parameter, missing_file, read_workspace, workspace_help

PACKAGE = "PACKAGE"
WORKSPACE = "WORKSPACE"
ACTOR = "ACTOR"
OUTPUT_EVIDENCE = "OUTPUT_EVIDENCE"
OUTPUT_TRACKS = "OUTPUT_TRACKS"
OUTPUT_REJECTED = "OUTPUT_REJECTED"
IMPORTED = "IMPORTED"
REPORTED = "REPORTED"
REJECTED = "REJECTED"

EVIDENCE_FIELDS = (
    ("package", QVariant.String, "现场包"),
    ("evidence_uuid", QVariant.String, "举证编号"),
    ("photo_uuid", QVariant.String, "照片编号"),
    ("case_id", QVariant.String, "案件编号"),
    ("path", QVariant.String, "文件路径"),
    ("taken", QVariant.String, "拍摄时间(当地)"),
    ("lon_wgs84", QVariant.Double, "经度(WGS 84)"),
    ("lat_wgs84", QVariant.Double, "纬度(WGS 84)"),
    ("direction_deg", QVariant.Double, "拍摄方向(度)"),
    ("accuracy_m", QVariant.Double, "定位误差(米)"),
    ("space_code", QVariant.String, "地块空间码"),
    ("note", QVariant.String, "说明"),
    ("patroller", QVariant.String, "田管员"),
    ("checks", QVariant.String, "核验标记"),
    ("sha256", QVariant.String, "SHA-256"),
)
# One point per vertex: patrolcoverage reads it with its default fields (track_id, time, patroller).
TRACK_FIELDS = (
    ("track_id", QVariant.String, "轨迹编号"),
    ("vertex", QVariant.Int, "节点序号"),
    ("time", QVariant.String, "时间(UTC)"),
    ("patroller", QVariant.String, "巡查人"),
    ("start_time", QVariant.String, "开始时间(UTC)"),
    ("end_time", QVariant.String, "结束时间(UTC)"),
    ("grid_code", QVariant.String, "网格编码"),
    ("package", QVariant.String, "现场包"),
)
REJECTED_FIELDS = (
    ("package", QVariant.String, "现场包"),
    ("layer", QVariant.String, "图层或文件"),
    ("item", QVariant.String, "要素或文件"),
    ("reason", QVariant.String, "原因代码"),
    ("message", QVariant.String, "说明"),
)


@dataclass(frozen=True)
class ImportParams:
    packages: List[Path]
    workspace: str
    actor: str


class ImportFieldPackageAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "importfieldpackage"
    GROUP = "evidence"

    def displayName(self):
        return self.tr("Import field packages (QField)")

    def shortHelpString(self):
        text = self.tr(
            "Brings the patrollers' QField packages back (回收): their photos become evidence of their cases, their "
            "tracks patrol records.\n\n"
            "Give: the returned packages (PACKAGE: folders, a file inside one, or zips), the workspace GeoPackage "
            "they were exported from (WORKSPACE; a package of another workspace is refused) and who imports "
            "(ACTOR).\n\n"
            "Out come: the photos attached to their cases (OUTPUT_EVIDENCE), checked as the photo import checks "
            "them; the tracks as points ready for the patrol coverage (OUTPUT_TRACKS); every feature or file not "
            "imported, with the reason (OUTPUT_REJECTED). A case with new evidence starts collecting; a case "
            "marked done (核查完成) is reported. Importing a package again changes nothing.\n\n"
            "Example: four phones' packages of a week: 4 photos imported, 2 cases reported, the tracks ready as "
            "patrol tracks."
        )
        return text + "\n\n" + workspace_help()

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterMultipleLayers(PACKAGE, self.tr("Returned packages (folders or zips)"), QgsProcessing.TypeFile)
        )
        add_workspace_parameter(self, self.tr("Workspace"))
        self.addParameter(QgsProcessingParameterString(ACTOR, self.tr("Imported by (for the audit trail)")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(OUTPUT_EVIDENCE, self.tr("Imported evidence"), QgsProcessing.TypeVectorPoint)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(OUTPUT_TRACKS, self.tr("Patrol tracks"), QgsProcessing.TypeVectorPoint)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(OUTPUT_REJECTED, self.tr("Rejected features and files"), QgsProcessing.TypeVector)
        )
        self.addOutput(QgsProcessingOutputNumber(IMPORTED, self.tr("Number of photos imported")))
        self.addOutput(QgsProcessingOutputNumber(REPORTED, self.tr("Number of cases reported")))
        self.addOutput(QgsProcessingOutputNumber(REJECTED, self.tr("Number of features and files rejected")))

    def read(self, parameters, context, feedback) -> ImportParams:
        value = parameters.get(PACKAGE)
        items = value if isinstance(value, (list, tuple)) else [value] if value else []
        packages = [Path(str(item)) for item in items if str(item or "").strip()]
        missing = [str(p) for p in packages if not p.exists()]
        if not packages or missing:
            fail(self.tr("Choose returned packages that exist (missing: {0})").format(", ".join(missing) or "—"))
        workspace = read_workspace(self, parameters, context)
        if missing_file(workspace):
            fail(self.tr("The workspace {0} does not exist").format(workspace or "—"))
        actor = self.parameterAsString(parameters, ACTOR, context).strip()
        if not actor:
            fail(self.tr("Say who imports the packages (“Imported by”): every step of a case records who took it"))
        return ImportParams(packages, workspace, actor)

    def execute(self, params: ImportParams, context, feedback, outputs):
        now = datetime.now(timezone.utc).replace(microsecond=0)
        outcome = Outcome()
        tracks = []
        crs = QgsCoordinateReferenceSystem()
        with (
            tempfile.TemporaryDirectory(prefix="farmlandgrid_packages_") as scratch,
            open_workspace(params.workspace, create=False, transform_context=context.transformContext()) as workspace,
        ):
            for n, path in enumerate(params.packages):
                if feedback.isCanceled():
                    return {}
                feedback.setProgress(90 * n / len(params.packages))
                try:
                    folder, skipped = open_package(path, Path(scratch))
                    manifest = read_manifest(folder)
                    rules.check_manifest(manifest, workspace.identity, workspace.schema_version)
                    returned = read_returned(folder, context.transformContext())
                except rules.PackageRefused as exc:
                    outcome.reject(path.name, "package", str(path), rules.PACKAGE_REFUSED, render(exc.message))
                    feedback.reportError(render(exc.message))
                    continue
                for member, reason in skipped:
                    outcome.reject(
                        manifest.package_id,
                        "file",
                        member,
                        reason,
                        self.tr("{0} would be written outside the package").format(member),
                    )
                import_returned(workspace, returned, manifest, params.actor, now, checks.DEFAULT_RULES, outcome)
                crs = returned.crs
                tracks.extend(self._tracks(returned, manifest, outcome))
        evidence_rows, evidence_points = [], []
        for item in outcome.evidence:
            point, photo, record = item["point"], item["photo"], item["record"]
            evidence_rows.append(
                (item["package"], point.uuid, photo.uuid, point.case_id, record["path"], _text_time(record["taken"]),
                 record["lon_wgs84"], record["lat_wgs84"], record["direction_deg"], record["accuracy_m"], point.space_code,
                 point.note, item["patroller"], record["checks"], record["sha256"])
            )  # fmt: skip
            evidence_points.append(shapely.points(*point.xy))
        results = {
            IMPORTED: len(evidence_rows),
            REPORTED: sum(1 for _, action in outcome.steps if action == "report"),
            REJECTED: len(outcome.rejected),
        }
        results[OUTPUT_EVIDENCE] = outputs.write(
            OUTPUT_EVIDENCE, EVIDENCE_FIELDS, evidence_rows, evidence_points, QgsWkbTypes.Point, crs
        )
        rows = [row for row, _ in tracks]
        results[OUTPUT_TRACKS] = outputs.write(OUTPUT_TRACKS, TRACK_FIELDS, rows, [g for _, g in tracks], QgsWkbTypes.Point, crs)
        results[OUTPUT_REJECTED] = outputs.write(OUTPUT_REJECTED, REJECTED_FIELDS, outcome.rejected)
        feedback.pushInfo(
            self.tr("{0} photos imported, {1} cases reported, {2} patrol tracks, {3} features and files rejected").format(
                results[IMPORTED], results[REPORTED], len({r[0] for r in rows}), results[REJECTED]
            )
        )
        for row in outcome.rejected[:10]:
            feedback.pushWarning(f"{row[0]} {row[2]}: {row[4]}")
        return results

    def _tracks(self, returned, manifest, outcome):
        """(row, point) per vertex of every usable track; the others rejected with the reason."""
        out = []
        for track in returned.tracks:
            if len(track.xy) == 0:
                outcome.reject(
                    manifest.package_id, rules.TRACKS, track.uuid, rules.NO_GEOMETRY, self.tr("The track has no geometry")
                )
                continue
            if len(track.xy) < 2:
                outcome.reject(
                    manifest.package_id, rules.TRACKS, track.uuid, rules.TRACK_TOO_SHORT, self.tr("The track has one vertex only")
                )
                continue
            if track.start is None:
                outcome.reject(
                    manifest.package_id, rules.TRACKS, track.uuid, rules.NO_TIME, self.tr("The track has no start time")
                )
                continue
            times = [datetime.fromtimestamp(s, timezone.utc) for s in track.seconds]
            start, end = iso_utc(times[0]), iso_utc(times[-1])
            patroller = track.patroller or manifest.person
            for k, ((x, y), moment) in enumerate(zip(track.xy.tolist(), times)):
                row = (track.uuid, k, iso_utc(moment), patroller, start, end, track.grid_code, manifest.package_id)
                out.append((row, shapely.points(x, y)))
        return out


def _text_time(value):
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    return value
