"""farmlandgrid:delineategrid — the six-level supervision grid from DLTB parcels (六级网格划分)."""

from collections import Counter
from dataclasses import dataclass
from typing import Optional

import numpy as np
from qgis.core import (
    QgsFeatureSource,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..domain import grid
from ..domain.area import sqm_to_mu
from ..domain.grid_pbf import cell_pbf_m2
from ..domain.grid_qa import GEOMETRY_MEASURED_ISSUES
from ..domain.landclass import farmland_mask
from ..domain.messages import Progress
from ..domain.roster import Roster
from ..domain.unitcode import LEVEL_NAMES, LevelLengths
from ..i18n import render
from ..services import labels
from ..services.sources import GEOPACKAGE_SUFFIXES, optional_field, read_columns, require_field, to_number
from .base import AreaChoice, FarmlandGridAlgorithm, fail

INPUT = "INPUT"
CODE_FIELD = "CODE_FIELD"
NAME_FIELD = "NAME_FIELD"
ID_FIELD = "ID_FIELD"
LEVEL_LENGTHS = "LEVEL_LENGTHS"
ROSTER = "ROSTER"
ROSTER_CODE_FIELD = "ROSTER_CODE_FIELD"
ROSTER_PERSON_FIELD = "ROSTER_PERSON_FIELD"
ROSTER_ROLE_FIELD = "ROSTER_ROLE_FIELD"
ROSTER_PHONE_FIELD = "ROSTER_PHONE_FIELD"
ROSTER_NAME_FIELD = "ROSTER_NAME_FIELD"
BOUNDARIES = "BOUNDARIES"
BOUNDARY_CODE_FIELD = "BOUNDARY_CODE_FIELD"
BOUNDARY_NAME_FIELD = "BOUNDARY_NAME_FIELD"
TOLERANCE = "TOLERANCE"
PBF = "PBF"
OUTPUT = "OUTPUT"
OUTPUT_ISSUES = "OUTPUT_ISSUES"
CELL_COUNT = "CELL_COUNT"
ISSUE_COUNT = "ISSUE_COUNT"
FARMLAND_MU = "FARMLAND_MU"
ROSTER_FIELD_KEYS = (ROSTER_CODE_FIELD, ROSTER_PERSON_FIELD, ROSTER_ROLE_FIELD, ROSTER_PHONE_FIELD, ROSTER_NAME_FIELD)

CELL_FIELDS = (
    ("grid_code", QVariant.String, "网格编码"),
    ("level", QVariant.Int, "网格层级"),
    ("level_name", QVariant.String, "层级名称"),
    ("parent_code", QVariant.String, "上级网格编码"),
    ("unit_name", QVariant.String, "单位名称"),
    ("farmland_mu", QVariant.Double, "耕地面积(亩)"),
    ("farmland_count", QVariant.Int, "耕地图斑数"),
    ("parcel_count", QVariant.Int, "图斑数"),
    ("area_method", QVariant.String, "面积计算方法"),
    ("persons", QVariant.String, "责任人"),
    ("roles", QVariant.String, "职务"),
    ("phones", QVariant.String, "联系电话"),
    ("person_count", QVariant.Int, "责任人数"),
    ("geom_source", QVariant.String, "边界来源"),
    ("pbf_mu", QVariant.Double, "永久基本农田面积(亩)"),
)

ISSUE_FIELDS = (
    ("issue_type", QVariant.String, "问题类型"),
    ("level", QVariant.Int, "网格层级"),
    ("grid_code", QVariant.String, "网格编码"),
    ("other_code", QVariant.String, "相关编码"),
    ("layer", QVariant.String, "来源图层"),
    ("feature_id", QVariant.String, "要素标识"),
    ("area_mu", QVariant.Double, "面积(亩)"),
    ("area_method", QVariant.String, "面积计算方法"),
    ("message", QVariant.String, "说明"),
)


@dataclass(frozen=True)
class DelineateParams:
    source: QgsFeatureSource
    direct: Optional[QgsVectorLayer]  # the same parcels read straight from their GeoPackage, where possible
    lengths: LevelLengths
    classes: tuple
    code_field: str
    class_field: str
    area: AreaChoice
    name_field: Optional[str]
    id_field: Optional[str]
    boundaries: Optional[QgsFeatureSource]
    boundary_code_field: Optional[str]
    boundary_name_field: Optional[str]
    roster: Optional[QgsFeatureSource]
    roster_fields: dict  # parameter name → field of the roster (None where absent)
    tolerance_m2: float
    pbf: Optional[QgsFeatureSource] = None  # permanent basic farmland polygons, measured into every cell


class DelineateGridAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "delineategrid"
    GROUP = "grid"
    # Rarely changed: under Advanced parameters.
    ADVANCED = (ID_FIELD, LEVEL_LENGTHS, ROSTER_ROLE_FIELD, ROSTER_PHONE_FIELD, ROSTER_NAME_FIELD, BOUNDARY_NAME_FIELD, TOLERANCE)

    def displayName(self):
        return self.tr("Delineate supervision grid")

    def shortHelpString(self):
        return self.tr(
            "Builds the supervision grid (网格): county, township, village and villager-group cells dissolved from the "
            "land-survey parcels, with the province and city cells above them when the parcels span several counties, and "
            "checks it.\n\n"
            "Give: the parcels (DLTB, INPUT) with their location code (ZLDWDM); optionally official boundaries (BOUNDARIES, "
            "e.g. CJDCQ), a roster of responsible persons (ROSTER: unit_code, person, role, phone) and permanent basic "
            "farmland (PBF). Code lengths per level: LEVEL_LENGTHS (6,9,12,15).\n\n"
            "Out come: the grid cells (OUTPUT) with grid_code, level, unit_name, farmland_mu (亩) and persons; the issues "
            "(OUTPUT_ISSUES): gaps, overlaps, code mismatches, cells without a person, invalid codes and geometries, each "
            "with its area. Clean input gives no issues.\n\n"
            "Example: the county's DLTB and the roster: a cell for every township, village and villager group, each with its "
            "网格长."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(INPUT, self.tr("Parcels (DLTB)"), [QgsProcessing.TypeVectorPolygon])
        )
        self.addParameter(QgsProcessingParameterField(CODE_FIELD, self.tr("Location unit code field"), "ZLDWDM", INPUT))
        self.add_farmland_class_parameters(INPUT)
        self.add_area_parameters(INPUT)
        self.addParameter(QgsProcessingParameterField(NAME_FIELD, self.tr("Unit name field"), "ZLDWMC", INPUT, optional=True))
        self.addParameter(QgsProcessingParameterField(ID_FIELD, self.tr("Parcel identifier field"), "BSM", INPUT, optional=True))
        self.addParameter(
            QgsProcessingParameterString(
                LEVEL_LENGTHS,
                self.tr("Code prefix lengths of [province, city,] county, township, village, group"),
                "6,9,12,15",
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                ROSTER, self.tr("Roster of responsible persons"), [QgsProcessing.TypeVector], optional=True
            )
        )
        for name, label, default in (
            (ROSTER_CODE_FIELD, self.tr("Roster unit code field"), "unit_code"),
            (ROSTER_PERSON_FIELD, self.tr("Roster person field"), "person"),
            (ROSTER_ROLE_FIELD, self.tr("Roster role field"), "role"),
            (ROSTER_PHONE_FIELD, self.tr("Roster phone field"), "phone"),
            (ROSTER_NAME_FIELD, self.tr("Roster unit name field"), "unit_name"),
        ):
            self.addParameter(QgsProcessingParameterField(name, label, default, ROSTER, optional=True))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                BOUNDARIES, self.tr("Official boundaries"), [QgsProcessing.TypeVectorPolygon], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(BOUNDARY_CODE_FIELD, self.tr("Boundary code field"), "ZLDWDM", BOUNDARIES, optional=True)
        )
        self.addParameter(
            QgsProcessingParameterField(BOUNDARY_NAME_FIELD, self.tr("Boundary name field"), "ZLDWMC", BOUNDARIES, optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                PBF, self.tr("Permanent basic farmland"), [QgsProcessing.TypeVectorPolygon], optional=True
            )
        )
        tolerance = QgsProcessingParameterNumber(
            TOLERANCE,
            self.tr("Smallest gap or overlap reported (m²)"),
            QgsProcessingParameterNumber.Double,
            0.1,
            minValue=0.0,
        )
        tolerance.setFlags(tolerance.flags() | tolerance.FlagAdvanced)
        self.addParameter(tolerance)
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT, self.tr("Grid cells")))
        self.addParameter(QgsProcessingParameterFeatureSink(OUTPUT_ISSUES, self.tr("Grid issues")))
        self.addOutput(QgsProcessingOutputNumber(CELL_COUNT, self.tr("Number of cells")))
        self.addOutput(QgsProcessingOutputNumber(ISSUE_COUNT, self.tr("Number of issues")))
        self.addOutput(QgsProcessingOutputNumber(FARMLAND_MU, self.tr("Farmland in the county cells (亩)")))

    def read(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, INPUT, context)
        if source is None:
            fail(self.tr("The parcel layer could not be opened"))
        class_field, classes = self.read_farmland_classes(parameters, context, source)
        roster = self.parameterAsSource(parameters, ROSTER, context)
        boundaries = self.parameterAsSource(parameters, BOUNDARIES, context)
        return DelineateParams(
            source=source,
            direct=self.direct_layer(parameters, INPUT, context, GEOPACKAGE_SUFFIXES),
            lengths=LevelLengths.parse(self.parameterAsString(parameters, LEVEL_LENGTHS, context)),
            classes=tuple(classes),
            code_field=require_field(source, self.parameterAsString(parameters, CODE_FIELD, context), CODE_FIELD),
            class_field=class_field,
            area=self.read_area_choice(parameters, context, source, source.sourceCrs()),
            name_field=optional_field(source, self.parameterAsString(parameters, NAME_FIELD, context)),
            id_field=optional_field(source, self.parameterAsString(parameters, ID_FIELD, context)),
            boundaries=boundaries,
            boundary_code_field=(
                require_field(boundaries, self.parameterAsString(parameters, BOUNDARY_CODE_FIELD, context), BOUNDARY_CODE_FIELD)
                if boundaries is not None
                else None
            ),
            boundary_name_field=optional_field(boundaries, self.parameterAsString(parameters, BOUNDARY_NAME_FIELD, context)),
            roster=roster,
            roster_fields=self._roster_fields(parameters, context, roster) if roster is not None else {},
            tolerance_m2=self.parameterAsDouble(parameters, TOLERANCE, context),
            pbf=self.parameterAsSource(parameters, PBF, context),
        )

    def _roster_fields(self, parameters, context, roster):
        names = {key: self.parameterAsString(parameters, key, context) for key in ROSTER_FIELD_KEYS}
        for key in (ROSTER_CODE_FIELD, ROSTER_PERSON_FIELD):
            require_field(roster, names[key], key)
        return {
            key: name if key in (ROSTER_CODE_FIELD, ROSTER_PERSON_FIELD) else optional_field(roster, name)
            for key, name in names.items()
        }

    def execute(self, params, context, feedback, outputs):
        crs = params.source.sourceCrs()
        if params.area.measure.problem is not None and params.area.field is None:
            raise params.area.measure.problem  # no areas at all without a CRS or with planar degrees
        feedback.pushInfo(self.tr("Reading parcels…"))
        table = read_columns(
            params.source,
            [params.code_field, params.class_field, params.area.field, params.name_field, params.id_field],
            context,
            feedback,
            layer=params.direct,
        )
        if feedback.isCanceled():
            return {}
        id_values = table.columns.get(params.id_field)
        ids = [str(v) if v not in (None, "") else f"fid {fid}" for v, fid in zip(id_values or table.fids, table.fids)]
        parcels = grid.Parcels(
            geoms=table.geoms,
            codes=table.columns[params.code_field],
            farmland=farmland_mask(table.columns[params.class_field], list(params.classes)),
            # None: measured by the domain after repairing invalid geometries
            area_m2=to_number(table.columns[params.area.field]) if params.area.field else None,
            names=table.columns.get(params.name_field) or [None] * len(table),
            ids=ids,
            duplicate_key=id_values,
            fids=table.fids,
        )
        boundaries = self._read_boundaries(params, context, feedback, crs) if params.boundaries is not None else None
        roster = self._read_roster(params, context, feedback)
        if feedback.isCanceled():
            return {}

        feedback.pushInfo(self.tr("Delineating cells…"))
        result = grid.delineate(
            parcels,
            params.area.measure,
            lengths=params.lengths,
            boundaries=boundaries,
            roster=roster,
            tolerance_m2=params.tolerance_m2,
            progress=Progress(lambda p: feedback.setProgress(40 + 0.5 * p), feedback.isCanceled),
        )
        pbf_m2 = self._pbf_per_cell(params, result, crs, context, feedback) if params.pbf is not None else {}
        cells_id = outputs.write(
            OUTPUT,
            CELL_FIELDS,
            [_cell_row(c, params.area.label, pbf_m2.get(c.grid_code)) for c in result.cells],
            [c.geometry for c in result.cells],
            QgsWkbTypes.MultiPolygon,
            crs,
            "grid_cells.qml",
            span=(90, 95),
        )
        issues_id = outputs.write(
            OUTPUT_ISSUES,
            ISSUE_FIELDS,
            [_issue_row(i, params.area) for i in result.issues],
            [i.geometry for i in result.issues],
            QgsWkbTypes.MultiPolygon,
            crs,
            "grid_issues.qml",
            span=(95, 100),
        )
        self._log_summary(result, feedback)
        county_mu = sum(sqm_to_mu(c.farmland_m2) for c in result.cells if c.level == 3)
        return {
            OUTPUT: cells_id,
            OUTPUT_ISSUES: issues_id,
            CELL_COUNT: len(result.cells),
            ISSUE_COUNT: len(result.issues),
            FARMLAND_MU: round(float(county_mu), 4),
        }

    def _pbf_per_cell(self, params, result, crs, context, feedback):
        """PBF m² per cell, measured ellipsoidally in the bottom cells (as quotaoverlay measures it) and summed up."""
        if params.area.measure.problem is not None:
            raise params.area.measure.problem
        feedback.pushInfo(self.tr("Measuring permanent basic farmland in the cells…"))
        table = read_columns(params.pbf, [], context, feedback, dest_crs=crs, span=(85, 90))
        geoms = table.geoms[~np.equal(table.geoms, None)]
        totals, outside = cell_pbf_m2(result.cells, result.parcel_cells, geoms, params.area.measure, params.lengths)
        lost = outside > 1.0
        if lost.any():
            feedback.reportError(
                self.tr("{0} PBF polygons lie partly or wholly outside the cells ({1:.2f} 亩); not counted").format(
                    int(lost.sum()), float(sqm_to_mu(outside[lost].sum()))
                )
            )
        return totals

    def _read_boundaries(self, params, context, feedback, crs):
        source = params.boundaries
        if source.sourceCrs() != crs:
            feedback.pushInfo(
                self.tr("Boundaries are in {0}; they are reprojected to the parcels' {1}").format(
                    source.sourceCrs().authid(), crs.authid()
                )
            )
        fields = [params.boundary_code_field, params.boundary_name_field]
        table = read_columns(source, fields, context, feedback, dest_crs=crs, span=(30, 35))
        return grid.Boundaries(
            geoms=table.geoms,
            codes=table.columns[params.boundary_code_field],
            names=table.columns.get(params.boundary_name_field) or [None] * len(table),
            ids=[f"fid {fid}" for fid in table.fids],
        )

    def _read_roster(self, params, context, feedback):
        if params.roster is None:
            feedback.pushWarning(self.tr("No roster given: responsible persons are not checked"))
            return None
        names = params.roster_fields
        table = read_columns(params.roster, list(names.values()), context, feedback, span=(35, 40), geometry=False)

        def column(key):
            values = table.columns.get(names[key]) or [None] * len(table)
            return [None if v is None else str(v).strip() for v in values]

        return Roster(
            codes=column(ROSTER_CODE_FIELD),
            persons=column(ROSTER_PERSON_FIELD),
            roles=column(ROSTER_ROLE_FIELD),
            phones=column(ROSTER_PHONE_FIELD),
            names=column(ROSTER_NAME_FIELD),
            ids=[str(n + 1) for n in range(len(table))],
        )

    def _log_summary(self, result, feedback):
        by_level = Counter(c.level for c in result.cells)
        for level in sorted(by_level):
            total = sum(sqm_to_mu(c.farmland_m2) for c in result.cells if c.level == level)
            feedback.pushInfo(
                self.tr("Level {0} ({1}): {2} cells, {3:.2f} 亩 farmland").format(
                    level, LEVEL_NAMES[level], by_level[level], total
                )
            )
        parents = {c.parent_code for c in result.cells}
        for level in sorted(by_level):
            if level + 1 not in by_level:
                continue
            childless = [c for c in result.cells if c.level == level and c.grid_code not in parents]
            if childless:
                message = self.tr(
                    "{0} cells of level {1} ({2}) have no cells of level {3} ({4}) below them: their {5:.2f} 亩 of farmland "
                    "count at level {1} only, which is why level {3} adds up to less"
                )
                mu = sum(sqm_to_mu(c.farmland_m2) for c in childless)
                names = LEVEL_NAMES[level], LEVEL_NAMES[level + 1]
                feedback.pushInfo(message.format(len(childless), level, names[0], level + 1, names[1], mu))
        for kind, count in sorted(Counter(i.issue_type for i in result.issues).items()):
            feedback.pushWarning(self.tr("Issue {0}: {1}").format(labels.display("issue_type", kind), count))
        if not result.issues:
            feedback.pushInfo(self.tr("No issues found"))


