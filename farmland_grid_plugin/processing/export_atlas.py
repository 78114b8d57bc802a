"""farmlandgrid:exportatlas — the responsibility atlas (网格责任图): one page per grid cell, PDF and images."""

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from qgis.core import (
    QgsExpression,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsLayoutExporter,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsMapLayerLegendUtils,
    QgsPalLayerSettings,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterVectorLayer,
    QgsProject,
    QgsRuleBasedRenderer,
    QgsSimpleFillSymbolLayer,
    QgsSimpleLineSymbolLayer,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from ..domain.spacecode import PREFIX_LENGTH, SERIAL_LENGTH
from ..domain.unitcode import LEVEL_GROUP, LEVEL_VILLAGE
from ..services import layouts
from ..services.files import unlink_links, writable_path
from ..services.sources import require_field
from .base import FarmlandGridAlgorithm, fail

PARCELS = "PARCELS"
SPACE_CODE_FIELD = "SPACE_CODE_FIELD"
PBF = "PBF"
DPI = "DPI"
OUTPUT = "OUTPUT"
IMAGE_FOLDER = "IMAGE_FOLDER"
IMAGE_DPI = "IMAGE_DPI"
PAGES = "PAGES"

TEMPLATE_NAME = "responsibility_atlas.qpt"
VILLAGE_PREFIX = 12  # digits of the village division code that open a space code
# The atlas page's cell, in expressions of the map layers.
CELL_CODE = "attribute(@atlas_feature, 'grid_code')"
CURRENT_CELL = f'"grid_code" = {CELL_CODE}'
FARMLAND_COLOUR = "#f4e7a1"  # the page's own farmland
# Legend entries printed on the map: part of the Chinese document like the template's own text, not UI.
MAP_NAMES = {
    "cells": "网格",
    "this_cell": "本网格",
    "neighbours": "相邻网格",
    "pbf": "永久基本农田",
    "parcels": "地块",
    "farmland": "耕地",
    "farmland_beyond": "相邻网格耕地",
    "other": "其他地类",
    "locator": "位置示意",
}


@dataclass(frozen=True)
class ExportAtlasParams:
    coverage: layouts.Coverage
    parcels: QgsVectorLayer  # copies this run styles, not the user's layers
    pbf: Optional[QgsVectorLayer]
    class_field: str
    classes: tuple
    code_field: str
    pdf: str
    dpi: int
    image_folder: str  # empty: no images
    image_dpi: int


class ExportAtlasAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "exportatlas"
    GROUP = "maps"
    # Rarely changed: under Advanced parameters.
    ADVANCED = (DPI, IMAGE_DPI)
    REQUIRES = ("segno",)
    FOLDER_OUTPUTS = (IMAGE_FOLDER,)

    def displayName(self):
        return self.tr("Export responsibility atlas")

    def flags(self):
        # Print layouts and their map rendering belong to the main thread, as in QGIS's own layout exports.
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def shortHelpString(self):
        return self.tr(
            "Exports the grid responsibility atlas (网格责任图): one PDF page per grid cell, with its parcels and space codes, "
            "permanent basic farmland, a locator map, the responsible persons and phones, areas against targets and the "
            "cell's QR code.\n\n"
            "Give: the grid cells (GRID) and the level (LEVEL), optionally a grid code prefix (CODE_PREFIX, e.g. one "
            "township); the parcels with their space codes (PARCELS); optionally the PBF polygons (PBF), the units of the "
            "quota overlay at the same level (UNITS) and your own layout template (TEMPLATE, keeping the maps main_map and "
            "locator_map).\n\n"
            "Out come: one multi-page PDF (OUTPUT), searchable; optionally one PNG per cell (IMAGE_FOLDER); the number of "
            "pages. Run in QGIS, the layout is also added to the project, to adjust it in the layout designer.\n\n"
            "Example: LEVEL village, CODE_PREFIX 130123001: one page for each village of 城关镇."
        )

    def initAlgorithm(self, config=None):
        layouts.add_coverage_parameters(self, LEVEL_VILLAGE)
        self.addParameter(
            QgsProcessingParameterVectorLayer(PARCELS, self.tr("Parcels with space codes"), [QgsProcessing.TypeVectorPolygon])
        )
        self.addParameter(QgsProcessingParameterField(SPACE_CODE_FIELD, self.tr("Space code field"), "space_code", PARCELS))
        self.add_farmland_class_parameters(PARCELS)
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                PBF, self.tr("Permanent basic farmland"), [QgsProcessing.TypeVectorPolygon], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                DPI, self.tr("PDF resolution (dpi)"), QgsProcessingParameterNumber.Integer, 300, minValue=72, maxValue=1200
            )
        )
        self.addParameter(QgsProcessingParameterFileDestination(OUTPUT, self.tr("Atlas PDF"), self.tr("PDF files (*.pdf)")))
        self.addParameter(
            QgsProcessingParameterFolderDestination(
                IMAGE_FOLDER, self.tr("Folder for one PNG image per cell"), optional=True, createByDefault=False
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                IMAGE_DPI, self.tr("Image resolution (dpi)"), QgsProcessingParameterNumber.Integer, 150, minValue=30, maxValue=600
            )
        )
        self.addOutput(QgsProcessingOutputNumber(PAGES, self.tr("Number of pages")))

    def read(self, parameters, context, feedback) -> ExportAtlasParams:
        coverage = layouts.read_coverage(self, parameters, context, TEMPLATE_NAME)
        parcels = self._map_layer(parameters, PARCELS, context, MAP_NAMES["parcels"])
        class_field, classes = self.read_farmland_classes(parameters, context, parcels)
        code_field = self.parameterAsString(parameters, SPACE_CODE_FIELD, context) or "space_code"
        return ExportAtlasParams(
            coverage=coverage,
            parcels=parcels,
            pbf=self._map_layer(parameters, PBF, context, MAP_NAMES["pbf"]),
            class_field=class_field,
            classes=classes,
            code_field=require_field(parcels, code_field, SPACE_CODE_FIELD),
            pdf=self.parameterAsFileOutput(parameters, OUTPUT, context),
            dpi=self.parameterAsInt(parameters, DPI, context),
            image_folder=self.parameterAsString(parameters, IMAGE_FOLDER, context),
            image_dpi=self.parameterAsInt(parameters, IMAGE_DPI, context),
        )

    def execute(self, params: ExportAtlasParams, context, feedback, outputs):
        steps = QgsProcessingMultiStepFeedback(3 if params.image_folder else 2, feedback)
        parcels, pbf = params.parcels, params.pbf
        cells, level, locator = layouts.coverage_layer(params.coverage, steps, layouts.qr_folder())
        if cells is None:
            return {}
        parcels.setRenderer(_parcel_renderer(params.class_field, params.code_field, params.classes))
        parcels.setLabeling(_code_labels(params.code_field, level))
        parcels.setLabelsEnabled(True)
        cells.setName(MAP_NAMES["cells"])
        cells.setRenderer(_cell_renderer())
        locator.setName(MAP_NAMES["locator"])
        locator.setRenderer(_locator_renderer())

        project = QgsProject()
        project.setTransformContext(context.transformContext())
        project.setCrs(cells.crs())
        # Added bottom-up: the legend (which follows the project's layer tree) lists them top-down.
        project.addMapLayer(parcels)
        if pbf is not None:
            pbf.setRenderer(_pbf_renderer())
            project.addMapLayer(pbf)
        project.addMapLayer(cells)
        project.addMapLayer(locator, False)

        layout = layouts.new_layout(project, params.coverage)
        main = layouts.template_item(layout, "main_map", params.coverage.template_path, QgsLayoutItemMap)
        inset = layouts.template_item(layout, "locator_map", params.coverage.template_path, QgsLayoutItemMap)
        main.setCrs(cells.crs())
        main.setLayers([cells] + ([pbf] if pbf is not None else []) + [parcels])
        main.setKeepLayerSet(True)
        main.setAtlasDriven(True)
        main.setAtlasScalingMode(QgsLayoutItemMap.Auto)
        main.setAtlasMargin(0.08)
        main.zoomToExtent(cells.extent())  # an extent of the item's shape, which atlas scaling keeps
        inset.setCrs(cells.crs())
        inset.setLayers([locator])
        inset.setKeepLayerSet(True)
        extent = locator.extent()
        extent.scale(1.08)
        inset.zoomToExtent(extent)
        legend = layout.itemById("legend")
        if isinstance(legend, QgsLayoutItemLegend):
            # The layers of this run, fixed: the same legend once the layout is in a project with other layers.
            legend.setAutoUpdateModel(False)
            if pbf is not None:
                _pbf_legend(legend, pbf)

        atlas = layouts.atlas_over(layout, cells)
        atlas.setHideCoverage(False)

        pdf, image_folder = params.pdf, params.image_folder
        Path(pdf).parent.mkdir(parents=True, exist_ok=True)
        writable_path(Path(pdf))
        steps.setCurrentStep(1)
        feedback.pushInfo(self.tr("Writing {0} pages to {1}").format(cells.featureCount(), pdf))
        result, error = QgsLayoutExporter.exportToPdf(atlas, pdf, layouts.pdf_settings(params.dpi), steps)
        if not layouts.check_export(result, error, pdf):
            return {}
        results = {OUTPUT: pdf, PAGES: cells.featureCount(), IMAGE_FOLDER: None}
        if image_folder:
            steps.setCurrentStep(2)
            Path(image_folder).mkdir(parents=True, exist_ok=True)
            unlink_links(Path(image_folder), ".png")
            images = QgsLayoutExporter.ImageExportSettings()
            images.dpi = params.image_dpi
            result, error = QgsLayoutExporter.exportToImage(atlas, str(Path(image_folder) / "atlas"), "png", images, steps)
            if not layouts.check_export(result, error, image_folder):
                return {}
            results[IMAGE_FOLDER] = image_folder
        desktop = layouts.desktop_project(context)
        if desktop is not None:
            kept = layouts.keep_in_project(desktop, project, layout, Path(pdf).stem)
            feedback.pushInfo(self.tr("The layout {0} is in the project: open it in the layout manager").format(kept.name()))
        return results

    def _map_layer(self, parameters, name, context, title):
        """A copy of an input layer that this run may style without touching the user's layer."""
        layer = self.parameterAsVectorLayer(parameters, name, context)
        if layer is None:
            if parameters.get(name):
                fail(self.tr("The layer given for {0} could not be opened").format(name))
            return None
        if layer.providerType() == "memory":
            copy = layer.materialize(QgsFeatureRequest())
        else:
            copy = QgsVectorLayer(layer.source(), title, layer.providerType())
        if not copy.isValid():
            fail(self.tr("The layer given for {0} could not be opened: {1}").format(name, layer.source()))
        copy.setName(title)
        return copy


