"""farmlandgrid:assignspacecodes — one code per parcel, stable across yearly updates (一地一码)."""

import contextlib
from collections import Counter
from datetime import datetime

import numpy as np
from qgis.core import (
    QgsFeatureSink,
    QgsFields,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QVariant

from ..domain import coding
from ..domain.landclass import DEFAULT_FARMLAND_CLASSES, farmland_mask, parse_class_list
from ..domain.messages import Canceled, DomainError, Progress
from ..i18n import render
from ..services.sinks import build_fields, style_output, write_features
from ..services.sources import GEOPACKAGE_SUFFIXES, read_columns, require_field
from ..store.registry import CodeRegistry
from .base import FarmlandGridAlgorithm, fail

INPUT = "INPUT"
CODE_FIELD = "CODE_FIELD"
CLASS_FIELD = "CLASS_FIELD"
FARMLAND_CLASSES = "FARMLAND_CLASSES"
CODE_ALL = "CODE_ALL"
ID_FIELD = "ID_FIELD"
PREVIOUS = "PREVIOUS"
PREVIOUS_CODE_FIELD = "PREVIOUS_CODE_FIELD"
THRESHOLD = "THRESHOLD"
WORKSPACE = "WORKSPACE"
OUTPUT = "OUTPUT"
OUTPUT_LINEAGE = "OUTPUT_LINEAGE"
CODED = "CODED"
NEW_CODES = "NEW_CODES"
RETIRED_CODES = "RETIRED_CODES"
REJECTED = "REJECTED"

CODE_FIELDS = (
    ("space_code", QVariant.String, "地块空间码"),
    ("code_status", QVariant.String, "赋码状态"),
    ("code_note", QVariant.String, "赋码说明"),
)
LINEAGE_FIELDS = (
    ("space_code", QVariant.String, "地块空间码"),
    ("event", QVariant.String, "事件"),
    ("parent_codes", QVariant.String, "来源编码"),
    ("successor_codes", QVariant.String, "继承编码"),
    ("run_time", QVariant.String, "赋码时间"),
)
BATCH = 2000


class AssignSpaceCodesAlgorithm(FarmlandGridAlgorithm):
    def tr(self, text):
        return QCoreApplication.translate("AssignSpaceCodesAlgorithm", text)

    def name(self):
        return "assignspacecodes"

    def displayName(self):
        return self.tr("Assign parcel space codes")

    def group(self):
        return self.tr("Parcel codes")

    def groupId(self):
        return "codes"

    def shortHelpString(self):
        return self.tr(
            "Gives every farmland parcel a space code (一地一码) that works like an ID card: 12-digit village code, "
            "3-digit villager group (000 where none), 5-digit serial within the group and an ISO 7064 MOD 11-2 "
            "check character (0–9 or X), 21 characters.\n\n"
            "First run (no previous layer): serials follow a Hilbert space-filling curve through each group, so "
            "neighbouring parcels get neighbouring serials; the result does not depend on the feature order.\n\n"
            "With a previous coded layer: a parcel that overlaps a previous parcel mutually by at least the "
            "threshold (share of each one's area, above 0.5) keeps its code, even if it moved a little or its "
            "attributes changed; pieces of a split parcel, merged parcels, parcels moved to another group and "
            "new parcels get new codes; codes of deleted parcels are retired.\n\n"
            "Workspace: a GeoPackage holding the registry of every code ever issued; with it, retired codes are "
            "never issued again, across runs and users. Without it, serials continue after the highest in the "
            "previous layer only.\n\n"
            "Outputs: the parcels with space_code, code_status (kept, new, split, merged, regrouped; rejected "
            "where the unit code is invalid, with the reason in code_note) — non-farmland passes through uncoded "
            "unless asked; and the lineage table, one row per event (space_code, event, parent_codes, "
            "successor_codes, run_time)."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(INPUT, self.tr("Parcels (DLTB)"), [QgsProcessing.TypeVectorPolygon])
        )
        self.addParameter(
            QgsProcessingParameterField(CODE_FIELD, self.tr("Location unit code field"), "ZLDWDM", INPUT, optional=True)
        )
        self.addParameter(QgsProcessingParameterField(CLASS_FIELD, self.tr("Land class field"), "DLBM", INPUT, optional=True))
        self.addParameter(
            QgsProcessingParameterString(
                FARMLAND_CLASSES, self.tr("Farmland land classes (comma separated)"), ",".join(DEFAULT_FARMLAND_CLASSES)
            )
        )
        self.addParameter(QgsProcessingParameterBoolean(CODE_ALL, self.tr("Code non-farmland parcels too"), False))
        self.addParameter(QgsProcessingParameterField(ID_FIELD, self.tr("Parcel identifier field"), "BSM", INPUT, optional=True))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                PREVIOUS, self.tr("Previous coded parcels (optional)"), [QgsProcessing.TypeVectorPolygon], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                PREVIOUS_CODE_FIELD, self.tr("Previous space code field"), "space_code", PREVIOUS, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                THRESHOLD,
                self.tr("Mutual overlap to keep a code (share of area)"),
                QgsProcessingParameterNumber.Double,
                0.8,
                minValue=0.51,
                maxValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                WORKSPACE,
                self.tr("Workspace GeoPackage with the code registry (created if missing)"),
                QgsProcessingParameterFile.File,
                "gpkg",
                optional=True,
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, self.tr("Coded parcels")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(OUTPUT_LINEAGE, self.tr("Code lineage"), QgsProcessing.TypeVector, optional=True)
        )
        for name, label in (
            (CODED, self.tr("Parcels with a code")),
            (NEW_CODES, self.tr("Codes issued")),
            (RETIRED_CODES, self.tr("Codes retired")),
            (REJECTED, self.tr("Parcels rejected")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def legacy_process(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, INPUT, context)
        if source is None:
            fail(self.tr("The parcel layer could not be opened"))
        code_field = require_field(source, self.parameterAsString(parameters, CODE_FIELD, context), CODE_FIELD)
        code_all = self.parameterAsBool(parameters, CODE_ALL, context)
        class_field = None
        if not code_all:
            class_field = require_field(source, self.parameterAsString(parameters, CLASS_FIELD, context), CLASS_FIELD)
            classes = parse_class_list(self.parameterAsString(parameters, FARMLAND_CLASSES, context))
            if not classes:
                fail(self.tr("Name at least one farmland land class, such as 0101,0102,0103"))
        id_field = self.parameterAsString(parameters, ID_FIELD, context)
        if source.fields().lookupField(id_field or "") < 0:
            id_field = None

        feedback.pushInfo(self.tr("Reading parcels…"))
        table = read_columns(
            source,
            [code_field, class_field, id_field],
            context,
            feedback,
            span=(0, 15),
            layer=self.direct_layer(parameters, INPUT, context, GEOPACKAGE_SUFFIXES),
        )
        if feedback.isCanceled():
            return {}
        wanted = np.ones(len(table), dtype=bool) if code_all else farmland_mask(table.columns[class_field], classes)
        groups, notes = coding.group_codes_of(table.columns[code_field], wanted)
        previous = self._read_previous(parameters, context, feedback, source.sourceCrs())
        if feedback.isCanceled():
            return {}

        workspace = self.parameterAsFile(parameters, WORKSPACE, context)
        registry = None
        try:
            registry = CodeRegistry(workspace) if workspace else None
        except DomainError as exc:
            fail(exc)
        if registry is None:
            feedback.pushWarning(
                self.tr("No workspace: codes retired in earlier runs are not known, only those in the previous layer")
            )
        run_time = datetime.now().astimezone().isoformat(timespec="seconds")
        try:
            with registry.transaction() if registry else contextlib.nullcontext():
                result = self._assign(table, groups, notes, previous, registry, parameters, context, feedback)
                if result is None:
                    raise Canceled()
                outputs = self._write(source, table, result, run_time, parameters, context, feedback)
                if feedback.isCanceled():
                    raise Canceled()
                if registry:
                    registry.record(result.issued, result.retired, run_time, existing=previous[1] if previous else ())
        except Canceled:
            return {}
        except DomainError as exc:
            fail(exc)
        finally:
            if registry:
                registry.close()
        self._log(result, feedback)
        statuses = Counter(s for s in result.statuses if s)
        return {
            **outputs,
            CODED: int(sum(c is not None for c in result.codes)),
            NEW_CODES: len(result.issued),
            RETIRED_CODES: len(result.retired),
            REJECTED: statuses.get(coding.REJECTED, 0),
        }

    def _read_previous(self, parameters, context, feedback, crs):
        source = self.parameterAsSource(parameters, PREVIOUS, context)
        if source is None:
            return None
        field = require_field(source, self.parameterAsString(parameters, PREVIOUS_CODE_FIELD, context), PREVIOUS_CODE_FIELD)
        table = read_columns(
            source,
            [field],
            context,
            feedback,
            dest_crs=crs,
            span=(15, 30),
            layer=self.direct_layer(parameters, PREVIOUS, context, GEOPACKAGE_SUFFIXES) if source.sourceCrs() == crs else None,
        )
        coded = [i for i, code in enumerate(table.columns[field]) if code not in (None, "")]
        return table.geoms[coded], [str(table.columns[field][i]).strip().upper() for i in coded]

    def _assign(self, table, groups, notes, previous, registry, parameters, context, feedback):
        prev_geoms, prev_codes = previous if previous else (None, None)
        if registry and prev_codes:
            retired = registry.retired_codes()
            stale = [c for c in prev_codes if c in retired]
            if stale:
                feedback.reportError(
                    self.tr("{0} codes of the previous layer were retired earlier and are not kept, e.g. {1}").format(
                        len(stale), ", ".join(stale[:5])
                    )
                )
                keep = [i for i, c in enumerate(prev_codes) if c not in retired]
                prev_geoms, prev_codes = prev_geoms[keep], [prev_codes[i] for i in keep]
        feedback.pushInfo(self.tr("Assigning codes…"))
        try:
            return coding.assign(
                table.geoms,
                groups,
                rejections=notes,
                previous_geoms=prev_geoms,
                previous_codes=prev_codes,
                threshold=self.parameterAsDouble(parameters, THRESHOLD, context),
                issued_serials=registry.highest_serials() if registry else None,
                progress=Progress(lambda p: feedback.setProgress(30 + 0.4 * p), feedback.isCanceled),
            )
        except Canceled:
            return None

    def _write(self, source, table, result, run_time, parameters, context, feedback):
        # GeoPackage feature ids ("fid") are not carried over: edited layers may repeat them, and a
        # GeoPackage output numbers its features itself.
        replaced = {name for name, _, _ in CODE_FIELDS} | {"fid"}
        kept = [i for i, f in enumerate(source.fields()) if f.name().lower() not in replaced]
        fields = QgsFields()
        for i in kept:
            fields.append(source.fields().at(i))
        for f in build_fields(CODE_FIELDS):
            fields.append(f)
        sink, dest = self.parameterAsSink(parameters, OUTPUT, context, fields, source.wkbType(), source.sourceCrs())
        position = {fid: k for k, fid in enumerate(table.fids)}
        notes = [render(n) if n is not None else None for n in result.notes]
        total = max(len(table), 1)
        batch = []
        for n, feature in enumerate(source.getFeatures()):
            k = position[feature.id()]
            attrs = feature.attributes()
            # The input feature itself, with the output's fields: no copy of its geometry.
            feature.setFields(fields, False)
            feature.setAttributes([attrs[i] for i in kept] + [result.codes[k], result.statuses[k], notes[k]])
            batch.append(feature)
            if len(batch) == BATCH:
                if not sink.addFeatures(batch, QgsFeatureSink.FastInsert):
                    fail(sink.lastError())
                batch = []
                if feedback.isCanceled():
                    return {}
                feedback.setProgress(70 + 25 * n / total)
        if batch and not sink.addFeatures(batch, QgsFeatureSink.FastInsert):
            fail(sink.lastError())
        del sink  # closes the file before the registry commits
        style_output(context, dest, None, build_fields(CODE_FIELDS), feedback)
        outputs = {OUTPUT: dest}
        lineage_fields = build_fields(LINEAGE_FIELDS)
        lineage, lineage_dest = self.parameterAsSink(parameters, OUTPUT_LINEAGE, context, lineage_fields, QgsWkbTypes.NoGeometry)
        if lineage is not None:
            rows = [
                (e.space_code, e.event, "; ".join(e.parent_codes), "; ".join(e.successor_codes), run_time) for e in result.events
            ]
            write_features(lineage, rows, [None] * len(rows), feedback, span=(95, 100))
            del lineage
            style_output(context, lineage_dest, None, lineage_fields, feedback)
            outputs[OUTPUT_LINEAGE] = lineage_dest
        return outputs

    def _log(self, result, feedback):
        for status, count in sorted(Counter(s for s in result.statuses if s).items()):
            feedback.pushInfo(self.tr("{0}: {1} parcels").format(status, count))
        feedback.pushInfo(self.tr("Codes retired: {0}").format(len(result.retired)))
        for _index, message in result.previous_rejected[:20]:
            feedback.pushWarning(render(message))
        if len(result.previous_rejected) > 20:
            feedback.pushWarning(
                self.tr("… and {0} more previous parcels without a valid code").format(len(result.previous_rejected) - 20)
            )
