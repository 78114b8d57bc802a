"""farmlandgrid:assignspacecodes — one code per parcel, stable across yearly updates (一地一码)."""

import contextlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Optional

import numpy as np
from qgis.core import (
    QgsFeatureSink,
    QgsFeatureSource,
    QgsFields,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

from ..domain import coding
from ..domain.grid_qa import duplicate_ids
from ..domain.landclass import farmland_mask
from ..domain.messages import Progress
from ..i18n import render
from ..services import labels
from ..services.sinks import build_fields
from ..services.sources import GEOPACKAGE_SUFFIXES, optional_field, read_columns, require_field
from ..store import open_workspace
from .base import FarmlandGridAlgorithm, fail, stop_point
from .workspace_parameter import add_workspace_parameter, read_workspace, workspace_help

INPUT = "INPUT"
CODE_FIELD = "CODE_FIELD"
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


@dataclass(frozen=True)
class CodingParams:
    source: QgsFeatureSource
    direct: Optional[QgsVectorLayer]
    code_field: str
    class_field: Optional[str]  # None: code every parcel (CODE_ALL)
    classes: tuple
    id_field: Optional[str]
    previous: Optional[QgsFeatureSource]
    previous_direct: Optional[QgsVectorLayer]
    previous_code_field: Optional[str]
    threshold: float
    workspace: str


class AssignSpaceCodesAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "assignspacecodes"
    GROUP = "codes"
    # Rarely changed: under Advanced parameters.
    ADVANCED = (ID_FIELD, THRESHOLD)

    def displayName(self):
        return self.tr("Assign parcel space codes")

    def shortHelpString(self):
        text = self.tr(
            "Gives every farmland parcel a space code (一地一码), its ID card: 12-digit village code, 3-digit villager group, "
            "5-digit serial and a check character, 21 characters.\n\n"
            "Give: the parcels (INPUT) with their location code (CODE_FIELD, ZLDWDM); for a yearly update, last year's coded "
            "parcels (PREVIOUS): a parcel that still covers its old place (THRESHOLD) keeps its code; a workspace GeoPackage "
            "(WORKSPACE), whose registry makes sure a retired code is never issued again.\n\n"
            "Out come: the parcels with space_code and code_status (kept, new, split, merged, regrouped; rejected with the "
            "reason in code_note) (OUTPUT), and one row per code event (OUTPUT_LINEAGE).\n\n"
            "Example: the first run numbers the parcels along the map, group by group; next year, with this year's output as "
            "PREVIOUS, a split parcel's pieces get new codes and its old code is retired."
        )
        return text + "\n\n" + workspace_help()

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(INPUT, self.tr("Parcels (DLTB)"), [QgsProcessing.TypeVectorPolygon])
        )
        self.addParameter(QgsProcessingParameterField(CODE_FIELD, self.tr("Location unit code field"), "ZLDWDM", INPUT))
        self.add_farmland_class_parameters(INPUT)
        self.addParameter(QgsProcessingParameterBoolean(CODE_ALL, self.tr("Code non-farmland parcels too"), False))
        self.addParameter(QgsProcessingParameterField(ID_FIELD, self.tr("Parcel identifier field"), "BSM", INPUT, optional=True))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                PREVIOUS, self.tr("Previous coded parcels"), [QgsProcessing.TypeVectorPolygon], optional=True
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
        add_workspace_parameter(self, self.tr("Workspace with the code registry (GeoPackage created if missing)"), optional=True)
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

    def read(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, INPUT, context)
        if source is None:
            fail(self.tr("The parcel layer could not be opened"))
        code_all = self.parameterAsBool(parameters, CODE_ALL, context)
        class_field, classes = (None, ()) if code_all else self.read_farmland_classes(parameters, context, source)
        previous = self.parameterAsSource(parameters, PREVIOUS, context)
        crs = source.sourceCrs()
        return CodingParams(
            source=source,
            direct=self.direct_layer(parameters, INPUT, context, GEOPACKAGE_SUFFIXES),
            code_field=require_field(source, self.parameterAsString(parameters, CODE_FIELD, context), CODE_FIELD),
            class_field=class_field,
            classes=tuple(classes),
            id_field=optional_field(source, self.parameterAsString(parameters, ID_FIELD, context)),
            previous=previous,
            previous_direct=(
                self.direct_layer(parameters, PREVIOUS, context, GEOPACKAGE_SUFFIXES)
                if previous is not None and previous.sourceCrs() == crs
                else None
            ),
            previous_code_field=(
                require_field(previous, self.parameterAsString(parameters, PREVIOUS_CODE_FIELD, context), PREVIOUS_CODE_FIELD)
                if previous is not None
                else None
            ),
            threshold=self.parameterAsDouble(parameters, THRESHOLD, context),
            workspace=read_workspace(self, parameters, context),
        )

    def execute(self, params, context, feedback, outputs):
        feedback.pushInfo(self.tr("Reading parcels…"))
        table = read_columns(
            params.source,
            [params.code_field, params.class_field, params.id_field],
            context,
            feedback,
            span=(0, 15),
            layer=params.direct,
        )
        if feedback.isCanceled():
            return {}
        if params.id_field is not None:
            self._report_duplicate_ids(table.columns[params.id_field], table.fids, feedback)
        wanted = (
            np.ones(len(table), dtype=bool)
            if params.class_field is None
            else farmland_mask(table.columns[params.class_field], list(params.classes))
        )
        groups, notes = coding.group_codes_of(table.columns[params.code_field], wanted, table.geoms)
        previous = self._read_previous(params, context, feedback)
        if feedback.isCanceled():
            return {}
        workspace = None
        if params.workspace:
            workspace = open_workspace(params.workspace, transform_context=context.transformContext())
        else:
            feedback.pushWarning(
                self.tr("No workspace: codes retired in earlier runs are not known, only those in the previous layer")
            )
        run_time = datetime.now().astimezone().isoformat(timespec="seconds")
        try:
            # Reserve first, write after: the registry commits the new codes before any output holds them, so
            # a run killed later leaves unused serials at worst, never a code the registry does not know.
            registry = workspace.registry if workspace else None
            with registry.transaction() if registry else contextlib.nullcontext():
                result = self._assign(table, groups, notes, previous, registry, params.threshold, feedback)
                if registry:
                    registry.record(result.issued, result.retired, run_time, existing=previous[1] if previous else ())
            stop_point("registered")
            written = self._write(params, outputs, table, result, run_time, feedback)
        finally:
            if workspace is not None:
                workspace.close()
        if feedback.isCanceled():
            return {}
        self._log(result, feedback)
        statuses = Counter(s for s in result.statuses if s)
        return {
            **written,
            CODED: int(sum(c is not None for c in result.codes)),
            NEW_CODES: len(result.issued),
            RETIRED_CODES: len(result.retired),
            REJECTED: statuses.get(coding.REJECTED, 0),
        }

    def _read_previous(self, params, context, feedback):
        if params.previous is None:
            return None
        field = params.previous_code_field
        crs = params.source.sourceCrs()
        table = read_columns(
            params.previous, [field], context, feedback, dest_crs=crs, span=(15, 30), layer=params.previous_direct
        )
        coded = [i for i, code in enumerate(table.columns[field]) if code not in (None, "")]
        return table.geoms[coded], [str(table.columns[field][i]).strip().upper() for i in coded]

    def _assign(self, table, groups, notes, previous, registry, threshold, feedback):
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
        return coding.assign(
            table.geoms,
            groups,
            rejections=notes,
            previous_geoms=prev_geoms,
            previous_codes=prev_codes,
            threshold=threshold,
            issued_serials=registry.highest_serials() if registry else None,
            progress=Progress(lambda p: feedback.setProgress(30 + 0.4 * p), feedback.isCanceled),
        )

    def _write(self, params, outputs, table, result, run_time, feedback):
        source = params.source
        # GeoPackage feature ids ("fid") are not carried over: edited layers may repeat them, and a
        # GeoPackage output numbers its features itself.
        replaced = {name for name, _, _ in CODE_FIELDS} | {"fid"}
        kept = [i for i, f in enumerate(source.fields()) if f.name().lower() not in replaced]
        fields = QgsFields()
        for i in kept:
            fields.append(source.fields().at(i))
        for f in build_fields(CODE_FIELDS):
            fields.append(f)
        sink, dest = outputs.sink(OUTPUT, fields, source.wkbType(), source.sourceCrs())
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
        del sink
        outputs.style(dest, None, build_fields(CODE_FIELDS))
        stop_point("coded_written")
        rows = [(e.space_code, e.event, "; ".join(e.parent_codes), "; ".join(e.successor_codes), run_time) for e in result.events]
        lineage = outputs.write(OUTPUT_LINEAGE, LINEAGE_FIELDS, rows, span=(95, 100))
        return {OUTPUT: dest, **({OUTPUT_LINEAGE: lineage} if lineage else {})}

    def _report_duplicate_ids(self, ids, fids, feedback):
        """Codes and lineage lean on the survey identifier: each one used twice is named with its features."""
        duplicates = duplicate_ids(ids, fids)
        for _value, _members, message in duplicates[:20]:
            feedback.pushWarning(render(message))
        if len(duplicates) > 20:
            feedback.pushWarning(self.tr("… and {0} more repeated parcel identifiers").format(len(duplicates) - 20))

    def _log(self, result, feedback):
        for status, count in sorted(Counter(s for s in result.statuses if s).items()):
            feedback.pushInfo(self.tr("{0}: {1} parcels").format(labels.display("code_status", status), count))
        feedback.pushInfo(self.tr("Codes retired: {0}").format(len(result.retired)))
        for _index, message in result.previous_rejected[:20]:
            feedback.pushWarning(render(message))
        if len(result.previous_rejected) > 20:
            feedback.pushWarning(
                self.tr("… and {0} more previous parcels without a valid code").format(len(result.previous_rejected) - 20)
            )