def _fill(colour, outline, width):
    return QgsFillSymbol.createSimple({"color": colour, "outline_color": outline, "outline_width": str(width)})


def _rules(rules):
    """A rule-based renderer from (label, filter expression or None for ELSE, symbol)."""
    # The renderer must own its root rule from the start: a root made in Python is freed with its wrapper.
    renderer = QgsRuleBasedRenderer(rules[0][2].clone())
    root = renderer.rootRule()
    root.removeChildAt(0)
    for label, expression, symbol in rules:
        # elseRule in the constructor: QGIS 3.22's setIsElse(False) would overwrite the filter with "ELSE".
        rule = QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression or "", label, "", expression is None)
        root.appendChild(rule)
    return renderer


def _in_cell(code_field):
    """Expression: the parcel's space code opens with the page cell's grid code (the code says where it lies)."""
    code = QgsExpression.quotedColumnRef(code_field)
    return f"left({code}, length({CELL_CODE})) = {CELL_CODE}"


def _parcel_renderer(class_field, code_field, classes):
    # Same reading of class codes as domain.landclass.base_class: the survey's K/A suffix is ignored.
    values = ", ".join(QgsExpression.quotedValue(c) for c in classes)
    farmland = f"regexp_replace(trim({QgsExpression.quotedColumnRef(class_field)}), '[KkAa]+$', '') IN ({values})"
    inside = _in_cell(code_field)
    # Every matching rule draws, hence exclusive filters. Neighbours' farmland is paler rather than under a
    # translucent veil: transparency makes the PDF export rasterise every polygon (megabytes a page).
    return _rules(
        [
            (MAP_NAMES["farmland"], f"{farmland} AND {inside}", _fill(FARMLAND_COLOUR, "#9a9a9a", 0.1)),
            (MAP_NAMES["farmland_beyond"], f"{farmland} AND NOT coalesce({inside}, FALSE)", _fill("#fbf6e0", "#c8c8c8", 0.1)),
            (MAP_NAMES["other"], None, _fill("#efefef", "#c8c8c8", 0.1)),
        ]
    )


