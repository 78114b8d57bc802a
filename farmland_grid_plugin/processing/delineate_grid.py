"""farmlandgrid:delineategrid — the six-level supervision grid from DLTB parcels (六级网格划分)."""

from collections import Counter

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QVariant

from ..domain import grid
from ..domain.area import METHOD_ELLIPSOIDAL, METHOD_FIELD, METHOD_PLANAR, method_label, sqm_to_mu
from ..domain.landclass import DEFAULT_FARMLAND_CLASSES, farmland_mask, parse_class_list
from ..domain.messages import Canceled, DomainError, Progress
from ..domain.unitcode import LEVEL_NAMES, LevelLengths
from ..i18n import render
from ..services.crs import GeometryArea
from ..services.sinks import build_fields, style_output, write_features
from ..services.sources import GEOPACKAGE_SUFFIXES, read_columns, require_field, to_number
from .base import FarmlandGridAlgorithm, fail

INPUT = "INPUT"
CODE_FIELD = "CODE_FIELD"
CLASS_FIELD = "CLASS_FIELD"
FARMLAND_CLASSES = "FARMLAND_CLASSES"
AREA_FIELD = "AREA_FIELD"
GEOMETRY_AREA = "GEOMETRY_AREA"
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
OUTPUT = "OUTPUT"
OUTPUT_ISSUES = "OUTPUT_ISSUES"
CELL_COUNT = "CELL_COUNT"
ISSUE_COUNT = "ISSUE_COUNT"
FARMLAND_MU = "FARMLAND_MU"

GEOMETRY_METHODS = (METHOD_ELLIPSOIDAL, METHOD_PLANAR)

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


