"""farmlandgrid:migrateworkspace (迁移工作空间): a workspace copied from a GeoPackage into PostgreSQL or back,
every case, event, piece of evidence and registry code, and the copy checked table by table."""

from dataclasses import dataclass

from qgis.core import (
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
)
from qgis.PyQt.QtCore import QVariant

from ..services.workspace_copy import copy_workspace
from ..store.schema import CASES, EVENTS, EVIDENCE, REGISTRY
from .base import FarmlandGridAlgorithm, fail
from .workspace_parameter import add_workspace_parameter, read_workspace, shown, workspace_help

SOURCE = "SOURCE"
TARGET = "TARGET"
OUTPUT = "OUTPUT"
COPIED = "COPIED"
EQUAL = "EQUAL"
COUNTS = {CASES: "CASES", EVENTS: "EVENTS", EVIDENCE: "EVIDENCE", REGISTRY: "CODES"}

OUTPUT_FIELDS = (
    ("table_name", QVariant.String, "数据表"),
    ("source_rows", QVariant.LongLong, "源记录数"),
    ("target_rows", QVariant.LongLong, "目标记录数"),
    ("source_checksum", QVariant.String, "源校验和"),
    ("target_checksum", QVariant.String, "目标校验和"),
    ("equal", QVariant.Bool, "一致"),
)


@dataclass(frozen=True)
class MigrateParams:
    source: str
    target: str


class MigrateWorkspaceAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "migrateworkspace"
    GROUP = "evidence"

    def displayName(self):
        return self.tr("Migrate workspace")

    def shortHelpString(self):
        return (
            self.tr(
                "Copies a whole workspace (迁移工作空间) from a GeoPackage into PostgreSQL, or from PostgreSQL into a "
                "GeoPackage: every case, every event of the audit trail (its order and ids kept), every piece of evidence "
                "and every code of the registry, in one transaction. The copy keeps the workspace's identity, so field "
                "packages exported before still import into it.\n\n"
                "Give: the workspace to copy (SOURCE) and where it goes (TARGET): an empty PostgreSQL workspace "
                "(createworkspace; migrate with the login that created it) or a new GeoPackage file. A target that already "
                "holds cases of another workspace is refused; one that is already this workspace is only checked.\n\n"
                "Out comes one row per table (OUTPUT): rows and a checksum of the values on both sides, equal or not; the "
                "copy is kept only when all are equal. The counts are outputs too (CASES, EVENTS, EVIDENCE, CODES)."
            )
            + "\n\n"
            + workspace_help()
        )

    def initAlgorithm(self, config=None):
        add_workspace_parameter(self, self.tr("Workspace to copy"), name=SOURCE)
        add_workspace_parameter(self, self.tr("Target workspace (empty PostgreSQL workspace or new GeoPackage)"), name=TARGET)
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, self.tr("Copy check"), optional=True))
        self.addOutput(QgsProcessingOutputBoolean(COPIED, self.tr("Copied by this run")))
        self.addOutput(QgsProcessingOutputBoolean(EQUAL, self.tr("Copy equal to its source")))
        for name in COUNTS.values():
            self.addOutput(QgsProcessingOutputNumber(name, name))

    def read(self, parameters, context, feedback):
        source = read_workspace(self, parameters, context, SOURCE)
        target = read_workspace(self, parameters, context, TARGET)
        if not source or not target:
            fail(self.tr("Choose the workspace to copy (SOURCE) and where it goes (TARGET)"))
        return MigrateParams(source, target)

    def execute(self, params, context, feedback, outputs):
        source, target = shown(params.source), shown(params.target)
        feedback.pushInfo(self.tr("Copying {0} into {1}…").format(source, target))
        report = copy_workspace(params.source, params.target, source, target, feedback)
        if report.roles_created:
            feedback.pushInfo(self.tr("Group roles created: {0}").format(", ".join(report.roles_created)))
        if not report.copied:
            feedback.pushWarning(
                self.tr("{0} already is this workspace: nothing was copied, the tables were compared").format(target)
            )
        for check in report.checks:
            line = self.tr("{0}: {1} rows, checksum {2} — copy: {3} rows, checksum {4}").format(
                check.table, check.source_rows, check.source_checksum[:16], check.target_rows, check.target_checksum[:16]
            )
            if check.equal:
                feedback.pushInfo(line)
            else:
                feedback.pushWarning(line + " " + self.tr("(different)"))
        rows = [(c.table, c.source_rows, c.target_rows, c.source_checksum, c.target_checksum, c.equal) for c in report.checks]
        result = {COPIED: report.copied, EQUAL: report.equal, OUTPUT: outputs.write(OUTPUT, OUTPUT_FIELDS, rows)}
        result.update({COUNTS[c.table]: c.target_rows for c in report.checks})
        return result
