"""Print layouts shared by exportatlas and exportsignboards: their common parameters, templates, the atlas
coverage layer, export, and the layout kept in the desktop's project after a run started there.

The shipped templates (resources/layouts/*.qpt, written by scripts/make_layouts.py) hold core QGIS
items only. Their labels refer to the fields of the coverage layer built here (COVERAGE_FIELDS) and the
QR picture takes its path from ``qr_path`` through a data-defined property, so a user can adapt the
templates in the layout designer and still pass them to these algorithms.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsLayoutExporter,
    QgsMemoryProviderUtils,
    QgsPrintLayout,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsProcessingUtils,
    QgsProject,
    QgsReadWriteContext,
    QgsRenderContext,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QVariant
from qgis.PyQt.QtXml import QDomDocument

from ..domain.grid import person_lines
from ..domain.unitcode import LEVEL_COUNTY, LEVEL_GROUP, LEVEL_NAMES, LEVEL_TOWNSHIP, LEVEL_VILLAGE
from ..paths import RESOURCES
from . import labels
from .qr import safe_file_stem, write_qr_files
from .sinks import build_fields
from .sources import require_field, to_number

TEMPLATES = RESOURCES / "layouts"

# Parameter names both algorithms use.
GRID = "GRID"
LEVEL = "LEVEL"
CODE_PREFIX = "CODE_PREFIX"
UNITS = "UNITS"
TEMPLATE = "TEMPLATE"

LEVEL_CHOICES = (LEVEL_COUNTY, LEVEL_TOWNSHIP, LEVEL_VILLAGE, LEVEL_GROUP)
GRID_FIELDS = ("grid_code", "level", "unit_name", "parent_code", "persons", "roles", "phones", "farmland_mu")
UNIT_FIELDS = ("unit_code", "farmland_mu", "farmland_target_mu", "farmland_gap_mu", "pbf_mu", "pbf_target_mu", "pbf_gap_mu")

#: The fields a template's expressions may use, one feature per page (or board).
COVERAGE_FIELDS = (
    ("grid_code", QVariant.String, "网格编码"),
    ("level", QVariant.Int, "网格层级"),
    ("level_name", QVariant.String, "层级名称"),
    ("unit_name", QVariant.String, "单位名称"),
    ("parent_code", QVariant.String, "上级网格编码"),
    ("parent_name", QVariant.String, "上级单位名称"),
    ("persons", QVariant.String, "责任人"),
    ("roles", QVariant.String, "职务"),
    ("phones", QVariant.String, "联系电话"),
    ("persons_text", QVariant.String, "责任人信息"),
    ("farmland_mu", QVariant.Double, "耕地面积(亩)"),
    ("farmland_target_mu", QVariant.Double, "耕地保有目标(亩)"),
    ("farmland_gap_mu", QVariant.Double, "耕地缺口(亩)"),
    ("pbf_mu", QVariant.Double, "永久基本农田面积(亩)"),
    ("pbf_target_mu", QVariant.Double, "永久基本农田保护目标(亩)"),
    ("pbf_gap_mu", QVariant.Double, "永久基本农田缺口(亩)"),
    ("parcel_count", QVariant.Int, "地块数"),
    ("farmland_count", QVariant.Int, "耕地地块数"),
    ("area_method", QVariant.String, "面积口径"),
    ("qr_path", QVariant.String, "二维码图片"),
)
QR_SCALE = 4  # SVG user units per module: vector, so only the proportions matter


@dataclass(frozen=True)
class Coverage:
    """The cells the pages (or boards) are made for, the areas per unit to print, and the template."""

    grid: QgsFeatureSource
    level: int
    prefix: str  # only cells whose grid code starts with it
    units: Optional[QgsFeatureSource]
    template_path: str
    template: QDomDocument


def add_coverage_parameters(algorithm: QgsProcessingAlgorithm, default_level: int) -> None:
    """GRID, LEVEL, CODE_PREFIX, UNITS and TEMPLATE, worded the same for both algorithms."""
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            GRID,
            QCoreApplication.translate("FarmlandGridLayouts", "Grid cells"),
            [QgsProcessing.TypeVectorPolygon],
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterEnum(
            LEVEL,
            QCoreApplication.translate("FarmlandGridLayouts", "Grid level"),
            [
                QCoreApplication.translate("FarmlandGridLayouts", "County"),
                QCoreApplication.translate("FarmlandGridLayouts", "Township"),
                QCoreApplication.translate("FarmlandGridLayouts", "Village"),
                QCoreApplication.translate("FarmlandGridLayouts", "Villager group"),
            ],
            defaultValue=LEVEL_CHOICES.index(default_level),
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterString(
            CODE_PREFIX,
            QCoreApplication.translate("FarmlandGridLayouts", "Only cells whose grid code starts with"),
            "",
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            UNITS,
            QCoreApplication.translate("FarmlandGridLayouts", "Areas and targets per unit at the same level"),
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFile(
            TEMPLATE,
            QCoreApplication.translate("FarmlandGridLayouts", "Layout template (.qpt; empty: the shipped one)"),
            extension="qpt",
            optional=True,
            defaultValue=None,
        )
    )


def read_coverage(
    algorithm: QgsProcessingAlgorithm, parameters: dict, context: QgsProcessingContext, template_name: str
) -> Coverage:
    """The parameters of add_coverage_parameters, checked: the template (the chosen one, else the shipped
    ``template_name``) can be read, the grid and the units table have the fields the pages print."""
    path, document = _read_template(algorithm.parameterAsFile(parameters, TEMPLATE, context) or str(TEMPLATES / template_name))
    grid = algorithm.parameterAsSource(parameters, GRID, context)
    if grid is None:
        raise QgsProcessingException(QCoreApplication.translate("FarmlandGridLayouts", "The grid layer could not be opened"))
    for name in GRID_FIELDS:
        require_field(grid, name, GRID)
    units = algorithm.parameterAsSource(parameters, UNITS, context)
    for name in UNIT_FIELDS if units is not None else ():
        require_field(units, name, UNITS)
    return Coverage(
        grid,
        LEVEL_CHOICES[algorithm.parameterAsEnum(parameters, LEVEL, context)],
        algorithm.parameterAsString(parameters, CODE_PREFIX, context).strip(),
        units,
        path,
        document,
    )


def _read_template(path: str):
    """(path, QDomDocument) of a template; refused naming the file when it cannot be used."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        message = QCoreApplication.translate("FarmlandGridLayouts", "Cannot read the layout template {0}: {1}")
        raise QgsProcessingException(message.format(path, exc)) from None
    document = QDomDocument()
    ok, message, line, _column = document.setContent(text)
    if not ok:
        raise QgsProcessingException(
            QCoreApplication.translate("FarmlandGridLayouts", "The layout template {0} is not valid XML (line {1}: {2})").format(
                path, line, message
            )
        )
    return path, document


