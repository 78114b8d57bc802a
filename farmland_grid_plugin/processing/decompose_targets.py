"""farmlandgrid:decomposetargets — targets handed down level by level (目标任务分解下达)."""

from collections import Counter
from dataclasses import dataclass
from typing import Optional

import numpy as np
from qgis.core import (
    QgsFeatureSource,
    QgsProcessing,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

from ..domain.area import sqm_to_mu
from ..domain.decompose import decompose, farmland_basis
from ..domain.landclass import farmland_mask
from ..domain.quota import repeated_targets
from ..domain.unitcode import LEVEL_GROUP, LEVEL_NAMES, LEVEL_TOWNSHIP, LEVEL_VILLAGE, LevelLengths, UnitCodeError, grid_code_of
from ..i18n import render
from ..services.sources import GEOPACKAGE_SUFFIXES, optional_field, read_columns, require_field, to_number
from .base import AreaChoice, FarmlandGridAlgorithm, fail

PARCELS = "PARCELS"
CODE_FIELD = "CODE_FIELD"
NAME_FIELD = "NAME_FIELD"
TARGETS = "TARGETS"
TARGET_CODE_FIELD = "TARGET_CODE_FIELD"
FARMLAND_TARGET_FIELD = "FARMLAND_TARGET_FIELD"
PBF_TARGET_FIELD = "PBF_TARGET_FIELD"
TARGET_NAME_FIELD = "TARGET_NAME_FIELD"
BOTTOM_LEVEL = "BOTTOM_LEVEL"
LEVEL_LENGTHS = "LEVEL_LENGTHS"
OUTPUT = "OUTPUT"

BOTTOM_LEVELS = (LEVEL_TOWNSHIP, LEVEL_VILLAGE, LEVEL_GROUP)
LISTED = 10  # feature ids or codes named in one warning before the rest are only counted

TARGET_FIELDS = (
    ("grid_code", QVariant.String, "网格编码"),
    ("level", QVariant.Int, "网格层级"),
    ("level_name", QVariant.String, "层级名称"),
    ("parent_code", QVariant.String, "上级网格编码"),
    ("unit_name", QVariant.String, "单位名称"),
    ("basis_mu", QVariant.Double, "现状耕地面积(亩)"),
    ("farmland_target_mu", QVariant.Double, "耕地保有量目标(亩)"),
    ("pbf_target_mu", QVariant.Double, "永久基本农田目标(亩)"),
    ("source", QVariant.String, "目标来源"),
    ("area_method", QVariant.String, "面积计算方法"),
)


def _code_text(value):
    """Codes typed into a spreadsheet may arrive as numbers: 130123.0 is the code 130123."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else value


@dataclass(frozen=True)
class DecomposeParams:
    source: QgsFeatureSource
    direct: Optional[QgsVectorLayer]
    lengths: LevelLengths
    code_field: str
    class_field: str
    classes: tuple
    area: AreaChoice
    name_field: Optional[str]
    bottom_level: int
    targets: QgsFeatureSource
    target_code_field: str
    value_fields: tuple  # farmland and PBF target fields ('' where not given)
    target_name_field: Optional[str]


class DecomposeTargetsAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "decomposetargets"
    GROUP = "quota"
    # Rarely changed: under Advanced parameters.
    ADVANCED = (NAME_FIELD, TARGET_NAME_FIELD, LEVEL_LENGTHS)

    def displayName(self):
        return self.tr("Decompose targets")

    def shortHelpString(self):
        return self.tr(
            "Hands the farmland target (耕地保有量) and the permanent basic farmland target down from a unit to its townships, "
            "villages and groups, in proportion to their farmland: the figures of each responsibility letter (责任书).\n\n"
            "Give: the parcels (PARCELS) with location code, land class and area; the targets table (TARGETS: unit_code, "
            "farmland_target_mu, pbf_target_mu in 亩), usually one row for the county; the lowest level (BOTTOM_LEVEL).\n\n"
            "Out comes one row per unit (OUTPUT): grid_code, level, parent_code, unit_name, basis_mu, farmland_target_mu, "
            "pbf_target_mu and source (given or decomposed). Shares are rounded to 0.01 亩 so that each level adds up exactly "
            "to its parent.\n\n"
            "Example: a county target of 50 000 亩 becomes township, village and group targets; a township given its own "
            "target keeps it."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(PARCELS, self.tr("Parcels (DLTB)"), [QgsProcessing.TypeVectorPolygon])
        )
        self.addParameter(QgsProcessingParameterField(CODE_FIELD, self.tr("Location unit code field"), "ZLDWDM", PARCELS))
        self.add_farmland_class_parameters(PARCELS)
        self.add_area_parameters(PARCELS, geometry_method=False)
        self.addParameter(QgsProcessingParameterField(NAME_FIELD, self.tr("Unit name field"), "ZLDWMC", PARCELS, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(TARGETS, self.tr("Targets table"), [QgsProcessing.TypeVector]))
        for name, label, default in (
            (TARGET_CODE_FIELD, self.tr("Target unit code field"), "unit_code"),
            (FARMLAND_TARGET_FIELD, self.tr("Farmland target field (亩)"), "farmland_target_mu"),
            (PBF_TARGET_FIELD, self.tr("PBF target field (亩)"), "pbf_target_mu"),
            (TARGET_NAME_FIELD, self.tr("Target unit name field"), "unit_name"),
        ):
            self.addParameter(QgsProcessingParameterField(name, label, default, TARGETS, optional=name != TARGET_CODE_FIELD))
        self.addParameter(
            QgsProcessingParameterEnum(
                BOTTOM_LEVEL,
                self.tr("Decompose down to"),
                [self.tr("Townships"), self.tr("Administrative villages"), self.tr("Villager groups")],
                defaultValue=BOTTOM_LEVELS.index(LEVEL_GROUP),
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                LEVEL_LENGTHS, self.tr("Code prefix lengths of county, township, village, group"), "6,9,12,15"
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, self.tr("Decomposed targets"), QgsProcessing.TypeVector))

    def read(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, PARCELS, context)
        if source is None:
            fail(self.tr("The parcel layer could not be opened"))
        lengths = LevelLengths.parse(self.parameterAsString(parameters, LEVEL_LENGTHS, context))
        class_field, classes = self.read_farmland_classes(parameters, context, source)
        targets = self.parameterAsSource(parameters, TARGETS, context)
        if targets is None:
            fail(self.tr("The targets table could not be opened"))
        keys = (FARMLAND_TARGET_FIELD, PBF_TARGET_FIELD)
        value_fields = tuple(self.parameterAsString(parameters, key, context) for key in keys)
        if not any(value_fields):
            fail(self.tr("Name the farmland target field, the PBF target field or both"))
        for key, field in zip(keys, value_fields):
            if field:
                require_field(targets, field, key)
        return DecomposeParams(
            source=source,
            direct=self.direct_layer(parameters, PARCELS, context, GEOPACKAGE_SUFFIXES),
            lengths=lengths,
            code_field=require_field(source, self.parameterAsString(parameters, CODE_FIELD, context), CODE_FIELD),
            class_field=class_field,
            classes=tuple(classes),
            area=self.read_area_choice(parameters, context, source, source.sourceCrs()),
            name_field=optional_field(source, self.parameterAsString(parameters, NAME_FIELD, context)),
            bottom_level=BOTTOM_LEVELS[self.parameterAsEnum(parameters, BOTTOM_LEVEL, context)],
            targets=targets,
            target_code_field=require_field(
                targets, self.parameterAsString(parameters, TARGET_CODE_FIELD, context), TARGET_CODE_FIELD
            ),
            value_fields=value_fields,
            target_name_field=optional_field(targets, self.parameterAsString(parameters, TARGET_NAME_FIELD, context)),
        )

    def execute(self, params, context, feedback, outputs):
        source, code_field, class_field, name_field = params.source, params.code_field, params.class_field, params.name_field
        area_field, lengths = params.area.field, params.lengths
        feedback.pushInfo(self.tr("Reading parcels…"))
        table = read_columns(
            source,
            [code_field, class_field, area_field, name_field],
            context,
            feedback,
            span=(0, 40),
            geometry=not area_field,  # geometries only to measure them
            layer=params.direct,
        )
        if feedback.isCanceled():
            return {}
        farmland = farmland_mask(table.columns[class_field], list(params.classes))
        area_m2 = to_number(table.columns[area_field]) if area_field else params.area.measure(table.geoms)
        area_label = params.area.label
        unmeasured = np.flatnonzero(farmland & ~np.isfinite(area_m2))
        if len(unmeasured):
            listed = ", ".join(str(table.fids[i]) for i in unmeasured[:LISTED]) + (", …" if len(unmeasured) > LISTED else "")
            feedback.pushWarning(
                self.tr("{0} farmland parcels have no usable area in {1} and count as 0 亩 (feature ids: {2})").format(
                    len(unmeasured), area_field, listed
                )
            )
        farmland_mu = np.where(farmland & np.isfinite(area_m2), sqm_to_mu(area_m2), 0.0)
        basis = farmland_basis(
            table.columns[code_field], farmland_mu, table.columns.get(name_field) or [None] * len(table), lengths
        )
        for code, count, message in basis.invalid[:LISTED]:
            feedback.pushWarning(
                self.tr("{0} parcels with unit code {1!r} are left out: {2}").format(count, code, render(message))
            )
        if len(basis.invalid) > LISTED:
            feedback.pushWarning(self.tr("… and {0} more unusable unit codes").format(len(basis.invalid) - LISTED))

        targets, target_names = self._read_targets(params, context, feedback)
        if feedback.isCanceled():
            return {}
        feedback.pushInfo(self.tr("Decomposing targets…"))
        result = decompose(targets, basis.mu, lengths, params.bottom_level)
        for warning in result.warnings:
            feedback.pushWarning(render(warning))
        if not result.rows:
            fail(self.tr("No target row could be used; the warnings above say why"))

        rows = [
            (
                r.grid_code,
                r.level,
                LEVEL_NAMES[r.level],
                r.parent_code,
                target_names.get(r.grid_code) or basis.names.get(r.grid_code, ""),
                round(r.basis_mu, 4),
                r.farmland_target_mu,
                r.pbf_target_mu,
                r.source,
                area_label,
            )
            for r in result.rows
        ]
        dest_id = outputs.write(OUTPUT, TARGET_FIELDS, rows)
        self._log_summary(result.rows, feedback)
        return {OUTPUT: dest_id}

    def _read_targets(self, params, context, feedback):
        """Grid code → (farmland 亩 or None, PBF 亩 or None) and grid code → name, from the usable target rows."""
        source, code_field, value_fields, name_field = (
            params.targets,
            params.target_code_field,
            params.value_fields,
            params.target_name_field,
        )
        lengths = params.lengths
        table = read_columns(source, [code_field, *value_fields, name_field], context, feedback, span=(40, 45), geometry=False)
        numbers = {f: to_number(table.columns[f]) for f in value_fields if f}

        targets, names, rows_of = {}, {}, {}
        for n in range(len(table)):
            row = n + 2  # the spreadsheet row: the header is row 1
            try:
                code, _level = grid_code_of(_code_text(table.columns[code_field][n]), lengths)
            except UnitCodeError as exc:
                feedback.pushWarning(self.tr("Target row {0} is skipped: {1}").format(row, render(exc.message)))
                continue
            bad = next((f for f in numbers if not (np.isfinite(numbers[f][n]) and numbers[f][n] >= 0)), None)
            if bad:
                value = table.columns[bad][n]
                feedback.pushWarning(
                    self.tr("Target row {0} ({1}) is skipped: {2} {3!r} is not a number of 亩 of zero or more").format(
                        row, code, bad, "" if value is None else value
                    )
                )
                continue
            rows_of.setdefault(code, []).append(row)
            targets[code] = tuple(float(numbers[f][n]) if f else None for f in value_fields)
            if name_field and table.columns[name_field][n] not in (None, ""):
                names[code] = str(table.columns[name_field][n]).strip()
        for code, _rows, message in repeated_targets(rows_of):
            feedback.pushWarning(render(message))
            del targets[code]
            names.pop(code, None)
        return targets, names

    def _log_summary(self, rows, feedback):
        by_level = Counter(r.level for r in rows)
        for level in sorted(by_level):
            farmland = sum(r.farmland_target_mu or 0.0 for r in rows if r.level == level)
            pbf = sum(r.pbf_target_mu or 0.0 for r in rows if r.level == level)
            feedback.pushInfo(
                self.tr("Level {0} ({1}): {2} units, farmland target {3:.2f} 亩, PBF target {4:.2f} 亩").format(
                    level, LEVEL_NAMES[level], by_level[level], farmland, pbf
                )
            )
