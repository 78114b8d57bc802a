"""farmlandgrid:quotaoverlay — farmland and PBF against targets, change patches classified (指标核算)."""

import importlib.util
from collections import Counter
from dataclasses import dataclass

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QVariant

from ..domain import quota
from ..domain.area import METHOD_ELLIPSOIDAL, METHOD_FIELD, method_label, sqm_to_mu
from ..domain.landclass import DEFAULT_FARMLAND_CLASSES, farmland_mask, parse_class_list
from ..domain.unitcode import (
    DEFAULT_LENGTHS,
    LEVEL_COUNTY,
    LEVEL_GROUP,
    LEVEL_TOWNSHIP,
    LEVEL_VILLAGE,
    UnitCodeError,
    distinct_unit_codes,
    grid_code_of,
    is_group_part_zero,
)
from ..i18n import render
from ..services.crs import GeometryArea
from ..services.sinks import build_fields, style_output, write_features, write_table
from ..services.sources import GEOPACKAGE_SUFFIXES, read_columns, require_field, to_number
from .base import FarmlandGridAlgorithm, fail

PARCELS = "PARCELS"
CODE_FIELD = "CODE_FIELD"
CLASS_FIELD = "CLASS_FIELD"
FARMLAND_CLASSES = "FARMLAND_CLASSES"
AREA_FIELD = "AREA_FIELD"
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
ACCOUNTABLE = "ACCOUNTABLE"

LEVELS = (LEVEL_COUNTY, LEVEL_TOWNSHIP, LEVEL_VILLAGE, LEVEL_GROUP)
TOTAL_CODE = "TOTAL"

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