def _code_labels(code_field, level):
    """Short codes on the page's own parcels: group-serial (serial alone on a group's page)."""
    code = QgsExpression.quotedColumnRef(code_field)
    serial = f"substr({code}, {PREFIX_LENGTH + 1}, {SERIAL_LENGTH})"
    short = serial if level == LEVEL_GROUP else f"substr({code}, {VILLAGE_PREFIX + 1}, 3) || '-' || {serial}"
    settings = QgsPalLayerSettings()
    settings.isExpression = True
    settings.fieldName = f"CASE WHEN {_in_cell(code_field)} THEN {short} END"
    settings.placement = QgsPalLayerSettings.OverPoint
    settings.centroidInside = True
    text = QgsTextFormat()
    text.setSize(4.5)
    text.setSizeUnit(QgsUnitTypes.RenderPoints)
    text.setColor(QColor("#3b3b3b"))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.4)
    buffer.setColor(QColor("white"))  # opaque, like every colour here: see _parcel_renderer
    text.setBuffer(buffer)
    settings.setFormat(text)
    return QgsVectorLayerSimpleLabeling(settings)


def _pbf_symbol():
    # A green band inside a dark outline, all vector: QGIS 3.22 exports hatch patterns (line-pattern fills,
    # brush hatches) to PDF as one image per polygon, megabytes a page.
    symbol = QgsFillSymbol.createSimple({"style": "no", "outline_color": "#1e7b45", "outline_width": "0.3"})
    band = QgsSimpleLineSymbolLayer(QColor(46, 139, 87, 255), 1.0)
    band.setColor(QColor("#9ed3ad"))
    band.setOffset(0.5)  # inwards: polygon rings run so that a positive offset lies inside
    symbol.insertSymbolLayer(0, band)
    return symbol


