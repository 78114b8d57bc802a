"""farmlandgrid:quotaoverlay — farmland and PBF against targets, change patches classified (指标核算)."""

from dataclasses import dataclass
from typing import Optional

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSource,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..domain import quota
from ..domain.area import sqm_to_mu
from ..domain.task_table import TaskDefinition, TaskPatches, task_table
from ..domain.unitcode import LEVEL_CITY, LEVEL_COUNTY, LEVEL_GROUP, LEVEL_PROVINCE, LEVEL_TOWNSHIP, LEVEL_VILLAGE
from ..i18n import render
from ..services.farmland import UnitFarmland, farmland_per_unit
from ..services.sources import GEOPACKAGE_SUFFIXES, optional_field, read_columns, require_field
from ..services.targets import TargetsInput, read_unit_targets
from ..services.task_table import load_definition, write_task_table
from .base import AREA_FIELD, FarmlandGridAlgorithm, fail

PARCELS = "PARCELS"
CODE_FIELD = "CODE_FIELD"
PBF = "PBF"
TARGETS = "TARGETS"
TARGET_CODE_FIELD = "TARGET_CODE_FIELD"
FARMLAND_TARGET_FIELD = "FARMLAND_TARGET_FIELD"
PBF_TARGET_FIELD = "PBF_TARGET_FIELD"
TARGET_NAME_FIELD = "TARGET_NAME_FIELD"
CHANGES = "CHANGES"
CHANGE_ID_FIELD = "CHANGE_ID_FIELD"
CHANGE_CLASS_FIELD = "CHANGE_CLASS_FIELD"
LEGALITY_FIELD = "LEGALITY_FIELD"
MEASURE_FIELD = "MEASURE_FIELD"
ILLEGAL_VALUES = "ILLEGAL_VALUES"
GRID = "GRID"
LEVEL = "LEVEL"
PBF_LIMIT = "PBF_LIMIT"
FARMLAND_LIMIT = "FARMLAND_LIMIT"
ILLEGAL_SHARE_LIMIT = "ILLEGAL_SHARE_LIMIT"
ILLEGAL_TOTAL_LIMIT = "ILLEGAL_TOTAL_LIMIT"
OUTPUT_UNITS = "OUTPUT_UNITS"
OUTPUT_CHANGES = "OUTPUT_CHANGES"
OUTPUT_SUMMARY = "OUTPUT_SUMMARY"
OUTPUT_TASKS = "OUTPUT_TASKS"
TASK_DEFINITION = "TASK_DEFINITION"
TASK_AREA_DECIMALS = "TASK_AREA_DECIMALS"
ACCOUNTABLE = "ACCOUNTABLE"

# City and province come last: the enum values 0–3 of LEVEL stay what scripts already pass.
LEVELS = (LEVEL_COUNTY, LEVEL_TOWNSHIP, LEVEL_VILLAGE, LEVEL_GROUP, LEVEL_CITY, LEVEL_PROVINCE)
TASK_DECIMALS = (1, 0)  # 面积 in the task list: to 0.1 亩, or whole 亩