def _cell_row(cell, area_label, pbf_m2):
    return (
        cell.grid_code,
        cell.level,
        LEVEL_NAMES[cell.level],
        cell.parent_code,
        cell.unit_name,
        round(float(sqm_to_mu(cell.farmland_m2)), 4),
        cell.farmland_count,
        cell.parcel_count,
        area_label,
        grid.PERSON_SEPARATOR.join(p[0] for p in cell.persons),
        grid.PERSON_SEPARATOR.join(p[1] for p in cell.persons),
        grid.PERSON_SEPARATOR.join(p[2] for p in cell.persons),
        len(cell.persons),
        cell.source,
        None if pbf_m2 is None else round(float(sqm_to_mu(pbf_m2)), 4),
    )


def _issue_row(issue, area):
    # Gaps and overlaps are measured on their geometry; parcel and cell issues carry the figures used.
    label = area.measure.label if issue.issue_type in GEOMETRY_MEASURED_ISSUES else area.label
    return (
        issue.issue_type,
        issue.level,
        issue.grid_code,
        issue.other_code,
        issue.layer,
        issue.feature_id,
        None if issue.area_m2 is None else round(float(sqm_to_mu(issue.area_m2)), 4),
        label if issue.area_m2 is not None else None,
        render(issue.message),
    )
