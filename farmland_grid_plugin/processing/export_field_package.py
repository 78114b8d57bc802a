"""farmlandgrid:exportfieldpackage — a QField package per patroller, for work without a server (下发到手机)."""

from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Optional

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureSource,
    QgsProcessing,
    QgsProcessingOutputFolder,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)

from ..services import field_package_data as data
from ..services.field_package_export import ExportSettings, export_packages
from ..services.sources import GEOPACKAGE_SUFFIXES, read_columns, require_field
from ..store import open_workspace
from .base import FarmlandGridAlgorithm, fail
from .workspace_parameter import add_workspace_parameter, missing_file, read_workspace, workspace_help

GRID = "GRID"
PARCELS = "PARCELS"
WORKSPACE = "WORKSPACE"
PBF = "PBF"
PERIODS = "PERIODS"
LEVEL = "LEVEL"
CODE_PREFIX = "CODE_PREFIX"
BASEMAP = "BASEMAP"
FOLDER = "FOLDER"
ZIP = "ZIP"
PACKAGES = "PACKAGES"
LEVELS = (data.LEVEL_GROUP, data.LEVEL_VILLAGE)


@dataclass(frozen=True)
class ExportParams:
    grid: QgsFeatureSource
    parcels: QgsFeatureSource
    parcels_direct: object
    pbf: Optional[QgsFeatureSource]
    pbf_direct: object
    periods: Optional[QgsFeatureSource]
    workspace: str
    level: int
    prefix: str
    basemap: Optional[str]
    folder: Path
    zip: bool
    crs: QgsCoordinateReferenceSystem


class ExportFieldPackageAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "exportfieldpackage"
    GROUP = "evidence"
    ADVANCED = (LEVEL, CODE_PREFIX, BASEMAP)

    def displayName(self):
        return self.tr("Export field packages (QField)")

    def shortHelpString(self):
        text = self.tr(
            "Hands the patrol tasks and open cases down to the patrollers' phones (下发到手机): one QField package per "
            "patroller, opened offline (copied by cable, USB stick or a file share; no server).\n\n"
            "Give: the grid cells (GRID; a cell's patroller is its 田管员, else its first person), the coded parcels "
            "(PARCELS) and the workspace GeoPackage with the cases (WORKSPACE); optionally the permanent basic "
            "farmland (PBF), the patrol periods of the patrol coverage (PERIODS), a basemap (BASEMAP, GeoTIFF or "
            "MBTiles), the cells a package covers (LEVEL) and a code prefix (CODE_PREFIX, e.g. one township).\n\n"
            "Out comes one folder per patroller (FOLDER), named by the first cell code and the person, optionally "
            "zipped (ZIP): project.qgs, data.gpkg with the person's cells, parcels, PBF and open cases, DCIM/ for "
            "the photos and manifest.json. Bring them back with the field package import.\n\n"
            "Example: CODE_PREFIX 130123001 (城关镇): a package for each villager group's 田管员."
        )
        return text + "\n\n" + workspace_help()

    def initAlgorithm(self, config=None):
        polygons = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(GRID, self.tr("Grid cells"), polygons))
        self.addParameter(QgsProcessingParameterFeatureSource(PARCELS, self.tr("Coded parcels"), polygons))
        add_workspace_parameter(self, self.tr("Workspace with the cases"))
        self.addParameter(QgsProcessingParameterFeatureSource(PBF, self.tr("Permanent basic farmland"), polygons, optional=True))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                PERIODS, self.tr("Patrol periods of the patrol coverage"), [QgsProcessing.TypeVector], optional=True
            )
        )
        levels = QgsProcessingParameterEnum(
            LEVEL, self.tr("Cells of one package"), [self.tr("Villager group"), self.tr("Village")], defaultValue=0
        )
        levels.setHelp(self.tr("Villages without groups are their own bottom cell and get a package at group level too."))
        self.addParameter(levels)
        prefix = QgsProcessingParameterString(CODE_PREFIX, self.tr("Only cells whose code starts with"), optional=True)
        prefix.setHelp(self.tr("A township or village code: packages for its cells only."))
        self.addParameter(prefix)
        basemap = QgsProcessingParameterRasterLayer(BASEMAP, self.tr("Basemap (GeoTIFF, MBTiles)"), optional=True)
        basemap.setHelp(self.tr("Cut to each package's cells with a margin of 200 m."))
        self.addParameter(basemap)
        self.addParameter(QgsProcessingParameterFolderDestination(FOLDER, self.tr("Folder of the packages")))
        self.addParameter(QgsProcessingParameterBoolean(ZIP, self.tr("Also zip each package"), False))
        self.addOutput(QgsProcessingOutputNumber(PACKAGES, self.tr("Number of packages")))
        self.addOutput(QgsProcessingOutputFolder(FOLDER, self.tr("Folder of the packages")))

    def read(self, parameters, context, feedback) -> ExportParams:
        grid = self.parameterAsSource(parameters, GRID, context)
        require_field(grid, "grid_code", GRID)
        require_field(grid, "level", GRID)
        parcels = self.parameterAsSource(parameters, PARCELS, context)
        workspace = read_workspace(self, parameters, context)
        if missing_file(workspace):
            fail(self.tr("The workspace {0} does not exist: issue the cases first (issuecases)").format(workspace or "—"))
        basemap = self.parameterAsRasterLayer(parameters, BASEMAP, context)
        extent = grid.sourceExtent()
        longitude = extent.center().x()
        if not grid.sourceCrs().isGeographic() and grid.sourceCrs().isValid():
            longitude = _longitude_of(grid.sourceCrs(), extent.center(), context)
        return ExportParams(
            grid=grid,
            parcels=parcels,
            parcels_direct=self.direct_layer(parameters, PARCELS, context, GEOPACKAGE_SUFFIXES),
            pbf=self.parameterAsSource(parameters, PBF, context),
            pbf_direct=self.direct_layer(parameters, PBF, context, GEOPACKAGE_SUFFIXES),
            periods=self.parameterAsSource(parameters, PERIODS, context),
            workspace=workspace,
            level=LEVELS[self.parameterAsEnum(parameters, LEVEL, context)],
            prefix=(self.parameterAsString(parameters, CODE_PREFIX, context) or "").strip(),
            basemap=basemap.source() if basemap is not None else None,
            folder=Path(self.parameterAsString(parameters, FOLDER, context)),
            zip=self.parameterAsBool(parameters, ZIP, context),
            crs=data.package_crs(grid.sourceCrs(), longitude),
        )

    def execute(self, params: ExportParams, context, feedback, outputs):
        now = datetime.now(timezone.utc).replace(microsecond=0)
        feedback.pushInfo(self.tr("Package CRS: {0}").format(params.crs.authid() or params.crs.description()))
        grid = data.read_grid(params.grid, params.crs, context, feedback)
        cells = data.package_cells(grid, params.level, params.prefix)
        if not len(cells):
            fail(self.tr("No grid cell of the chosen level has a code starting with “{0}”").format(params.prefix))
        packages, orphans = data.plan_packages(grid, cells)
        if orphans:
            feedback.pushWarning(
                self.tr("{0} cells have no responsible person and get no package: {1}").format(len(orphans), ", ".join(orphans))
            )
        if not packages:
            fail(self.tr("No cell has a responsible person: give delineategrid a roster (ROSTER)"))
        parcels = data.read_parcels(params.parcels, params.crs, context, feedback, params.parcels_direct)
        pbf = None
        if params.pbf is not None:
            direct = params.pbf_direct if params.pbf.sourceCrs() == params.crs else None
            pbf = read_columns(params.pbf, [], context, feedback, dest_crs=params.crs, span=(40, 45), layer=direct).geoms
            pbf = np.asarray(pbf, dtype=object)
            pbf = shapely.make_valid(pbf[~(shapely.is_missing(pbf) | shapely.is_empty(pbf))])
        feedback.pushInfo(self.tr("Splitting parcels, PBF and cases between {0} packages…").format(len(packages)))
        all_cells = np.flatnonzero(np.isin(grid.levels, np.unique(grid.levels[cells])))
        data.assign(packages, grid, parcels, pbf, all_cells)
        with open_workspace(params.workspace, create=False, transform_context=context.transformContext()) as workspace:
            data.open_cases(workspace, packages, grid, params.crs)
            identity, version = workspace.identity, workspace.schema_version
        periods = data.read_periods(params.periods, date.today(), context, feedback)
        settings = ExportSettings(params.folder, params.crs, params.level, params.basemap, params.zip, identity, version, now)
        params.folder.mkdir(parents=True, exist_ok=True)
        written = export_packages(settings, packages, grid, parcels, periods, feedback)
        for item in written:
            feedback.pushInfo(
                self.tr("{0}: {1} cells, {2} parcels, {3} open cases, {4:.1f} MB").format(
                    item.package_id, item.cells, item.parcels, item.cases, item.bytes / 1e6
                )
            )
        feedback.pushInfo(self.tr("{0} packages written to {1}").format(len(written), params.folder))
        return {PACKAGES: len(written), FOLDER: str(params.folder)}


def _longitude_of(crs, point, context) -> float:
    to_geographic = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem("EPSG:4490"), context.transformContext())
    return to_geographic.transform(point).x()
