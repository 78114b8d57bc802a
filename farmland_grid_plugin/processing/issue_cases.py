"""farmlandgrid:issuecases — one case per change patch into the workspace case store (下发)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import List, Optional

import numpy as np
import shapely
from qgis.core import (
    QgsFeatureSource,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameters,
    QgsProcessingParameterString,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QVariant

from ..domain import cases as domain
from ..domain.area import METHOD_ELLIPSOIDAL, sqm_to_mu
from ..domain.cases import BAD_ROW_REASONS, REASON_ALREADY_ISSUED, REASON_EMPTY_GEOMETRY, REASON_NO_FARMLAND, REASON_NO_PATCH_ID
from ..i18n import render
from ..services.crs import GeometryArea
from ..services.sources import GEOPACKAGE_SUFFIXES, read_columns, require_field, to_number
from ..store import open_workspace
from .base import FarmlandGridAlgorithm, fail
from .workspace_parameter import add_workspace_parameter, read_workspace, shown, workspace_help

CHANGES = "CHANGES"
PATCH_ID_FIELD = "PATCH_ID_FIELD"
UNIT_CODE_FIELD = "UNIT_CODE_FIELD"
VILLAGE_CODE_FIELD = "VILLAGE_CODE_FIELD"
PERSON_FIELD = "PERSON_FIELD"
PHONE_FIELD = "PHONE_FIELD"
ACCOUNTABLE_FIELD = "ACCOUNTABLE_FIELD"
FARMLAND_FIELD = "FARMLAND_FIELD"
PBF_FIELD = "PBF_FIELD"
ONLY_FARMLAND = "ONLY_FARMLAND"
WORKSPACE = "WORKSPACE"
CASE_PREFIX = "CASE_PREFIX"
ISSUED_ON = "ISSUED_ON"
DUE_DAYS = "DUE_DAYS"
ACCOUNTABLE_DUE_DAYS = "ACCOUNTABLE_DUE_DAYS"
ACTOR = "ACTOR"
NOTE = "NOTE"
OUTPUT = "OUTPUT"
ISSUED = "ISSUED"
SKIPPED = "SKIPPED"
ALREADY_ISSUED = "ALREADY_ISSUED"
REJECTED = "REJECTED"

LISTED = 10  # bad rows named one by one in the log before the rest are only counted
# Optional attribute parameters, in the order of domain.cases.PatchColumns after the patch id.
ATTRIBUTE_FIELDS = (UNIT_CODE_FIELD, VILLAGE_CODE_FIELD, PERSON_FIELD, PHONE_FIELD, ACCOUNTABLE_FIELD, FARMLAND_FIELD, PBF_FIELD)

OUTPUT_FIELDS = (
    ("patch_id", QVariant.String, "图斑编号"),
    ("case_id", QVariant.String, "案件编号"),
    ("unit_code", QVariant.String, "网格单元代码"),
    ("person", QVariant.String, "责任人"),
    ("phone", QVariant.String, "联系电话"),
    ("status", QVariant.String, "案件状态"),
    ("issued_on", QVariant.Date, "下发日期"),
    ("due_date", QVariant.Date, "办理期限"),
    ("accountable", QVariant.Bool, "是否问责"),
    ("area_mu", QVariant.Double, "图斑面积(亩)"),
    ("farmland_mu", QVariant.Double, "占用耕地(亩)"),
    ("pbf_mu", QVariant.Double, "占用永久基本农田(亩)"),
    ("area_method", QVariant.String, "面积计算方法"),
    ("issued", QVariant.Bool, "本次下发"),
    ("skipped_reason", QVariant.String, "未下发原因"),
    ("message", QVariant.String, "说明"),
)


@dataclass(frozen=True)
class IssueCasesParams:
    changes: QgsFeatureSource
    changes_direct: Optional[QgsVectorLayer]  # the GeoPackage layer read directly, where it can be
    id_field: str
    fields: tuple  # the field per ATTRIBUTE_FIELDS, None where not used
    only_farmland: bool
    workspace: str
    prefix: str
    issued_on: date
    rule: domain.DueRule
    actor: str
    note: str


def _polygonal(geom):
    """The polygonal part of a repaired geometry (make_valid may add lines or points)."""
    repaired = shapely.make_valid(geom)
    if shapely.get_type_id(repaired) in (3, 6):
        return repaired
    parts = shapely.get_parts(repaired)
    polygons = parts[np.isin(shapely.get_type_id(parts), (3, 6))]
    return shapely.union_all(polygons) if len(polygons) else None


def _qdate(value):
    return QDate(value.year, value.month, value.day) if isinstance(value, date) else None


class IssueCasesAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "issuecases"
    GROUP = "evidence"
    # Rarely changed: under Advanced parameters.
    ADVANCED = (
        UNIT_CODE_FIELD,
        VILLAGE_CODE_FIELD,
        PERSON_FIELD,
        PHONE_FIELD,
        ACCOUNTABLE_FIELD,
        FARMLAND_FIELD,
        PBF_FIELD,
        DUE_DAYS,
        ACCOUNTABLE_DUE_DAYS,
    )

    def displayName(self):
        return self.tr("Issue cases")

    def shortHelpString(self):
        text = self.tr(
            "Issues one case per change patch (下发) to the responsible person of its grid cell, into the case store of a "
            "workspace, where evidence, review and closing follow.\n\n"
            "Give: the change patches (CHANGES), normally the classified patches of the quota overlay, with their patch id "
            "(PATCH_ID_FIELD); the workspace GeoPackage (WORKSPACE, created if missing); the issue date (ISSUED_ON) and who "
            "issues (ACTOR). Days allowed: DUE_DAYS (30), ACCOUNTABLE_DUE_DAYS (15).\n\n"
            "Out comes one row per patch (OUTPUT): its case id, person, status, due date and whether it was issued in this "
            "run, or why not (already_issued, no_farmland…). Running again never duplicates a case; a failed run leaves the "
            "workspace untouched.\n\n"
            "Example: the patches of the 2026 monitoring batch, CASE_PREFIX 2026Q1-: 59 cases issued, due 2026-02-09 "
            "(accountable ones 2026-01-25)."
        )
        return text + "\n\n" + workspace_help()

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(CHANGES, self.tr("Change patches"), [QgsProcessing.TypeVectorPolygon])
        )
        self.addParameter(QgsProcessingParameterField(PATCH_ID_FIELD, self.tr("Patch id field"), "patch_id", CHANGES))
        any_kind, numeric = QgsProcessingParameterField.Any, QgsProcessingParameterField.Numeric
        for name, label, default, kind in (
            (UNIT_CODE_FIELD, self.tr("Villager group code field"), "group_code", any_kind),
            (VILLAGE_CODE_FIELD, self.tr("Village code field (where there is no group)"), "village_code", any_kind),
            (PERSON_FIELD, self.tr("Responsible person field"), "persons", any_kind),
            (PHONE_FIELD, self.tr("Phone field"), "phones", any_kind),
            (ACCOUNTABLE_FIELD, self.tr("Accountable field"), "accountable", any_kind),
            (FARMLAND_FIELD, self.tr("Farmland occupied field (亩)"), "farmland_occupied_mu", numeric),
            (PBF_FIELD, self.tr("PBF occupied field (亩)"), "pbf_occupied_mu", numeric),
        ):
            self.addParameter(QgsProcessingParameterField(name, label, default, CHANGES, kind, optional=True))
        self.addParameter(QgsProcessingParameterBoolean(ONLY_FARMLAND, self.tr("Only patches occupying farmland or PBF"), True))
        add_workspace_parameter(self, self.tr("Workspace with the cases (GeoPackage created if missing)"))
        self.addParameter(
            QgsProcessingParameterString(CASE_PREFIX, self.tr("Case id prefix (such as the monitoring batch)"), "", optional=True)
        )
        self.addParameter(
            QgsProcessingParameterDateTime(
                ISSUED_ON, self.tr("Issue date (empty: today)"), QgsProcessingParameterDateTime.Date, optional=True
            )
        )
        for name, label, default in (
            (DUE_DAYS, self.tr("Days allowed to settle a case"), 30),
            (ACCOUNTABLE_DUE_DAYS, self.tr("Days allowed for accountable patches"), 15),
        ):
            self.addParameter(
                QgsProcessingParameterNumber(name, label, QgsProcessingParameterNumber.Integer, default, minValue=1)
            )
        self.addParameter(QgsProcessingParameterString(ACTOR, self.tr("Issued by (name or office, for the audit trail)")))
        self.addParameter(QgsProcessingParameterString(NOTE, self.tr("Note for the issue event"), "", optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, self.tr("Issued cases"), QgsProcessing.TypeVectorPolygon))
        for name, label in (
            (ISSUED, self.tr("Cases issued")),
            (SKIPPED, self.tr("Patches not issued")),
            (ALREADY_ISSUED, self.tr("Patches already issued")),
            (REJECTED, self.tr("Patches rejected")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def checkParameterValues(self, parameters, context):
        if not self.parameterAsString(parameters, ACTOR, context).strip():
            return False, self._actor_missing()
        return super().checkParameterValues(parameters, context)

    def _actor_missing(self):
        return self.tr("Say who issues the cases (“Issued by”): every step of a case records who took it")

    def read(self, parameters, context, feedback) -> IssueCasesParams:
        source = self.parameterAsSource(parameters, CHANGES, context)
        if source is None:
            fail(self.tr("The change patch layer could not be opened"))
        actor = self.parameterAsString(parameters, ACTOR, context).strip()
        if not actor:
            fail(self._actor_missing())
        workspace = read_workspace(self, parameters, context)
        if not workspace:
            fail(self.tr("Choose the workspace GeoPackage the cases go into"))
        id_field = require_field(source, self.parameterAsString(parameters, PATCH_ID_FIELD, context), PATCH_ID_FIELD)
        only_farmland = self.parameterAsBool(parameters, ONLY_FARMLAND, context)
        fields = {name: self._field(source, parameters, name, context, feedback) for name in ATTRIBUTE_FIELDS}
        if only_farmland and not (fields[FARMLAND_FIELD] or fields[PBF_FIELD]):
            fail(
                self.tr(
                    "Issuing only patches that occupy farmland or PBF needs the farmland or the PBF occupied field; "
                    "name one of them, or turn off “Only patches occupying farmland or PBF”"
                )
            )
        # QgsProcessingAlgorithm has no parameterAsDate in QGIS 3.22; QgsProcessingParameters has.
        issued_on = QgsProcessingParameters.parameterAsDate(self.parameterDefinition(ISSUED_ON), parameters, context)
        try:
            rule = domain.DueRule(
                self.parameterAsInt(parameters, DUE_DAYS, context), self.parameterAsInt(parameters, ACCOUNTABLE_DUE_DAYS, context)
            )
        except ValueError as exc:
            fail(str(exc))
        return IssueCasesParams(
            changes=source,
            changes_direct=self.direct_layer(parameters, CHANGES, context, GEOPACKAGE_SUFFIXES),
            id_field=id_field,
            fields=tuple(fields.values()),
            only_farmland=only_farmland,
            workspace=workspace,
            prefix=self.parameterAsString(parameters, CASE_PREFIX, context).strip(),
            issued_on=issued_on.toPyDate() if issued_on.isValid() else date.today(),
            rule=rule,
            actor=actor,
            note=self.parameterAsString(parameters, NOTE, context).strip(),
        )

    def execute(self, params: IssueCasesParams, context, feedback, outputs):
        crs = params.changes.sourceCrs()
        measure = GeometryArea(METHOD_ELLIPSOIDAL, crs)
        feedback.pushInfo(self.tr("Reading change patches…"))
        names = [params.id_field, *params.fields]
        table = read_columns(params.changes, names, context, feedback, span=(0, 40), layer=params.changes_direct)
        if feedback.isCanceled():
            return {}
        patches = self._patches(params, table, measure, feedback)
        feedback.setProgress(50)
        if feedback.isCanceled():
            return {}

        to_issue = [p for p in patches if p.reason is None]
        feedback.pushInfo(self.tr("Issuing {0} cases into {1}…").format(len(to_issue), shown(params.workspace)))
        with open_workspace(params.workspace, transform_context=context.transformContext()) as workspace:
            created = []
            if to_issue:  # one transaction: every case of the run, or none
                created, _already = workspace.cases.issue(
                    [p.case for p in to_issue], params.actor, note=params.note, rule=params.rule, crs=crs
                )
            stored = {record.case_id: record for record in workspace.cases.cases()}
        feedback.setProgress(80)
        created = set(created)
        for patch in to_issue:
            if patch.case["case_id"] not in created:
                patch.reason = REASON_ALREADY_ISSUED

        rows = [
            self._row(patch, None if patch.reason in BAD_ROW_REASONS else stored.get(patch.case["case_id"]), measure.label)
            for patch in patches
        ]
        dest = outputs.write(
            OUTPUT, OUTPUT_FIELDS, rows, [p.geometry for p in patches], QgsWkbTypes.MultiPolygon, crs, span=(80, 100)
        )
        reasons = Counter(p.reason for p in patches)
        self._log(feedback, patches, reasons, len(created), params.workspace)
        feedback.setProgress(100)
        return {
            OUTPUT: dest,
            ISSUED: len(created),
            SKIPPED: len(patches) - len(created),
            ALREADY_ISSUED: reasons[REASON_ALREADY_ISSUED],
            REJECTED: sum(reasons[r] for r in BAD_ROW_REASONS),
        }

    def _field(self, source, parameters, name, context, feedback):
        """An optional field: None when not named; a missing field fails unless it is the default name,
        which is then only not used (the log says so)."""
        value = self.parameterAsString(parameters, name, context)
        if not value:
            return None
        if source.fields().lookupField(value) >= 0:
            return value
        if value != self.parameterDefinition(name).defaultValue():
            require_field(source, value, name)
        feedback.pushWarning(self.tr("The change patches have no field {0} ({1}); it is not used").format(value, name))
        return None

    def _patches(self, params: IssueCasesParams, table, measure, feedback) -> List[domain.PatchToIssue]:
        """The patches with their geometries repaired and measured, each with the case it becomes."""
        empty = [None] * len(table)
        group, village, person, phone, flags, farmland, pbf = (table.columns[f] if f else empty for f in params.fields)
        geoms = np.asarray(table.geoms, dtype=object)
        missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
        invalid = np.flatnonzero(~missing & ~shapely.is_valid(geoms))
        for i in invalid:
            geoms[i] = _polygonal(geoms[i])
        if len(invalid):
            feedback.pushWarning(self.tr("{0} patches have invalid geometries; they were repaired").format(len(invalid)))
        has_figures = any(params.fields[-2:])  # a farmland or a PBF occupied field
        if has_figures and any(domain.flag_value(v) is None for v in flags):
            feedback.pushInfo(
                self.tr(
                    "Where the accountable flag is empty, patches with at least 5 亩 of PBF or 10 亩 of farmland are accountable"
                )
            )
        columns = domain.PatchColumns(
            table.fids, table.columns[params.id_field], group, village, person, phone, flags, to_number(farmland), to_number(pbf)
        )
        area_mu = sqm_to_mu(measure(geoms))
        return domain.patches_to_issue(columns, geoms, area_mu, params.prefix, params.issued_on, params.only_farmland)

    def _row(self, patch, record, area_method):
        """The output row of a patch: the case as stored where there is one, else the patch's own figures."""
        case = patch.case
        values = dict(case)
        values["status"] = values["due_date"] = None
        if record is not None:
            values.update({name: record.attributes.get(name) for name in ("unit_code", "person", "phone", "status")})
            values.update(
                issued_on=record.issued_on,
                due_date=record.due_date,
                accountable=record.accountable,
                **{name: record.attributes.get(name) for name in ("area_mu", "farmland_mu", "pbf_mu")},
            )
        reason = patch.reason
        return (
            case["patch_id"],
            case["case_id"] if record is not None or reason is None else None,
            values["unit_code"],
            values["person"],
            values["phone"],
            values["status"],
            _qdate(values["issued_on"]) if record is not None else None,
            _qdate(values["due_date"]),
            bool(values["accountable"]),
            values["area_mu"],
            values["farmland_mu"],
            values["pbf_mu"],
            area_method,
            reason is None,
            reason,
            self._message(patch, record),
        )

    def _message(self, patch, record):
        reason = patch.reason
        if reason is None:
            return None if patch.case["person"] else self.tr("Issued without a responsible person")
        if reason == REASON_ALREADY_ISSUED:
            issued_on = record.issued_on.isoformat() if record is not None and record.issued_on else "—"
            status = render(domain.status_label(record.status)) if record is not None else "—"
            return self.tr("Already issued on {0}; status: {1}").format(issued_on, status)
        if reason == REASON_NO_FARMLAND:
            return self.tr("Occupies neither farmland nor PBF; not issued")
        if reason == REASON_NO_PATCH_ID:
            return self.tr("The patch has no id; not issued")
        if reason == REASON_EMPTY_GEOMETRY:
            return self.tr("The patch has no geometry; not issued")
        return self.tr("The patch id {0} occurs more than once; only its first patch is issued").format(patch.case["patch_id"])

    def _log(self, feedback, patches, reasons, issued, workspace):
        bad = [p for p in patches if p.reason in BAD_ROW_REASONS]
        for patch in bad[:LISTED]:
            feedback.reportError(self.tr("Feature {0}: {1}").format(patch.fid, self._message(patch, None)))
        if len(bad) > LISTED:
            feedback.reportError(self.tr("… and {0} more patches that cannot be issued").format(len(bad) - LISTED))
        without_person = sum(1 for p in patches if p.reason is None and not p.case["person"])
        if without_person:
            feedback.pushWarning(self.tr("{0} cases were issued without a responsible person").format(without_person))
        without_unit = sum(1 for p in patches if p.reason is None and not p.case["unit_code"])
        if without_unit:
            feedback.pushWarning(self.tr("{0} cases were issued without a usable unit code").format(without_unit))
        feedback.pushInfo(
            self.tr(
                "{0} cases issued into {1}; {2} patches already issued, {3} occupying neither farmland nor PBF, "
                "{4} rejected (no patch id, no geometry or a repeated patch id)"
            ).format(
                issued,
                workspace,
                reasons[REASON_ALREADY_ISSUED],
                reasons[REASON_NO_FARMLAND],
                sum(reasons[r] for r in BAD_ROW_REASONS),
            )
        )