def _pbf_renderer():
    return QgsSingleSymbolRenderer(_pbf_symbol())


def _pbf_legend(legend, pbf):
    """PBF last in the legend, below the parcels it lies on (not read as a kind of grid cell), its patch as the
    map shows it: the band inside the outline over farmland. The bare band left a white stripe in the small patch."""
    root = legend.model().rootGroup()
    node = root.findLayer(pbf.id())
    moved = node.clone()
    root.addChildNode(moved)
    root.removeChildNode(node)
    symbol = _pbf_symbol()
    symbol.insertSymbolLayer(0, QgsSimpleFillSymbolLayer(QColor(FARMLAND_COLOUR), Qt.SolidPattern, QColor(FARMLAND_COLOUR), 0))
    QgsMapLayerLegendUtils.setLegendNodeCustomSymbol(moved, 0, symbol)
    legend.model().refreshLayerLegend(moved)


def _cell_renderer():
    current = _fill("0,0,0,0", "#c0392b", 0.8)
    # Neighbours are veiled, so the page's own cell stands out while its surroundings stay readable.
    return _rules(
        [
            (MAP_NAMES["this_cell"], CURRENT_CELL, current),
            (MAP_NAMES["neighbours"], None, _fill("0,0,0,0", "#7f7f7f", 0.3)),
        ]
    )


def _locator_renderer():
    return _rules([("", CURRENT_CELL, _fill("#c0392b", "#c0392b", 0.3)), ("", None, _fill("#dedede", "#ffffff", 0.15))])