def new_layout(project, coverage: Coverage) -> QgsPrintLayout:
    """A print layout of ``project`` made from the coverage's template."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    _items, ok = layout.loadFromTemplate(coverage.template, QgsReadWriteContext())
    if not ok or layout.pageCollection().pageCount() == 0:
        raise QgsProcessingException(
            QCoreApplication.translate("FarmlandGridLayouts", "The layout template {0} holds no layout QGIS can load").format(
                coverage.template_path
            )
        )
    return layout


def template_item(layout: QgsPrintLayout, item_id: str, path: str, kind: type):
    """The item with id ``item_id``; refused naming the template when it is missing or of another kind."""
    item = layout.itemById(item_id)
    if not isinstance(item, kind):
        raise QgsProcessingException(
            QCoreApplication.translate(
                "FarmlandGridLayouts", "The template {0} has no {1} item with the id {2}; set this id in the layout designer"
            ).format(path, kind.__name__, item_id)
        )
    return item


def coverage_layer(coverage: Coverage, feedback: QgsProcessingFeedback, qr_folder: Path):
    """The cells at the chosen level as a memory layer with COVERAGE_FIELDS, sorted by grid code, and its QR files.

    Areas and targets come from the units table when given (the figures quotaoverlay computed), else the
    farmland area from the grid. Returns (layer, level, every cell of the level whatever the prefix:
    grid_code and geometry, for a locator map); (None, level, None) when cancelled.
    """
    source, level, prefix = coverage.grid, coverage.level, coverage.prefix
    has_method = source.fields().lookupField("area_method") >= 0
    has_counts = all(source.fields().lookupField(n) >= 0 for n in ("parcel_count", "farmland_count"))
    units = _units(coverage.units)

    names, chosen, no_geometry, level_cells = {}, [], [], []
    for feature in source.getFeatures(QgsFeatureRequest()):
        code = str(feature["grid_code"] or "").strip()
        names[code] = feature["unit_name"]
        if to_number([feature["level"]])[0] != level:
            continue
        has_geometry = feature.hasGeometry() and not feature.geometry().isEmpty()
        if has_geometry:
            level_cells.append((code, feature.geometry()))
        if not code.startswith(prefix):
            continue
        if not has_geometry:
            no_geometry.append(code)
            continue
        chosen.append((code, feature))
    if no_geometry:
        feedback.pushWarning(
            QCoreApplication.translate("FarmlandGridLayouts", "{0} cells have no geometry and get no page: {1}").format(
                len(no_geometry), ", ".join(no_geometry[:10])
            )
        )
    if not chosen:
        raise QgsProcessingException(
            QCoreApplication.translate(
                "FarmlandGridLayouts", "The grid layer {0} has no cell of level {1} ({2}) whose code starts with {3!r}"
            ).format(source.sourceName(), level, LEVEL_NAMES[level], prefix)
        )
    chosen.sort(key=lambda item: item[0])

    fields = build_fields(COVERAGE_FIELDS)
    layer = QgsMemoryProviderUtils.createMemoryLayer(
        QCoreApplication.translate("FarmlandGridLayouts", "Grid cells"),
        fields,
        QgsWkbTypes.multiType(source.wkbType()),
        source.sourceCrs(),
    )
    features, without_units = [], []
    for n, (code, cell) in enumerate(chosen):
        if feedback.isCanceled():
            return None, level, None
        unit = units.get(code)
        if units and unit is None:
            without_units.append(code)
        stem = qr_folder / safe_file_stem(code)
        qr = write_qr_files(code, stem, ("svg",), QR_SCALE)["svg"]
        parent = str(cell["parent_code"] or "")
        values = {
            "grid_code": code,
            "level": level,
            "level_name": LEVEL_NAMES[level],
            "unit_name": cell["unit_name"] or code,
            "parent_code": parent or None,
            "parent_name": names.get(parent) or (parent or None),
            "persons": cell["persons"],
            "roles": cell["roles"],
            "phones": cell["phones"],
            "persons_text": person_lines(cell["persons"], cell["roles"], cell["phones"])
            or QCoreApplication.translate("FarmlandGridLayouts", "(no responsible person)"),
            "farmland_mu": _number(cell["farmland_mu"]),
            "parcel_count": cell["parcel_count"] if has_counts else None,
            "farmland_count": cell["farmland_count"] if has_counts else None,
            "area_method": labels.printed_area_method(cell["area_method"]) if has_method else None,
            "qr_path": qr,
        }
        if unit is not None:
            values.update(unit)
        feature = QgsFeature(fields)
        feature.setAttributes([values.get(f.name()) for f in fields])
        feature.setGeometry(cell.geometry())
        features.append(feature)
        feedback.setProgress(10 * (n + 1) / len(chosen))
    layer.dataProvider().addFeatures(features)
    if without_units:
        feedback.pushWarning(
            QCoreApplication.translate(
                "FarmlandGridLayouts", "{0} cells have no row in the units table, their targets stay empty: {1}"
            ).format(len(without_units), ", ".join(without_units[:10]))
        )
    feedback.pushInfo(
        QCoreApplication.translate("FarmlandGridLayouts", "{0} cells of level {1} ({2})").format(
            len(features), level, LEVEL_NAMES[level]
        )
    )
    return layer, level, _cells_layer(level_cells, layer)


def _cells_layer(cells, like):
    """A memory layer of (grid_code, geometry) pairs in the CRS of ``like``."""
    fields = build_fields(COVERAGE_FIELDS[:1])
    layer = QgsMemoryProviderUtils.createMemoryLayer("cells", fields, like.wkbType(), like.crs())
    features = []
    for code, geometry in cells:
        feature = QgsFeature(fields)
        feature.setAttributes([code])
        feature.setGeometry(geometry)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def _number(value):
    number = to_number([value])[0]
    return None if number != number else float(number)  # NaN: NULL or not a number


def _units(source: Optional[QgsFeatureSource]) -> dict:
    """unit_code → area and target values of the units table (empty when not given)."""
    if source is None:
        return {}
    has_method = source.fields().lookupField("area_method") >= 0
    units = {}
    for feature in source.getFeatures():
        values = {name: _number(feature[name]) for name in UNIT_FIELDS[1:]}
        if has_method:
            values["area_method"] = labels.printed_area_method(feature["area_method"])
        units[str(feature["unit_code"] or "").strip()] = values
    return units


def qr_folder() -> Path:
    """A fresh folder for this run's QR code files (they only need to live until the export is done)."""
    folder = Path(QgsProcessingUtils.tempFolder()) / f"farmlandgrid_qr_{QgsProcessingUtils.generateTempFilename('')[-12:]}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def pdf_settings(dpi: int) -> QgsLayoutExporter.PdfExportSettings:
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = dpi
    settings.rasterizeWholeImage = False
    settings.forceVectorOutput = True
    # Real text (not outlines): names, phones and codes stay searchable and pdftotext reads them.
    settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText
    return settings