# Column for column the fields of domain.quota.UnitQuota.
UNIT_FIELDS = (
    ("unit_code", QVariant.String, "单位代码"),
    ("unit_name", QVariant.String, "单位名称"),
    ("farmland_mu", QVariant.Double, "耕地面积(亩)"),
    ("farmland_target_mu", QVariant.Double, "耕地保有量目标(亩)"),
    ("farmland_gap_mu", QVariant.Double, "耕地缺口(亩)"),
    ("farmland_surplus_mu", QVariant.Double, "耕地盈余(亩)"),
    ("farmland_completion_pct", QVariant.Double, "耕地完成率(%)"),
    ("pbf_mu", QVariant.Double, "永久基本农田面积(亩)"),
    ("pbf_target_mu", QVariant.Double, "永久基本农田目标(亩)"),
    ("pbf_gap_mu", QVariant.Double, "永久基本农田缺口(亩)"),
    ("pbf_completion_pct", QVariant.Double, "永久基本农田完成率(%)"),
    ("non_agri_count", QVariant.Int, "非农化图斑数"),
    ("non_agri_mu", QVariant.Double, "非农化占用耕地(亩)"),
    ("non_grain_count", QVariant.Int, "非粮化图斑数"),
    ("non_grain_mu", QVariant.Double, "非粮化占用耕地(亩)"),
    ("other_count", QVariant.Int, "其他图斑数"),
    ("other_mu", QVariant.Double, "其他占用耕地(亩)"),
    ("accountable_count", QVariant.Int, "问责图斑数"),
    ("area_method", QVariant.String, "面积计算方法"),
    ("target_problem", QVariant.String, "目标问题"),
)
CHANGE_FIELDS = (
    ("patch_id", QVariant.String, "图斑编号"),
    ("county_code", QVariant.String, "县级代码"),
    ("township_code", QVariant.String, "乡镇代码"),
    ("village_code", QVariant.String, "行政村代码"),
    ("group_code", QVariant.String, "村民小组代码"),
    ("persons", QVariant.String, "责任人"),
    ("phones", QVariant.String, "联系电话"),
    ("class_after", QVariant.String, "变化后地类"),
    ("category", QVariant.String, "类别"),
    ("farmland_occupied_mu", QVariant.Double, "占用耕地(亩)"),
    ("pbf_occupied_mu", QVariant.Double, "占用永久基本农田(亩)"),
    ("accountable", QVariant.Bool, "是否问责"),
    ("legality", QVariant.String, "合法性"),
    ("area_method", QVariant.String, "面积计算方法"),
)
SUMMARY_FIELDS = (
    ("check_name", QVariant.String, "检查项"),
    ("value", QVariant.Double, "实际值"),
    ("limit_value", QVariant.Double, "限值"),
    ("passed", QVariant.Bool, "是否通过"),
    ("message", QVariant.String, "说明"),
)


@dataclass(frozen=True)
class ChangesInput:
    source: QgsFeatureSource
    id_field: Optional[str]  # None: not in the layer, patches are named by feature id
    class_field: str
    legality_field: Optional[str]
    measure_field: Optional[str]  # None: no task list asked for


@dataclass(frozen=True)
class TasksOutput:
    path: str
    definition: TaskDefinition
    decimals: int


@dataclass(frozen=True)
class QuotaOverlayParams:
    parcels: QgsFeatureSource
    parcels_direct: Optional[QgsVectorLayer]  # the GeoPackage layer read directly, where it can be
    code_field: str
    class_field: str
    classes: str
    area_field: str  # empty: ellipsoidal area
    level: int
    pbf: Optional[QgsFeatureSource]
    pbf_direct: Optional[QgsVectorLayer]
    targets: Optional[TargetsInput]
    changes: Optional[ChangesInput]
    grid: Optional[QgsFeatureSource]
    illegal_values: frozenset
    pbf_limit_mu: float
    farmland_limit_mu: float
    illegal_share_limit: float  # a fraction
    illegal_total_limit_mu: float
    tasks: Optional[TasksOutput]

    @property
    def crs(self) -> QgsCoordinateReferenceSystem:
        return self.parcels.sourceCrs()


class QuotaOverlayAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "quotaoverlay"
    GROUP = "quota"
    # Rarely changed: under Advanced parameters.
    ADVANCED = (
        TARGET_NAME_FIELD,
        ILLEGAL_VALUES,
        PBF_LIMIT,
        FARMLAND_LIMIT,
        ILLEGAL_SHARE_LIMIT,
        ILLEGAL_TOTAL_LIMIT,
        TASK_DEFINITION,
        TASK_AREA_DECIMALS,
    )
    TABLE_OUTPUTS = (OUTPUT_TASKS,)

    def displayName(self):
        return self.tr("Quota overlay")

    def shortHelpString(self):
        return self.tr(
            "Tells each unit how far it is from its farmland (耕地保有量) and permanent basic farmland (永久基本农田) "
            "targets, and classifies change patches.\n\n"
            "Give: the parcels (PARCELS, DLTB), the PBF polygons (PBF), the targets table (TARGETS: unit_code, "
            "farmland_target_mu, pbf_target_mu in 亩) and the level (LEVEL: county, township, village, villager "
            "group, city/prefecture or province); optionally the change patches (CHANGES, with HDLBM and HFPD) "
            "and the grid cells (GRID) for the responsible persons.\n\n"
            "Out come: per unit its farmland and PBF against the targets, gaps and completion, with a TOTAL row "
            "(OUTPUT_UNITS); per patch its category (非农化, 非粮化), farmland and PBF occupied and whether it is "
            "accountable (OUTPUT_CHANGES); the county checks (OUTPUT_SUMMARY); optionally the campaign task list "
            "(任务清单, OUTPUT_TASKS, columns from TASK_DEFINITION by MEASURE_FIELD, areas rounded by "
            "TASK_AREA_DECIMALS).\n\n"
            "Example: the township targets and this year's DLTB at LEVEL township: 98.8 %, 22.37 亩 short of the "
            "farmland target. A city's layer at LEVEL county gives the city's gaps county by county."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(PARCELS, self.tr("Parcels (DLTB)"), [QgsProcessing.TypeVectorPolygon])
        )
        self.addParameter(QgsProcessingParameterField(CODE_FIELD, self.tr("Location unit code field"), "ZLDWDM", PARCELS))
        self.add_farmland_class_parameters(PARCELS)
        self.add_area_parameters(PARCELS, geometry_method=False)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                PBF, self.tr("Permanent basic farmland"), [QgsProcessing.TypeVectorPolygon], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(TARGETS, self.tr("Targets table"), [QgsProcessing.TypeVector], optional=True)
        )
        for name, label, default in (
            (TARGET_CODE_FIELD, self.tr("Target unit code field"), "unit_code"),
            (FARMLAND_TARGET_FIELD, self.tr("Farmland target field (亩)"), "farmland_target_mu"),
            (PBF_TARGET_FIELD, self.tr("PBF target field (亩)"), "pbf_target_mu"),
            (TARGET_NAME_FIELD, self.tr("Target unit name field"), "unit_name"),
        ):
            self.addParameter(QgsProcessingParameterField(name, label, default, TARGETS, optional=True))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                CHANGES, self.tr("Change patches"), [QgsProcessing.TypeVectorPolygon], optional=True
            )
        )
        for name, label, default in (
            (CHANGE_ID_FIELD, self.tr("Change patch id field"), "JCBH"),
            (CHANGE_CLASS_FIELD, self.tr("Land class after change field"), "HDLBM"),
            (LEGALITY_FIELD, self.tr("Legality field"), "HFPD"),
            (MEASURE_FIELD, self.tr("Measure field for the task list (整改类型 / 处置方式)"), None),
        ):
            self.addParameter(QgsProcessingParameterField(name, label, default, CHANGES, optional=True))
        self.addParameter(
            QgsProcessingParameterString(ILLEGAL_VALUES, self.tr("Legality values that mean illegal"), "违法,illegal")
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                GRID, self.tr("Grid cells with responsible persons"), [QgsProcessing.TypeVector], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                LEVEL,
                self.tr("Unit level"),
                [
                    self.tr("County"),
                    self.tr("Township"),
                    self.tr("Village"),
                    self.tr("Villager group"),
                    self.tr("City/prefecture"),
                    self.tr("Province"),
                ],
                defaultValue=1,
            )
        )
        for name, label, default in (
            (PBF_LIMIT, self.tr("Accountable from PBF occupied (亩)"), 5.0),
            (FARMLAND_LIMIT, self.tr("Accountable from farmland occupied (亩)"), 10.0),
            (ILLEGAL_SHARE_LIMIT, self.tr("Illegal share limit of farmland taken for construction (%)"), 15.0),
            (ILLEGAL_TOTAL_LIMIT, self.tr("Illegal occupation limit (亩)"), 100.0),
        ):
            self.addParameter(
                QgsProcessingParameterNumber(name, label, QgsProcessingParameterNumber.Double, default, minValue=0.0)
            )
        self.addParameter(
            QgsProcessingParameterFeatureSink(OUTPUT_UNITS, self.tr("Units against targets"), QgsProcessing.TypeVector)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                OUTPUT_CHANGES, self.tr("Classified change patches"), QgsProcessing.TypeVectorPolygon, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(OUTPUT_SUMMARY, self.tr("County checks"), QgsProcessing.TypeVector, optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                OUTPUT_TASKS, self.tr("Task list"), self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"), optional=True
            )
        )
        definition = QgsProcessingParameterFile(
            TASK_DEFINITION, self.tr("Task list columns (JSON)"), extension="json", optional=True
        )
        definition.setHelp(self.tr("Blocks and columns of the task list; empty: the seed county's layout."))
        decimals = QgsProcessingParameterEnum(
            TASK_AREA_DECIMALS, self.tr("Task list areas"), [self.tr("To 0.1 亩"), self.tr("Whole 亩")], defaultValue=0
        )
        decimals.setHelp(self.tr("Subtotals and totals are summed before rounding."))
        self.addParameter(definition)
        self.addParameter(decimals)
        self.addOutput(QgsProcessingOutputNumber(ACCOUNTABLE, self.tr("Accountability cases")))

    def read(self, parameters, context, feedback) -> QuotaOverlayParams:
        parcels = self.parameterAsSource(parameters, PARCELS, context)
        if parcels is None:
            fail(self.tr("The parcel layer could not be opened"))
        code_field = require_field(parcels, self.parameterAsString(parameters, CODE_FIELD, context), CODE_FIELD)
        class_field, classes = self.read_farmland_classes(parameters, context, parcels)
        area_field = self.parameterAsString(parameters, AREA_FIELD, context)
        if area_field:
            require_field(parcels, area_field, AREA_FIELD)
        pbf = self.parameterAsSource(parameters, PBF, context)
        # Read directly only in the parcels' CRS: elsewhere QGIS reprojects on the way.
        same_crs = pbf is not None and pbf.sourceCrs() == parcels.sourceCrs()
        grid = self.parameterAsSource(parameters, GRID, context)
        if grid is not None:
            require_field(grid, "grid_code", GRID)
        illegal = self.parameterAsString(parameters, ILLEGAL_VALUES, context).replace("，", ",").split(",")
        changes = self._read_changes_input(parameters, context)
        return QuotaOverlayParams(
            parcels=parcels,
            parcels_direct=self.direct_layer(parameters, PARCELS, context, GEOPACKAGE_SUFFIXES),
            code_field=code_field,
            class_field=class_field,
            classes=",".join(classes),
            area_field=area_field,
            level=LEVELS[self.parameterAsEnum(parameters, LEVEL, context)],
            pbf=pbf,
            pbf_direct=self.direct_layer(parameters, PBF, context, GEOPACKAGE_SUFFIXES) if same_crs else None,
            targets=self._read_targets_input(parameters, context),
            changes=changes,
            grid=grid,
            illegal_values=frozenset(v.strip() for v in illegal if v.strip()),
            pbf_limit_mu=self.parameterAsDouble(parameters, PBF_LIMIT, context),
            farmland_limit_mu=self.parameterAsDouble(parameters, FARMLAND_LIMIT, context),
            illegal_share_limit=self.parameterAsDouble(parameters, ILLEGAL_SHARE_LIMIT, context) / 100.0,
            illegal_total_limit_mu=self.parameterAsDouble(parameters, ILLEGAL_TOTAL_LIMIT, context),
            tasks=self._read_tasks_output(parameters, context, changes),
        )

    def _read_targets_input(self, parameters, context) -> Optional[TargetsInput]:
        source = self.parameterAsSource(parameters, TARGETS, context)
        if source is None:
            return None
        code_field = require_field(source, self.parameterAsString(parameters, TARGET_CODE_FIELD, context), TARGET_CODE_FIELD)
        present = [
            optional_field(source, self.parameterAsString(parameters, key, context))
            for key in (FARMLAND_TARGET_FIELD, PBF_TARGET_FIELD, TARGET_NAME_FIELD)
        ]
        return TargetsInput(source, code_field, (present[0], present[1]), present[2])

    def _read_changes_input(self, parameters, context) -> Optional[ChangesInput]:
        source = self.parameterAsSource(parameters, CHANGES, context)
        if source is None:
            return None
        measure = None
        if parameters.get(OUTPUT_TASKS):
            measure = self.parameterAsString(parameters, MEASURE_FIELD, context)
            if not measure:
                fail(self.tr("The task list counts patches by their measure: name it in MEASURE_FIELD (e.g. 整改类型)"))
            require_field(source, measure, MEASURE_FIELD)
        return ChangesInput(
            source,
            optional_field(source, self.parameterAsString(parameters, CHANGE_ID_FIELD, context)),
            require_field(source, self.parameterAsString(parameters, CHANGE_CLASS_FIELD, context), CHANGE_CLASS_FIELD),
            optional_field(source, self.parameterAsString(parameters, LEGALITY_FIELD, context)),
            measure,
        )

    def _read_tasks_output(self, parameters, context, changes: Optional[ChangesInput]) -> Optional[TasksOutput]:
        path = self.parameterAsFileOutput(parameters, OUTPUT_TASKS, context) if parameters.get(OUTPUT_TASKS) else ""
        if not path:
            return None
        if changes is None:
            fail(self.tr("The task list counts change patches: give the change patches (CHANGES)"))
        return TasksOutput(
            path,
            load_definition(self.parameterAsFile(parameters, TASK_DEFINITION, context)),
            TASK_DECIMALS[self.parameterAsEnum(parameters, TASK_AREA_DECIMALS, context)],
        )

    def execute(self, params: QuotaOverlayParams, context, feedback, outputs):
        counted = farmland_per_unit(
            params.parcels,
            params.code_field,
            params.class_field,
            params.area_field,
            params.classes,
            params.level,
            context,
            feedback,
            layer=params.parcels_direct,
        )
        if feedback.isCanceled():
            return {}
        feedback.pushInfo(self.tr("Measuring permanent basic farmland in the units…"))
        pbf_geoms = self._geometries(params.pbf, params.pbf_direct, params.crs, context, feedback, (30, 45))
        pbf_m2 = dict.fromkeys(counted.codes, 0.0)
        if pbf_geoms is not None:
            pbf_m2, outside = quota.area_per_unit(
                pbf_geoms, counted.table.geoms, counted.padded, counted.codes, params.level, counted.measure
            )
            lost = outside > 1.0
            if lost.any():
                feedback.reportError(
                    self.tr("{0} PBF polygons lie partly or wholly outside the parcels ({1:.2f} 亩); not counted").format(
                        int(lost.sum()), float(sqm_to_mu(outside[lost].sum()))
                    )
                )
        targets, names, problems = self._targets(params.targets, params.level, set(counted.codes), context, feedback)
        if feedback.isCanceled():
            return {}

        changes, measures = None, None
        if params.changes is not None:
            changes, measures = self._changes(params, counted, pbf_geoms, context, feedback)
        per_unit = changes.per_unit(params.level) if changes else {}
        units = quota.unit_quotas(
            counted.codes, names, counted.farmland_m2, pbf_m2, targets, per_unit, counted.area_label, problems
        )
        results = {
            OUTPUT_UNITS: outputs.write(OUTPUT_UNITS, UNIT_FIELDS, [u.row() for u in units], span=(90, 94)),
            ACCOUNTABLE: units[-1].accountable_count,
        }
        if changes is not None:
            if outputs.wanted(OUTPUT_CHANGES):
                rows = changes.rows(self._persons(params.grid, context, feedback), counted.measure.label)
                results[OUTPUT_CHANGES] = outputs.write(
                    OUTPUT_CHANGES, CHANGE_FIELDS, rows, changes.geoms, QgsWkbTypes.MultiPolygon, params.crs, span=(94, 98)
                )
            checks = changes.county_checks(params.illegal_values, params.illegal_share_limit, params.illegal_total_limit_mu)
            for check in checks:
                (feedback.pushInfo if check.passed else feedback.reportError)(render(check.message))
            rows = [(c.name, round(c.value, 6), c.limit, c.passed, render(c.message)) for c in checks]
            summary = outputs.write(OUTPUT_SUMMARY, SUMMARY_FIELDS, rows, span=(98, 100))
            if summary is not None:
                results[OUTPUT_SUMMARY] = summary
        if params.tasks is not None:
            self._write_tasks(params, units[:-1], changes, measures, counted.measure, feedback)
            results[OUTPUT_TASKS] = params.tasks.path
        return results

    def _write_tasks(self, params: QuotaOverlayParams, units, changes: quota.ChangePatches, measures, measure, feedback):
        """The task list of the change patches per unit, in the columns of the definition; unclassified ones logged."""
        patches = TaskPatches(
            ids=changes.ids,
            units=list(quota.unit_keys(changes.codes, params.level)),
            measures=measures,
            patch_mu=sqm_to_mu(measure(changes.geoms)),
            farmland_mu=changes.farmland_mu,
            pbf_mu=changes.pbf_mu,
        )
        tasks, rows = params.tasks, [(u.unit_code, u.unit_name) for u in units]
        table = task_table(tasks.definition, rows, patches, params.changes.measure_field, measure.label, tasks.decimals)
        for value, ids in sorted(table.unclassified.items()):
            feedback.reportError(
                self.tr("{0} patches have the measure '{1}', which no column of {2} takes; counted as 其他/未归类: {3}").format(
                    len(ids), value, table.definition.source, ", ".join(ids[:10]) + ("…" if len(ids) > 10 else "")
                )
            )
        write_task_table(tasks.path, table)

    def _geometries(self, source, direct, crs, context, feedback, span):
        if source is None:
            return None
        if source.sourceCrs() != crs:
            feedback.pushInfo(
                self.tr("{0} is in {1}; it is reprojected to the parcels' {2}").format(
                    source.sourceName(), source.sourceCrs().authid(), crs.authid()
                )
            )
        table = read_columns(source, [], context, feedback, dest_crs=crs, span=span, layer=direct)
        return table.geoms[~np.equal(table.geoms, None)]

    def _targets(self, given: Optional[TargetsInput], level, units, context, feedback):
        """(unit code → Targets, unit code → name, unit code → why its target is missing or incomplete) of the
        units at ``level``; bad rows are named and skipped."""
        if given is None:
            feedback.pushWarning(self.tr("No targets table: gaps are not computed"))
            return {}, {}, {}
        read = read_unit_targets(given, level, units, context, feedback, span=(45, 50))
        missing = sorted(units - set(read.targets))
        if missing:
            feedback.pushWarning(
                self.tr("{0} units have no target: {1}").format(
                    len(missing), ", ".join(missing[:10]) + ("…" if len(missing) > 10 else "")
                )
            )
        return read.targets, read.names, {code: render(problem) for code, problem in read.invalid.items()}

    def _changes(self, params: QuotaOverlayParams, counted: UnitFarmland, pbf_geoms, context, feedback):
        """(the patches classified, their measure values or None when no task list is asked for)."""
        given = params.changes
        names = [given.id_field, given.class_field, given.legality_field, given.measure_field]
        changes = read_columns(given.source, names, context, feedback, dest_crs=params.crs, span=(50, 60))
        pbf = pbf_geoms if pbf_geoms is not None else np.zeros(0, dtype=object)
        overlay = quota.overlay_patches(changes.geoms, counted.table.geoms, counted.farmland, pbf, counted.measure)
        outside = int(np.count_nonzero(overlay.parcel < 0))
        if outside:
            feedback.reportError(
                self.tr("{0} change patches lie outside the parcels; they are listed without unit codes").format(outside)
            )
        patches = quota.classify_patches(
            changes.geoms,
            changes.columns.get(given.id_field) or [f"fid {fid}" for fid in changes.fids],
            changes.columns[given.class_field],
            changes.columns.get(given.legality_field) or [None] * len(changes),
            overlay,
            counted.padded,
            params.pbf_limit_mu,
            params.farmland_limit_mu,
        )
        return patches, changes.columns.get(given.measure_field)

    def _persons(self, grid: Optional[QgsFeatureSource], context, feedback) -> dict:
        """Grid code → (persons, phones) of the grid cells given."""
        if grid is None:
            return {}
        names = [n for n in ("grid_code", "persons", "phones") if grid.fields().lookupField(n) >= 0]
        table = read_columns(grid, names, context, feedback, geometry=False, span=(60, 62))
        empty = [None] * len(table)
        persons, phones = table.columns.get("persons") or empty, table.columns.get("phones") or empty
        return {code: (person or "", phone or "") for code, person, phone in zip(table.columns["grid_code"], persons, phones)}