class QuotaOverlayAlgorithm(FarmlandGridAlgorithm):
    def tr(self, text):
        return QCoreApplication.translate("QuotaOverlayAlgorithm", text)

    def name(self):
        return "quotaoverlay"

    def displayName(self):
        return self.tr("Quota overlay")

    def group(self):
        return self.tr("Quotas")

    def groupId(self):
        return "quota"

    def shortHelpString(self):
        return self.tr(
            "Tells each unit of the chosen level how far it is from its farmland (耕地保有量) and permanent basic "
            "farmland (永久基本农田) targets, and classifies change patches.\n\n"
            "Inputs: the parcels (DLTB) with their location code, land class and area field (TBDLMJ, m², the "
            "official net area; empty: ellipsoidal area of the geometry); the PBF polygons, measured ellipsoidally "
            "within each unit; the targets table (CSV or table: unit_code, farmland_target_mu, pbf_target_mu, in "
            "亩); optional change patches with the land class after change (HDLBM) and legality (HFPD, values "
            "counted illegal such as 违法); optional grid cells from delineategrid for the responsible persons.\n\n"
            "Outputs: per unit farmland_mu, targets, gaps (target − actual where positive), surpluses, completion "
            "%, PBF figures, change patches and occupied farmland per category and accountability cases, plus a "
            "TOTAL row; per patch its unit codes down to the group, responsible persons, farmland and PBF occupied "
            "(亩, ellipsoidal), category (non_agri 非农化: construction, roads, mining…; non_grain 非粮化: orchard, "
            "forest, grass, fish pond…; other) and the accountable flag (PBF ≥ 5 亩 or farmland ≥ 10 亩 by "
            "default); the county checks (illegal occupation ≤ 15 % of the farmland taken for construction and ≤ "
            "100 亩); and optionally the task list as XLSX or CSV, one row per unit with a 合计 row."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(PARCELS, self.tr("Parcels (DLTB)"), [QgsProcessing.TypeVectorPolygon])
        )
        for name, label, default, parent, kind in (
            (CODE_FIELD, self.tr("Location unit code field"), "ZLDWDM", PARCELS, QgsProcessingParameterField.Any),
            (CLASS_FIELD, self.tr("Land class field"), "DLBM", PARCELS, QgsProcessingParameterField.Any),
            (
                AREA_FIELD,
                self.tr("Area field in m² (empty: ellipsoidal area)"),
                "TBDLMJ",
                PARCELS,
                QgsProcessingParameterField.Numeric,
            ),
        ):
            self.addParameter(QgsProcessingParameterField(name, label, default, parent, kind, optional=True))
        self.addParameter(
            QgsProcessingParameterString(
                FARMLAND_CLASSES, self.tr("Farmland land classes (comma separated)"), ",".join(DEFAULT_FARMLAND_CLASSES)
            )
        )
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
        ):
            self.addParameter(QgsProcessingParameterField(name, label, default, CHANGES, optional=True))
        self.addParameter(
            QgsProcessingParameterString(ILLEGAL_VALUES, self.tr("Legality values that mean illegal"), "违法,illegal")
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                GRID, self.tr("Grid cells with responsible persons (optional)"), [QgsProcessing.TypeVector], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                LEVEL,
                self.tr("Unit level"),
                [self.tr("County"), self.tr("Township"), self.tr("Village"), self.tr("Villager group")],
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
        self.addOutput(QgsProcessingOutputNumber(ACCOUNTABLE, self.tr("Accountability cases")))

    def legacy_process(self, parameters, context, feedback):
        parcels = self.parameterAsSource(parameters, PARCELS, context)
        if parcels is None:
            fail(self.tr("The parcel layer could not be opened"))
        crs = parcels.sourceCrs()
        level = LEVELS[self.parameterAsEnum(parameters, LEVEL, context)]
        counted = farmland_per_unit(
            parcels,
            self.parameterAsString(parameters, CODE_FIELD, context),
            self.parameterAsString(parameters, CLASS_FIELD, context),
            self.parameterAsString(parameters, AREA_FIELD, context),
            self.parameterAsString(parameters, FARMLAND_CLASSES, context),
            level,
            context,
            feedback,
            layer=self.direct_layer(parameters, PARCELS, context, GEOPACKAGE_SUFFIXES),
        )
        table, farmland, padded, measure = counted.table, counted.farmland, counted.padded, counted.measure
        codes, farmland_m2, area_label = counted.codes, counted.farmland_m2, counted.area_label
        if feedback.isCanceled():
            return {}

        feedback.pushInfo(self.tr("Measuring permanent basic farmland in the units…"))
        pbf_m2 = dict.fromkeys(codes, 0.0)
        pbf_geoms = self._geometries(parameters, PBF, context, feedback, crs, (30, 45))
        if pbf_geoms is not None:
            # Measured in the bottom cells, whose small polygons answer "within" fast, then summed up by
            # code prefix to the chosen level: huge township polygons make every test slow.
            bottom = _unit_keys(padded, LEVEL_GROUP)
            cells = quota.dissolve_units(table.geoms, bottom)
            cell_codes = sorted(cells)
            in_cells, outside = quota.area_by_unit(pbf_geoms, cell_codes, [cells[c] for c in cell_codes], measure)
            length = DEFAULT_LENGTHS.by_level()[level]
            for cell, area in in_cells.items():
                if cell[:length] in pbf_m2:
                    pbf_m2[cell[:length]] += area
            lost = outside > 1.0
            if lost.any():
                feedback.reportError(
                    self.tr("{0} PBF polygons lie partly or wholly outside the parcels ({1:.2f} 亩); not counted").format(
                        int(lost.sum()), float(sqm_to_mu(outside[lost].sum()))
                    )
                )
        targets, names = self._targets(parameters, context, feedback, level, set(codes))
        if feedback.isCanceled():
            return {}

        changes = self._changes(parameters, context, feedback, crs, table, farmland, pbf_geoms, padded, measure)
        per_unit = {c: Counter() for c in codes}
        if changes is not None:
            for k, patch_units in enumerate(_unit_keys(changes["codes"], level)):
                if patch_units in per_unit:
                    stats = per_unit[patch_units]
                    stats[changes["category"][k] + "_count"] += 1
                    stats[changes["category"][k] + "_mu"] += changes["farmland_mu"][k]
                    stats["accountable_count"] += int(changes["accountable"][k])

        rows = []
        for k, code in enumerate(codes):
            rows.append(
                _unit_row(code, names.get(code, ""), farmland_m2[k], pbf_m2[code], targets.get(code), per_unit[code], area_label)
            )
        rows.append(_total_row(rows, area_label))
        unit_fields = build_fields(UNIT_FIELDS)
        sink, units_dest = self.parameterAsSink(parameters, OUTPUT_UNITS, context, unit_fields, QgsWkbTypes.NoGeometry)
        write_features(sink, rows, [None] * len(rows), feedback, span=(90, 94))
        del sink
        style_output(context, units_dest, None, unit_fields, feedback)
        results = {OUTPUT_UNITS: units_dest, ACCOUNTABLE: rows[-1][[n for n, _, _ in UNIT_FIELDS].index("accountable_count")]}
        if changes is not None:
            results.update(self._write_changes(parameters, context, feedback, changes, crs))
        results.update(self._write_summary(parameters, context, feedback, changes))
        tasks = self.parameterAsFileOutput(parameters, OUTPUT_TASKS, context)
        if tasks:
            if tasks.lower().endswith(".xlsx") and importlib.util.find_spec("openpyxl") is None:
                fail(self.tr("Writing XLSX needs the Python package openpyxl (pip install openpyxl); or choose a .csv file"))
            _write_tasks(tasks, rows)
            results[OUTPUT_TASKS] = tasks
        return results

    def _geometries(self, parameters, name, context, feedback, crs, span):
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            return None
        if source.sourceCrs() != crs:
            feedback.pushInfo(
                self.tr("{0} is in {1}; it is reprojected to the parcels' {2}").format(
                    source.sourceName(), source.sourceCrs().authid(), crs.authid()
                )
            )
        same = source.sourceCrs() == crs
        table = read_columns(
            source,
            [],
            context,
            feedback,
            dest_crs=crs,
            span=span,
            layer=self.direct_layer(parameters, name, context, GEOPACKAGE_SUFFIXES) if same else None,
        )
        return table.geoms[~np.equal(table.geoms, None)]

    def _targets(self, parameters, context, feedback, level, units):
        source = self.parameterAsSource(parameters, TARGETS, context)
        if source is None:
            feedback.pushWarning(self.tr("No targets table: gaps are not computed"))
            return {}, {}
        code_field = require_field(source, self.parameterAsString(parameters, TARGET_CODE_FIELD, context), TARGET_CODE_FIELD)
        wanted = [
            self.parameterAsString(parameters, key, context)
            for key in (FARMLAND_TARGET_FIELD, PBF_TARGET_FIELD, TARGET_NAME_FIELD)
        ]
        wanted = [w if w and source.fields().lookupField(w) >= 0 else None for w in wanted]
        table = read_columns(source, [code_field, *wanted], context, feedback, geometry=False, span=(45, 50))
        farm = to_number(table.columns.get(wanted[0]) or [None] * len(table))
        pbf = to_number(table.columns.get(wanted[1]) or [None] * len(table))
        names_col = table.columns.get(wanted[2]) or [None] * len(table)
        targets, names = {}, {}
        length = DEFAULT_LENGTHS.by_level()[level]
        for row, raw in enumerate(table.columns[code_field]):
            try:
                code, row_level = grid_code_of(raw)
            except UnitCodeError as exc:
                feedback.reportError(self.tr("Target row {0}: {1}; the row is skipped").format(row + 1, render(exc.message)))
                continue
            if row_level != level and not (level == LEVEL_GROUP and len(code) == length - 3):
                continue  # a target of another level
            if code not in units:
                feedback.reportError(self.tr("Target row {0}: unit {1} has no parcels; the row is skipped").format(row + 1, code))
                continue
            for value, kind in ((farm[row], wanted[0]), (pbf[row], wanted[1])):
                if kind and not np.isfinite(value):
                    feedback.reportError(
                        self.tr("Target row {0} ({1}): {2} is empty or not a number").format(row + 1, code, kind)
                    )
            targets[code] = quota.Targets(
                float(farm[row]) if np.isfinite(farm[row]) else None, float(pbf[row]) if np.isfinite(pbf[row]) else None
            )
            if names_col[row]:
                names[code] = str(names_col[row])
        missing = sorted(units - set(targets))
        if missing:
            feedback.pushWarning(
                self.tr("{0} units have no target: {1}").format(
                    len(missing), ", ".join(missing[:10]) + ("…" if len(missing) > 10 else "")
                )
            )
        return targets, names

    def _changes(self, parameters, context, feedback, crs, table, farmland, pbf_geoms, padded, measure):
        source = self.parameterAsSource(parameters, CHANGES, context)
        if source is None:
            return None
        fields = {}
        for key in (CHANGE_ID_FIELD, CHANGE_CLASS_FIELD, LEGALITY_FIELD):
            name = self.parameterAsString(parameters, key, context)
            fields[key] = name if name and source.fields().lookupField(name) >= 0 else None
        require_field(
            source,
            fields[CHANGE_CLASS_FIELD] or self.parameterAsString(parameters, CHANGE_CLASS_FIELD, context),
            CHANGE_CLASS_FIELD,
        )
        changes = read_columns(source, list(fields.values()), context, feedback, dest_crs=crs, span=(50, 60))
        geoms = changes.geoms
        overlay = quota.overlay_patches(
            geoms, table.geoms, farmland, pbf_geoms if pbf_geoms is not None else np.zeros(0, dtype=object), measure
        )
        outside = overlay.parcel < 0
        if outside.any():
            feedback.reportError(
                self.tr("{0} change patches lie outside the parcels; they are listed without unit codes").format(
                    int(outside.sum())
                )
            )
        codes = np.where(outside, "", padded[np.maximum(overlay.parcel, 0)])
        farmland_mu = sqm_to_mu(overlay.farmland_m2)
        pbf_mu = sqm_to_mu(overlay.pbf_m2)
        pbf_limit = self.parameterAsDouble(parameters, PBF_LIMIT, context)
        farm_limit = self.parameterAsDouble(parameters, FARMLAND_LIMIT, context)
        ids = changes.columns.get(fields[CHANGE_ID_FIELD]) or [f"fid {fid}" for fid in changes.fids]
        legality = changes.columns.get(fields[LEGALITY_FIELD]) or [None] * len(changes)
        return {
            "geoms": geoms,
            "ids": [str(i) for i in ids],
            "codes": codes,
            "classes": changes.columns[fields[CHANGE_CLASS_FIELD]],
            "category": quota.change_categories(changes.columns[fields[CHANGE_CLASS_FIELD]]),
            "farmland_mu": farmland_mu,
            "pbf_mu": pbf_mu,
            "accountable": quota.accountable(pbf_mu, farmland_mu, pbf_limit, farm_limit),
            "legality": [None if v in (None, "") else str(v) for v in legality],
            "persons": self._persons(parameters, context, feedback),
            "area_label": measure.label,
        }

    def _persons(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, GRID, context)
        if source is None:
            return {}
        names = [n for n in ("grid_code", "persons", "phones") if source.fields().lookupField(n) >= 0]
        if "grid_code" not in names:
            require_field(source, "grid_code", GRID)
        table = read_columns(source, names, context, feedback, geometry=False, span=(60, 62))
        empty = [None] * len(table)
        return {
            code: (person or "", phone or "")
            for code, person, phone in zip(
                table.columns["grid_code"], table.columns.get("persons") or empty, table.columns.get("phones") or empty
            )
        }

    def _write_changes(self, parameters, context, feedback, changes, crs):
        fields = build_fields(CHANGE_FIELDS)
        sink, dest = self.parameterAsSink(parameters, OUTPUT_CHANGES, context, fields, QgsWkbTypes.MultiPolygon, crs)
        if sink is None:
            return {}
        lengths = DEFAULT_LENGTHS
        rows = []
        for k, code in enumerate(changes["codes"]):
            bottom = code[: lengths.village] if code and is_group_part_zero(code) else code[: lengths.group]
            person, phone = changes["persons"].get(bottom, ("", ""))
            rows.append(
                (
                    changes["ids"][k],
                    code[: lengths.county] or None,
                    code[: lengths.township] or None,
                    code[: lengths.village] or None,
                    (None if not code or is_group_part_zero(code) else code[: lengths.group]),
                    person or None,
                    phone or None,
                    changes["classes"][k],
                    changes["category"][k],
                    round(float(changes["farmland_mu"][k]), 4),
                    round(float(changes["pbf_mu"][k]), 4),
                    bool(changes["accountable"][k]),
                    changes["legality"][k],
                    changes["area_label"],
                )
            )
        write_features(sink, rows, changes["geoms"], feedback, span=(94, 98))
        del sink
        style_output(context, dest, None, fields, feedback)
        return {OUTPUT_CHANGES: dest}

    def _write_summary(self, parameters, context, feedback, changes):
        illegal_values = {
            v.strip()
            for v in self.parameterAsString(parameters, ILLEGAL_VALUES, context).replace("，", ",").split(",")
            if v.strip()
        }
        if changes is None:
            return {}
        non_agri = changes["category"] == quota.NON_AGRI
        illegal = non_agri & np.array([v in illegal_values for v in changes["legality"]], dtype=bool)
        checks = quota.county_checks(
            float(changes["farmland_mu"][illegal].sum()),
            float(changes["farmland_mu"][non_agri].sum()),
            self.parameterAsDouble(parameters, ILLEGAL_SHARE_LIMIT, context) / 100.0,
            self.parameterAsDouble(parameters, ILLEGAL_TOTAL_LIMIT, context),
        )
        for check in checks:
            text = render(check.message)
            (feedback.pushInfo if check.passed else feedback.reportError)(text)
        fields = build_fields(SUMMARY_FIELDS)
        sink, dest = self.parameterAsSink(parameters, OUTPUT_SUMMARY, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            return {}
        rows = [(c.name, round(c.value, 6), c.limit, c.passed, render(c.message)) for c in checks]
        write_features(sink, rows, [None] * len(rows), feedback, span=(98, 100))
        del sink
        style_output(context, dest, None, fields, feedback)
        return {OUTPUT_SUMMARY: dest}


@dataclass
class UnitFarmland:
    """Farmland per unit of a parcel layer (``codes``: the units with parcels, sorted; ``farmland_m2`` per code),
    with what was read on the way: the parcels (``table``), their farmland flags and padded codes, the measure."""

    codes: list
    farmland_m2: np.ndarray
    area_label: str
    table: object
    farmland: np.ndarray
    padded: np.ndarray
    measure: GeometryArea

    def farmland_mu(self):
        """Unit code → farmland in 亩, rounded as the units output stores it."""
        return {code: unit_mu(m2) for code, m2 in zip(self.codes, self.farmland_m2)}


def unit_mu(m2):
    """Area in 亩 to 0.0001, as the units output stores farmland_mu and pbf_mu."""
    return _round(float(sqm_to_mu(m2)))


def farmland_per_unit(parcels, code_field, class_field, area_field, classes_text, level, context, feedback, layer=None):
    """Farmland per unit of ``level`` as quotaoverlay counts it: parcels of the farmland classes, by the location code
    prefix, with the area field (m²; ellipsoidal where a value is unusable) or, without one, the ellipsoidal area.

    Fails naming the layer when a field is missing; ``layer``: the whole GeoPackage layer to read directly.
    The dashboard's trend counts each year's parcels with this, so its figures equal quotaoverlay's.
    """
    code_field = require_field(parcels, code_field, CODE_FIELD)
    class_field = require_field(parcels, class_field, CLASS_FIELD)
    if area_field:
        require_field(parcels, area_field, AREA_FIELD)
    classes = parse_class_list(classes_text)
    if not classes:
        fail(QCoreApplication.translate("QuotaOverlayAlgorithm", "Name at least one farmland land class, such as 0101,0102,0103"))
    measure = GeometryArea(METHOD_ELLIPSOIDAL, parcels.sourceCrs())

    feedback.pushInfo(QCoreApplication.translate("QuotaOverlayAlgorithm", "Reading parcels…"))
    table = read_columns(parcels, [code_field, class_field, area_field], context, feedback, span=(0, 20), layer=layer)
    farmland = farmland_mask(table.columns[class_field], classes)
    padded = distinct_unit_codes(table.columns[code_field]).padded_per_feature()
    units = _unit_keys(padded, level)
    bad = int(np.count_nonzero((padded == "") & farmland))
    if bad:
        feedback.reportError(
            QCoreApplication.translate(
                "QuotaOverlayAlgorithm", "{0} farmland parcels have no valid location code and are not counted in any unit"
            ).format(bad)
        )
    if area_field:
        area_m2 = to_number(table.columns[area_field])
        unusable = farmland & ~np.isfinite(area_m2)
        if unusable.any():
            feedback.reportError(
                QCoreApplication.translate(
                    "QuotaOverlayAlgorithm", "{0} farmland parcels have no usable {1}; their ellipsoidal area is used"
                ).format(int(unusable.sum()), area_field)
            )
            area_m2[unusable] = measure(table.geoms[unusable])
        area_label = method_label(METHOD_FIELD, area_field)
    else:
        area_m2 = measure(table.geoms)
        area_label = measure.label
    codes = sorted({u for u in units if u})
    index = {code: k for k, code in enumerate(codes)}
    distinct, inverse = np.unique(units.astype(str), return_inverse=True)
    keys = np.array([index.get(u, -1) for u in distinct], dtype=np.int64)[inverse]
    counted = farmland & (keys >= 0)
    farmland_m2 = np.bincount(keys[counted], weights=area_m2[counted], minlength=len(codes))
    return UnitFarmland(codes, farmland_m2, area_label, table, farmland, padded, measure)


def _unit_keys(padded, level):
    """Unit code at ``level`` per full code; at group level a village without groups is its own unit."""
    lengths = DEFAULT_LENGTHS
    n = lengths.by_level()[level]
    padded = np.asarray(padded, dtype=object)
    if not len(padded):
        return padded
    # Codes repeat (hundreds of distinct ones for hundreds of thousands of parcels): work on the distinct ones.
    distinct, inverse = np.unique(padded.astype(str), return_inverse=True)
    keys = [
        "" if not code else code[: lengths.village] if level == LEVEL_GROUP and is_group_part_zero(code) else code[:n]
        for code in distinct
    ]
    return np.array(keys, dtype=object)[inverse]


def _sum_known(values):
    known = [v for v in values if v is not None]
    return float(sum(known)) if known else None


def _total_row(rows, area_label):
    """合计: sums of the unit rows (gaps and surpluses too, so the columns add up); completion of the sums."""
    columns = list(zip(*rows)) if rows else [()] * len(UNIT_FIELDS)
    total = [TOTAL_CODE, "合计"] + [_round(_sum_known(column)) for column in columns[2:-1]] + [area_label]
    names = [name for name, _, _ in UNIT_FIELDS]
    for actual, target, pct in (
        ("farmland_mu", "farmland_target_mu", "farmland_completion_pct"),
        ("pbf_mu", "pbf_target_mu", "pbf_completion_pct"),
    ):
        a, t = total[names.index(actual)], total[names.index(target)]
        total[names.index(pct)] = _round(quota.gap(a or 0.0, t)[2], 2)
    for name, _, kind in UNIT_FIELDS:
        if kind == QVariant.Int:
            total[names.index(name)] = int(total[names.index(name)] or 0)
    return tuple(total)


def _round(value, digits=4):
    return None if value is None else round(float(value), digits)


def _unit_row(code, name, farmland_m2, pbf_m2, targets, stats, area_label):
    targets = targets or quota.Targets()
    farm_mu, pbf_mu = float(sqm_to_mu(farmland_m2)), float(sqm_to_mu(pbf_m2))
    farm_gap, farm_surplus, farm_pct = quota.gap(farm_mu, targets.farmland_mu)
    pbf_gap, _pbf_surplus, pbf_pct = quota.gap(pbf_mu, targets.pbf_mu)
    return (
        code,
        name,
        unit_mu(farmland_m2),
        _round(targets.farmland_mu),
        _round(farm_gap),
        _round(farm_surplus),
        _round(farm_pct, 2),
        _round(pbf_mu),
        _round(targets.pbf_mu),
        _round(pbf_gap),
        _round(pbf_pct, 2),
        int(stats["non_agri_count"]),
        _round(stats["non_agri_mu"]),
        int(stats["non_grain_count"]),
        _round(stats["non_grain_mu"]),
        int(stats["other_count"]),
        _round(stats["other_mu"]),
        int(stats["accountable_count"]),
        area_label,
    )


TASK_COLUMNS = (
    ("unit_code", "单位代码"),
    ("unit_name", "单位名称"),
    ("non_agri_count", "非农化图斑数"),
    ("non_agri_mu", "非农化面积(亩)"),
    ("non_grain_count", "非粮化图斑数"),
    ("non_grain_mu", "非粮化面积(亩)"),
    ("other_count", "其他图斑数"),
    ("other_mu", "其他面积(亩)"),
    ("accountable_count", "问责图斑数"),
    ("farmland_gap_mu", "耕地缺口(亩)"),
    ("pbf_gap_mu", "永久基本农田缺口(亩)"),
)


def _write_tasks(path, rows):
    """The task list as county campaign tables have it: one row per unit, then 合计."""
    positions = [i for name, _ in TASK_COLUMNS for i, (field, _, _) in enumerate(UNIT_FIELDS) if field == name]
    header = [label for _, label in TASK_COLUMNS]
    body = [[row[i] for i in positions] for row in rows]
    body[-1][0] = ""  # the total row is labelled by its name, 合计
    write_table(path, "任务清单", header, body)