def atlas_over(layout: QgsPrintLayout, cells):
    """The layout's atlas over the coverage layer: a page per cell in grid code order, files named by grid code."""
    atlas = layout.atlas()
    atlas.setCoverageLayer(cells)
    atlas.setEnabled(True)
    atlas.setPageNameExpression('"grid_code"')
    atlas.setFilenameExpression('"grid_code"')
    atlas.setSortFeatures(True)
    atlas.setSortExpression('"grid_code"')
    atlas.setSortAscending(True)
    return atlas


def check_export(result, error: str, path: str) -> bool:
    """Whether the export went through (False when cancelled); refused with the exporter's message otherwise."""
    if result in (QgsLayoutExporter.Success, QgsLayoutExporter.Canceled):
        return result == QgsLayoutExporter.Success
    messages = {
        QgsLayoutExporter.FileError: QCoreApplication.translate(
            "FarmlandGridLayouts", "Cannot write {0}: check that the folder exists and the file is not open"
        ),
        QgsLayoutExporter.MemoryError: QCoreApplication.translate(
            "FarmlandGridLayouts", "Not enough memory to export {0}; lower the resolution"
        ),
        QgsLayoutExporter.PrintError: QCoreApplication.translate("FarmlandGridLayouts", "The printer could not export {0}"),
        QgsLayoutExporter.IteratorError: QCoreApplication.translate(
            "FarmlandGridLayouts", "The atlas could not go through its pages for {0}"
        ),
    }
    message = messages.get(result, QCoreApplication.translate("FarmlandGridLayouts", "Export of {0} failed")).format(path)
    raise QgsProcessingException(f"{message}{': ' + error if error else ''}")