class DelineateGridAlgorithm(FarmlandGridAlgorithm):
    def tr(self, text):
        return QCoreApplication.translate("DelineateGridAlgorithm", text)

    def name(self):
        return "delineategrid"

    def displayName(self):
        return self.tr("Delineate supervision grid")

    def group(self):
        return self.tr("Supervision grid")

    def groupId(self):
        return "grid"

    def shortHelpString(self):
        return self.tr(
            "Builds the grid cells of the county, township, village and villager-group levels from land-survey "
            "parcels (DLTB), and checks the grid.\n\n"
            "Inputs: the parcel layer; its location-unit code field (ZLDWDM, 19 characters); its land-class field "
            "(DLBM) and the classes counted as farmland (0101,0102,0103; K/A suffixes are ignored); the area field "
            "(TBDLMJ, m², the official net area; leave it empty to measure the geometry ellipsoidally on the layer "
            "CRS's ellipsoid, or planar). Cells are dissolved from parcels on code prefixes of 6, 9, 12 and 15 "
            "characters; a group part of 000 makes the village the bottom cell. Optional official boundaries "
            "(e.g. CJDCQ, code field ZLDWDM) replace the dissolved cells and assign parcels by location. An optional "
            "roster (CSV or table: unit_code, person, role, phone) gives responsible persons.\n\n"
            "Outputs: grid cells with grid_code, level (3–6), parent_code, unit_name, farmland_mu (亩; 1 亩 = "
            "666.67 m²), parcel counts, area_method and persons; and an issues layer listing gaps, overlaps, cells "
            "outside their parent, code mismatches, cells without a responsible person, invalid codes and invalid "
            "geometries, each with its area in 亩. Clean input gives an empty issues layer."
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
        self.addParameter(
            QgsProcessingParameterField(
                AREA_FIELD,
                self.tr("Area field in m² (empty: measure geometry)"),
                "TBDLMJ",
                INPUT,
                QgsProcessingParameterField.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                GEOMETRY_AREA,
                self.tr("Geometry area method"),
                [self.tr("Ellipsoidal (layer CRS ellipsoid)"), self.tr("Planar (layer CRS units)")],
                defaultValue=0,
            )
        )
        self.addParameter(QgsProcessingParameterField(NAME_FIELD, self.tr("Unit name field"), "ZLDWMC", INPUT, optional=True))
        self.addParameter(QgsProcessingParameterField(ID_FIELD, self.tr("Parcel identifier field"), "BSM", INPUT, optional=True))
        self.addParameter(
            QgsProcessingParameterString(
                LEVEL_LENGTHS, self.tr("Code prefix lengths of county, township, village, group"), "6,9,12,15"
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
                BOUNDARIES, self.tr("Official boundaries (optional)"), [QgsProcessing.TypeVectorPolygon], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(BOUNDARY_CODE_FIELD, self.tr("Boundary code field"), "ZLDWDM", BOUNDARIES, optional=True)
        )
        self.addParameter(
            QgsProcessingParameterField(BOUNDARY_NAME_FIELD, self.tr("Boundary name field"), "ZLDWMC", BOUNDARIES, optional=True)
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

    def legacy_process(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, INPUT, context)
        if source is None:
            fail(self.tr("The parcel layer could not be opened"))
        try:
            lengths = LevelLengths.parse(self.parameterAsString(parameters, LEVEL_LENGTHS, context))
        except DomainError as exc:
            fail(exc)
        classes = parse_class_list(self.parameterAsString(parameters, FARMLAND_CLASSES, context))
        if not classes:
            fail(self.tr("Name at least one farmland land class, such as 0101,0102,0103"))
        code_field = require_field(source, self.parameterAsString(parameters, CODE_FIELD, context), CODE_FIELD)
        class_field = require_field(source, self.parameterAsString(parameters, CLASS_FIELD, context), CLASS_FIELD)
        area_field = self.parameterAsString(parameters, AREA_FIELD, context)
        if area_field:
            require_field(source, area_field, AREA_FIELD)
        optional = {
            key: name
            for key in (NAME_FIELD, ID_FIELD)
            if (name := self.parameterAsString(parameters, key, context)) and source.fields().lookupField(name) >= 0
        }
        crs = source.sourceCrs()
        geometry_method = GEOMETRY_METHODS[self.parameterAsEnum(parameters, GEOMETRY_AREA, context)]
        measure = GeometryArea(geometry_method, crs)
        if geometry_method == METHOD_PLANAR and crs.isGeographic():
            feedback.reportError(self.tr("Planar areas of a geographic CRS are in square degrees; choose the ellipsoidal method"))

        feedback.pushInfo(self.tr("Reading parcels…"))
        table = read_columns(
            source,
            [code_field, class_field, area_field, optional.get(NAME_FIELD), optional.get(ID_FIELD)],
            context,
            feedback,
            layer=self.direct_layer(parameters, INPUT, context, GEOPACKAGE_SUFFIXES),
        )
        if feedback.isCanceled():
            return {}
        ids = table.columns.get(optional.get(ID_FIELD)) or table.fids
        ids = [str(v) if v not in (None, "") else f"fid {fid}" for v, fid in zip(ids, table.fids)]
        if area_field:
            area_m2 = to_number(table.columns[area_field])
            area_label = method_label(METHOD_FIELD, area_field)
        else:
            area_m2 = None  # measured by the domain after repairing invalid geometries
            area_label = measure.label
        parcels = grid.Parcels(
            geoms=table.geoms,
            codes=table.columns[code_field],
            farmland=farmland_mask(table.columns[class_field], classes),
            area_m2=area_m2,
            names=table.columns.get(optional.get(NAME_FIELD)) or [None] * len(table),
            ids=ids,
        )
        boundaries = self._read_boundaries(parameters, context, feedback, crs)
        roster = self._read_roster(parameters, context, feedback)
        if feedback.isCanceled():
            return {}

        feedback.pushInfo(self.tr("Delineating cells…"))
        try:
            result = grid.delineate(
                parcels,
                measure,
                lengths=lengths,
                boundaries=boundaries,
                roster=roster,
                tolerance_m2=self.parameterAsDouble(parameters, TOLERANCE, context),
                progress=Progress(lambda p: feedback.setProgress(40 + 0.5 * p), feedback.isCanceled),
            )
        except Canceled:
            return {}
        except DomainError as exc:
            fail(exc)

        cell_fields = build_fields(CELL_FIELDS)
        sink, cells_id = self.parameterAsSink(parameters, OUTPUT, context, cell_fields, QgsWkbTypes.MultiPolygon, crs)
        rows = [
            (
                c.grid_code,
                c.level,
                LEVEL_NAMES[c.level],
                c.parent_code,
                c.unit_name,
                round(float(sqm_to_mu(c.farmland_m2)), 4),
                c.farmland_count,
                c.parcel_count,
                area_label,
                grid.PERSON_SEPARATOR.join(p[0] for p in c.persons),
                grid.PERSON_SEPARATOR.join(p[1] for p in c.persons),
                grid.PERSON_SEPARATOR.join(p[2] for p in c.persons),
                len(c.persons),
                c.source,
            )
            for c in result.cells
        ]
        write_features(sink, rows, [c.geometry for c in result.cells], feedback, span=(90, 95))
        issue_fields = build_fields(ISSUE_FIELDS)
        issue_sink, issues_id = self.parameterAsSink(
            parameters, OUTPUT_ISSUES, context, issue_fields, QgsWkbTypes.MultiPolygon, crs
        )
        issue_rows = [
            (
                i.issue_type,
                i.level,
                i.grid_code,
                i.other_code,
                i.layer,
                i.feature_id,
                None if i.area_m2 is None else round(float(sqm_to_mu(i.area_m2)), 4),
                (measure.label if i.issue_type in grid.GEOMETRY_MEASURED_ISSUES else area_label)
                if i.area_m2 is not None
                else None,
                render(i.message),
            )
            for i in result.issues
        ]
        write_features(issue_sink, issue_rows, [i.geometry for i in result.issues], feedback, span=(95, 100))
        del sink, issue_sink  # closes the files, so their styles can be stored beside the data
        style_output(context, cells_id, "grid_cells.qml", cell_fields, feedback)
        style_output(context, issues_id, "grid_issues.qml", issue_fields, feedback)

        self._log_summary(result, feedback)
        county_mu = sum(sqm_to_mu(c.farmland_m2) for c in result.cells if c.level == 3)
        return {
            OUTPUT: cells_id,
            OUTPUT_ISSUES: issues_id,
            CELL_COUNT: len(result.cells),
            ISSUE_COUNT: len(result.issues),
            FARMLAND_MU: round(float(county_mu), 4),
        }

    def _read_boundaries(self, parameters, context, feedback, crs):
        source = self.parameterAsSource(parameters, BOUNDARIES, context)
        if source is None:
            return None
        code_field = require_field(source, self.parameterAsString(parameters, BOUNDARY_CODE_FIELD, context), BOUNDARY_CODE_FIELD)
        name_field = self.parameterAsString(parameters, BOUNDARY_NAME_FIELD, context)
        if source.fields().lookupField(name_field or "") < 0:
            name_field = None
        if source.sourceCrs() != crs:
            feedback.pushInfo(
                self.tr("Boundaries are in {0}; they are reprojected to the parcels' {1}").format(
                    source.sourceCrs().authid(), crs.authid()
                )
            )
        table = read_columns(source, [code_field, name_field], context, feedback, dest_crs=crs, span=(30, 35))
        return grid.Boundaries(
            geoms=table.geoms,
            codes=table.columns[code_field],
            names=table.columns.get(name_field) or [None] * len(table),
            ids=[f"fid {fid}" for fid in table.fids],
        )

    def _read_roster(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, ROSTER, context)
        if source is None:
            feedback.pushWarning(self.tr("No roster given: responsible persons are not checked"))
            return None
        names = {
            key: self.parameterAsString(parameters, key, context)
            for key in (ROSTER_CODE_FIELD, ROSTER_PERSON_FIELD, ROSTER_ROLE_FIELD, ROSTER_PHONE_FIELD)
        }
        for key in (ROSTER_CODE_FIELD, ROSTER_PERSON_FIELD):
            require_field(source, names[key], key)
        for key in (ROSTER_ROLE_FIELD, ROSTER_PHONE_FIELD):
            if source.fields().lookupField(names[key] or "") < 0:
                names[key] = None
        unit_name = self.parameterAsString(parameters, ROSTER_NAME_FIELD, context)
        names[ROSTER_NAME_FIELD] = unit_name if source.fields().lookupField(unit_name or "") >= 0 else None
        table = read_columns(source, list(names.values()), context, feedback, span=(35, 40), geometry=False)

        def column(key):
            values = table.columns.get(names[key]) or [None] * len(table)
            return [None if v is None else str(v).strip() for v in values]

        return grid.Roster(
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
        for kind, count in sorted(Counter(i.issue_type for i in result.issues).items()):
            feedback.pushWarning(self.tr("Issue {0}: {1}").format(kind, count))
        if not result.issues:
            feedback.pushInfo(self.tr("No issues found"))
