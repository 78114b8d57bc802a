"""farmlandgrid:farmlandbalance — 耕地进出平衡与占补平衡台账 from two survey years of the parcels."""

from dataclasses import dataclass
from typing import Optional

import numpy as np
import shapely
from qgis.core import (
    QgsFeatureSource,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..domain import balance
from ..domain.area import sqm_to_mu
from ..domain.quota import unit_levels
from ..domain.unitcode import LEVEL_COUNTY, LEVEL_GROUP, LEVEL_TOWNSHIP, LEVEL_VILLAGE
from ..services.coverages import check_same_crs, metres_per_unit, read_coverage
from ..services.sinks import write_table
from ..services.sources import GEOPACKAGE_SUFFIXES, optional_field, require_field
from ..services.targets import TargetsInput, read_unit_targets
from .base import AREA_FIELD, CLASS_FIELD, FarmlandGridAlgorithm, fail

PREVIOUS = "PREVIOUS"
PARCELS = "PARCELS"
CODE_FIELD = "CODE_FIELD"
ID_FIELD = "ID_FIELD"
LEVEL = "LEVEL"
TARGETS = "TARGETS"
TARGET_CODE_FIELD = "TARGET_CODE_FIELD"
INOUT_TARGET_FIELD = "INOUT_TARGET_FIELD"
OCCUPATION_TARGET_FIELD = "OCCUPATION_TARGET_FIELD"
TARGET_NAME_FIELD = "TARGET_NAME_FIELD"
TOLERANCE = "TOLERANCE"
MIN_AREA = "MIN_AREA"
OUTPUT_UNITS = "OUTPUT_UNITS"
OUTPUT_FLOWS = "OUTPUT_FLOWS"
OUTPUT_MATRIX = "OUTPUT_MATRIX"
OUTPUT_TABLE = "OUTPUT_TABLE"
FLOW_COUNT = "FLOW_COUNT"

LEVELS = (LEVEL_COUNTY, LEVEL_TOWNSHIP, LEVEL_VILLAGE, LEVEL_GROUP)

# Column for column the fields of domain.balance.UnitBalance.
UNIT_FIELDS = (
    ("unit_code", QVariant.String, "单位代码"),
    ("unit_name", QVariant.String, "单位名称"),
    ("in_mu", QVariant.Double, "进(亩)"),
    ("out_mu", QVariant.Double, "出(亩)"),
    ("occupied_mu", QVariant.Double, "占(亩)"),
    ("compensated_mu", QVariant.Double, "补(亩)"),
    ("inout_balance_mu", QVariant.Double, "进出平衡(亩)"),
    ("occupation_balance_mu", QVariant.Double, "占补平衡(亩)"),
    ("inout_target_mu", QVariant.Double, "进出平衡任务(亩)"),
    ("inout_gap_mu", QVariant.Double, "进出平衡缺口(亩)"),
    ("occupation_target_mu", QVariant.Double, "占补平衡任务(亩)"),
    ("occupation_gap_mu", QVariant.Double, "占补平衡缺口(亩)"),
    ("farmland_before_mu", QVariant.Double, "上年耕地(亩)"),
    ("farmland_after_mu", QVariant.Double, "本年耕地(亩)"),
    ("area_method", QVariant.String, "面积计算方法"),
)
FLOW_FIELDS = (
    ("flow", QVariant.String, "流向"),
    ("flow_name", QVariant.String, "流向名称"),
    ("class_before", QVariant.String, "上年地类"),
    ("class_after", QVariant.String, "本年地类"),
    ("class1_before", QVariant.String, "上年一级类"),
    ("class1_after", QVariant.String, "本年一级类"),
    ("id_before", QVariant.String, "上年图斑标识"),
    ("id_after", QVariant.String, "本年图斑标识"),
    ("county_code", QVariant.String, "县级代码"),
    ("township_code", QVariant.String, "乡镇代码"),
    ("village_code", QVariant.String, "行政村代码"),
    ("group_code", QVariant.String, "村民小组代码"),
    ("unit_code", QVariant.String, "单位代码"),
    ("area_mu", QVariant.Double, "面积(亩)"),
    ("area_before_mu", QVariant.Double, "上年面积(亩)"),
    ("area_after_mu", QVariant.Double, "本年面积(亩)"),
    ("area_method", QVariant.String, "面积计算方法"),
)
MATRIX_FIELDS = (
    ("unit_code", QVariant.String, "单位代码"),
    ("unit_name", QVariant.String, "单位名称"),
    ("class_before", QVariant.String, "上年地类"),
    ("class_before_name", QVariant.String, "上年地类名称"),
    *((f"to_{c}_mu", QVariant.Double, f"{c}{balance.FIRST_LEVEL_NAMES[c]}(亩)") for c in balance.MATRIX_CLASSES),
    ("to_none_mu", QVariant.Double, "未对应及面积差(亩)"),
    ("total_mu", QVariant.Double, "合计(亩)"),
)


@dataclass(frozen=True)
class FarmlandBalanceParams:
    previous: QgsFeatureSource
    previous_direct: Optional[QgsVectorLayer]
    parcels: QgsFeatureSource
    parcels_direct: Optional[QgsVectorLayer]
    code_field: str
    class_field: str
    classes: tuple
    area_field: str  # empty: ellipsoidal area
    id_field: Optional[str]
    level: int
    targets: Optional[TargetsInput]
    tolerance_m: float
    min_area_m2: float
    table_path: str  # empty: no table


class FarmlandBalanceAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "farmlandbalance"
    GROUP = "quota"
    TABLE_OUTPUTS = (OUTPUT_TABLE,)

    def displayName(self):
        return self.tr("Farmland balance (in–out and occupation–compensation)")

    def shortHelpString(self):
        return self.tr(
            "The ledger of the farmland in–out balance (耕地进出平衡) and occupation–compensation balance (耕地占补平衡) per "
            "unit, from two years of the land survey.\n\n"
            "Give: last year's parcels (PREVIOUS) and this year's (PARCELS), in one CRS, with CODE_FIELD "
            "(ZLDWDM), CLASS_FIELD (DLBM), FARMLAND_CLASSES and AREA_FIELD (TBDLMJ); the units (LEVEL, township "
            "by default); optionally the tasks (TARGETS: unit_code, inout_target_mu, occupation_target_mu in 亩). "
            "Advanced: ID_FIELD, TOLERANCE, MIN_AREA, INPUT_ENCODING.\n\n"
            "Out come: per unit 进, 出, 占, 补, the two balances and their gaps to the task, with a TOTAL row "
            "(OUTPUT_UNITS); the pieces that flow, ready for case issuing (OUTPUT_FLOWS); the land-use transition "
            "matrix (OUTPUT_MATRIX); the ledger as XLSX or CSV (OUTPUT_TABLE).\n\n"
            "Example: DLTB 2025 and 2026 at township level: 3.2 亩 of farmland turned into orchard (出) and 1.0 亩 "
            "back (进) give an in–out balance of −2.2 亩."
        )

    def initAlgorithm(self, config=None):
        polygons = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(PREVIOUS, self.tr("Last year's parcels (DLTB)"), polygons))
        self.addParameter(QgsProcessingParameterFeatureSource(PARCELS, self.tr("This year's parcels (DLTB)"), polygons))
        self.addParameter(
            QgsProcessingParameterField(CODE_FIELD, self.tr("Location unit code field"), "ZLDWDM", PARCELS, optional=True)
        )
        self.add_farmland_class_parameters(PARCELS)
        self.add_area_parameters(PARCELS, geometry_method=False)
        self.addParameter(
            QgsProcessingParameterEnum(
                LEVEL,
                self.tr("Unit level"),
                [self.tr("County"), self.tr("Township"), self.tr("Village"), self.tr("Villager group")],
                defaultValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                TARGETS, self.tr("Balance tasks table"), [QgsProcessing.TypeVector], optional=True
            )
        )
        for name, label, default in (
            (TARGET_CODE_FIELD, self.tr("Task unit code field"), "unit_code"),
            (INOUT_TARGET_FIELD, self.tr("In–out balance task field (亩)"), "inout_target_mu"),
            (OCCUPATION_TARGET_FIELD, self.tr("Occupation–compensation task field (亩)"), "occupation_target_mu"),
            (TARGET_NAME_FIELD, self.tr("Task unit name field"), "unit_name"),
        ):
            self.addParameter(QgsProcessingParameterField(name, label, default, TARGETS, optional=True))
        advanced = [
            QgsProcessingParameterField(ID_FIELD, self.tr("Parcel identifier field"), "BSM", PARCELS, optional=True),
            QgsProcessingParameterNumber(
                TOLERANCE, self.tr("Survey adjustment tolerance (m)"), QgsProcessingParameterNumber.Double, 0.5, minValue=0.0
            ),
            QgsProcessingParameterNumber(
                MIN_AREA, self.tr("Minimum piece area (m²)"), QgsProcessingParameterNumber.Double, 1.0, minValue=0.0
            ),
        ]
        helps = (
            self.tr("Named in the flows as the parcels of each year; feature ids where the layer has no such field."),
            self.tr("A piece narrower than this, between parcels whose boundaries moved, is a survey adjustment: no flow."),
            self.tr("Pieces smaller than this are slivers: counted in the log, not in the ledger."),
        )
        for parameter, text in zip(advanced, helps):
            parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            parameter.setHelp(text)
            self.addParameter(parameter)
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT_UNITS, self.tr("Balance per unit"), QgsProcessing.TypeVector))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT_FLOWS, self.tr("Flows (进出占补 pieces)"), QgsProcessing.TypeVectorPolygon, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT_MATRIX, self.tr("Transition matrix"), QgsProcessing.TypeVector, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                OUTPUT_TABLE, self.tr("Balance ledger"), self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"), optional=True
            )
        )
        self.addOutput(QgsProcessingOutputNumber(FLOW_COUNT, self.tr("Flow pieces")))

    def read(self, parameters, context, feedback) -> FarmlandBalanceParams:
        previous = self.parameterAsSource(parameters, PREVIOUS, context)
        parcels = self.parameterAsSource(parameters, PARCELS, context)
        if previous is None or parcels is None:
            fail(self.tr("The parcel layers could not be opened"))
        check_same_crs(previous, parcels)
        class_field, classes = self.read_farmland_classes(parameters, context, parcels)
        code_field = require_field(parcels, self.parameterAsString(parameters, CODE_FIELD, context), CODE_FIELD)
        area_field = self.parameterAsString(parameters, AREA_FIELD, context)
        named = [(code_field, CODE_FIELD), (class_field, CLASS_FIELD)] + ([(area_field, AREA_FIELD)] if area_field else [])
        for name, parameter in named:
            require_field(previous, name, parameter)
            require_field(parcels, name, parameter)
        id_name = self.parameterAsString(parameters, ID_FIELD, context)
        id_field = optional_field(parcels, id_name) and optional_field(previous, id_name)
        return FarmlandBalanceParams(
            previous=previous,
            previous_direct=self.direct_layer(parameters, PREVIOUS, context, GEOPACKAGE_SUFFIXES),
            parcels=parcels,
            parcels_direct=self.direct_layer(parameters, PARCELS, context, GEOPACKAGE_SUFFIXES),
            code_field=code_field,
            class_field=class_field,
            classes=tuple(classes),
            area_field=area_field,
            id_field=id_field,
            level=LEVELS[self.parameterAsEnum(parameters, LEVEL, context)],
            targets=self._read_targets_input(parameters, context),
            tolerance_m=self.parameterAsDouble(parameters, TOLERANCE, context),
            min_area_m2=self.parameterAsDouble(parameters, MIN_AREA, context),
            table_path=self.parameterAsFileOutput(parameters, OUTPUT_TABLE, context),
        )

    def _read_targets_input(self, parameters, context) -> Optional[TargetsInput]:
        source = self.parameterAsSource(parameters, TARGETS, context)
        if source is None:
            return None
        code_field = require_field(source, self.parameterAsString(parameters, TARGET_CODE_FIELD, context), TARGET_CODE_FIELD)
        present = [
            optional_field(source, self.parameterAsString(parameters, key, context))
            for key in (INOUT_TARGET_FIELD, OCCUPATION_TARGET_FIELD, TARGET_NAME_FIELD)
        ]
        if present[0] is None and present[1] is None:
            fail(
                self.tr("The tasks table {0} has neither {1} nor {2}; its fields are: {3}").format(
                    source.sourceName(),
                    self.parameterAsString(parameters, INOUT_TARGET_FIELD, context),
                    self.parameterAsString(parameters, OCCUPATION_TARGET_FIELD, context),
                    ", ".join(source.fields().names()),
                )
            )
        return TargetsInput(source, code_field, (present[0], present[1]), present[2])

    def execute(self, params: FarmlandBalanceParams, context, feedback, outputs):
        years = []
        for source, direct, span in (
            (params.previous, params.previous_direct, (0, 15)),
            (params.parcels, params.parcels_direct, (15, 30)),
        ):
            feedback.pushInfo(self.tr("Reading {0}…").format(source.sourceName()))
            years.append(
                read_coverage(
                    source,
                    params.code_field,
                    params.class_field,
                    params.area_field,
                    params.id_field,
                    context,
                    feedback,
                    span,
                    direct,
                )
            )
            if feedback.isCanceled():
                return {}
        (prev, area_method), (curr, _) = years
        for source, cover in zip((params.previous, params.parcels), (prev, curr)):
            bad = int(np.count_nonzero(cover.codes == ""))
            if bad:
                feedback.reportError(
                    self.tr("{0}: {1} parcels have no valid location code; they are in no unit").format(source.sourceName(), bad)
                )
        feedback.pushInfo(self.tr("Overlaying the two years…"))
        feedback.setProgress(35)
        scale = metres_per_unit(params.parcels, curr.geoms)
        overlay = balance.overlay_years(prev, curr, params.classes, params.tolerance_m, params.min_area_m2, scale)
        self._report_overlay(overlay, feedback)
        if feedback.isCanceled():
            return {}
        feedback.setProgress(75)
        ledger = balance.build_ledger(overlay, prev, curr, params.classes, params.level)
        targets, names = self._targets(params.targets, params.level, set(ledger.units), context, feedback)
        units = balance.unit_rows(ledger, names, targets, area_method)
        results = {OUTPUT_UNITS: outputs.write(OUTPUT_UNITS, UNIT_FIELDS, [u.row() for u in units], span=(80, 85))}
        chosen = balance.flow_pieces(ledger)
        results[FLOW_COUNT] = len(chosen)
        if outputs.wanted(OUTPUT_FLOWS):
            rows, geoms = self._flow_rows(chosen, overlay, ledger, prev, curr, area_method)
            results[OUTPUT_FLOWS] = outputs.write(
                OUTPUT_FLOWS, FLOW_FIELDS, rows, geoms, QgsWkbTypes.MultiPolygon, params.parcels.sourceCrs(), span=(85, 95)
            )
        matrix = outputs.write(OUTPUT_MATRIX, MATRIX_FIELDS, balance.matrix_rows(ledger, names), span=(95, 98))
        if matrix is not None:
            results[OUTPUT_MATRIX] = matrix
        if params.table_path:
            header = [alias for _, _, alias in UNIT_FIELDS]
            body = [["" if u.unit_code == balance.TOTAL_CODE else u.unit_code, *u.row()[1:]] for u in units]
            write_table(params.table_path, "进出平衡与占补平衡台账", header, body)
            results[OUTPUT_TABLE] = params.table_path
        total = units[-1]
        feedback.pushInfo(
            self.tr("进 {0:.4f}, 出 {1:.4f}, 占 {2:.4f}, 补 {3:.4f} 亩 ({4})").format(
                total.in_mu, total.out_mu, total.occupied_mu, total.compensated_mu, area_method
            )
        )
        return results

    def _report_overlay(self, overlay: balance.Overlay, feedback) -> None:
        feedback.pushInfo(
            self.tr("{0} parcels unchanged and carried over whole; {1} pairs of changed parcels intersected").format(
                overlay.unchanged, overlay.intersected
            )
        )
        if overlay.adjustments:
            feedback.pushInfo(
                self.tr("{0} pieces narrower than the tolerance ({1:.2f} m²) are survey adjustments: no flow").format(
                    overlay.adjustments, overlay.adjustment_m2
                )
            )
        if overlay.slivers:
            feedback.pushWarning(
                self.tr("{0} sliver pieces below the minimum area ({1:.2f} m² in all) are not in the ledger").format(
                    overlay.slivers, overlay.sliver_m2
                )
            )
        for kind, values in (
            (self.tr("Last year's parcels not covered by this year's"), overlay.uncovered_prev_m2),
            (self.tr("This year's parcels not covered by last year's"), overlay.uncovered_curr_m2),
        ):
            count = int(np.count_nonzero(values > 0))
            if count:
                feedback.pushWarning(
                    self.tr("{0}: {1} parcels, {2:.4f} 亩; in the matrix's none column or row").format(
                        kind, count, float(sqm_to_mu(values.sum()))
                    )
                )

    def _flow_rows(self, chosen, overlay, ledger, prev, curr, area_method):
        p, c = overlay.prev[chosen], overlay.curr[chosen]
        codes = np.where(curr.codes[c] != "", curr.codes[c], prev.codes[p])
        if not len(chosen):
            return [], []
        geoms = overlay.geoms[chosen]
        parts, index = shapely.get_parts(geoms, return_index=True)
        polygonal = shapely.get_type_id(parts) == 3
        geoms = np.array(shapely.multipolygons(parts[polygonal], indices=index[polygonal]), dtype=object).reshape(-1)
        rows = []
        for k, piece in enumerate(chosen):
            county, township, village, group = unit_levels(codes[k])
            flow = ledger.flow[piece]
            rows.append(
                (
                    flow,
                    balance.FLOW_NAMES[flow],
                    _text(prev.classes[p[k]]),
                    _text(curr.classes[c[k]]),
                    ledger.class1_before[piece] or None,
                    ledger.class1_after[piece] or None,
                    prev.ids[p[k]],
                    curr.ids[c[k]],
                    county,
                    township,
                    village,
                    group,
                    ledger.units[ledger.piece_unit[piece]],
                    round(float(sqm_to_mu(ledger.value_m2[piece])), 4),
                    round(float(sqm_to_mu(overlay.before_m2[piece])), 4),
                    round(float(sqm_to_mu(overlay.after_m2[piece])), 4),
                    area_method,
                )
            )
        return rows, geoms

    def _targets(self, given: Optional[TargetsInput], level, units, context, feedback):
        """(unit code → (in–out task, occupation task), unit code → name); bad rows named and skipped by quotaoverlay's rule."""
        if given is None:
            return {}, {}
        read = read_unit_targets(given, level, units, context, feedback, span=(75, 80))
        missing = sorted(units - set(read.targets))
        if missing:
            feedback.pushWarning(
                self.tr("{0} units have no task: {1}").format(
                    len(missing), ", ".join(missing[:10]) + ("…" if len(missing) > 10 else "")
                )
            )
        # unit_targets reads two figures per unit; here they are the in–out and the occupation tasks.
        return {code: (t.farmland_mu, t.pbf_mu) for code, t in read.targets.items()}, read.names


def _text(value) -> Optional[str]:
    return None if value is None else str(value)