def desktop_project(context: QgsProcessingContext) -> Optional[QgsProject]:
    """The project open in the QGIS desktop when the run was started there (a dialog, the toolbox, the console),
    else None: qgis_process and scripts with a context of their own leave no layout behind."""
    import qgis.utils

    project = context.project()
    return project if project is not None and project is QgsProject.instance() and qgis.utils.iface is not None else None


def keep_in_project(project: QgsProject, run_project: QgsProject, layout: QgsPrintLayout, name: str) -> QgsPrintLayout:
    """A copy of ``layout`` named ``name`` in the desktop ``project``, with the layers of ``run_project`` it draws
    (moved into a hidden group of the same name), so that the user adjusts the page in the layout designer. A
    layout and group of that name from an earlier run are replaced."""
    manager, root = project.layoutManager(), project.layerTreeRoot()
    old = manager.layoutByName(name)
    if old is not None:
        manager.removeLayout(old)
    for group in [g for g in root.children() if g.name() == name and root.isGroup(g)]:
        project.removeMapLayers(group.findLayerIds())
        root.removeChildNode(group)
    document = QDomDocument()
    element = layout.writeXml(document, QgsReadWriteContext())
    group = root.insertGroup(0, name)
    # Top-down as the run's layer tree lists them, then those outside it (the locator map's cells).
    tree_layers = [node.layer() for node in run_project.layerTreeRoot().findLayers()]
    others = [layer for layer in run_project.mapLayers().values() if layer not in tree_layers]
    for layer in tree_layers + others:
        run_project.takeMapLayer(layer)
        project.addMapLayer(layer, False)
        group.addLayer(layer)
    group.setItemVisibilityChecked(False)  # drawn by the layout's maps, not over the user's canvas
    copy = QgsPrintLayout(project)
    copy.readXml(element, document, QgsReadWriteContext())
    copy.setName(name)
    manager.addLayout(copy)
    return copy
