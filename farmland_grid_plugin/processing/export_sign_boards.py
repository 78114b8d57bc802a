"""farmlandgrid:exportsignboards — sign boards and QR warning-post plates (耕地保护标识牌 / 二维码警示桩)."""

from dataclasses import dataclass
from pathlib import Path

from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPrintLayout,
    QgsProcessingAlgorithm,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProject,
    QgsProperty,
    QgsReadWriteContext,
    QgsUnitTypes,
)

from ..domain.unitcode import LEVEL_VILLAGE
from ..services import layouts
from ..services.files import unlink_links
from .base import FarmlandGridAlgorithm, fail

FOLDER = "FOLDER"
SHEETS = "SHEETS"
BOARDS = "BOARDS"
SHEET_PAGES = "SHEET_PAGES"

TEMPLATE_NAME = "sign_board.qpt"
SHEET_MM = (210.0, 297.0)  # A4 portrait, what office printers and label sheets take
MARGIN_MM = 10.0
GAP_MM = 4.0
PDF_DPI = 300


@dataclass(frozen=True)
class ExportSignBoardsParams:
    coverage: layouts.Coverage
    folder: str  # empty: no PDF per board
    sheets: str  # empty: no PDF of sheets


class ExportSignBoardsAlgorithm(FarmlandGridAlgorithm):
    ALGORITHM_ID = "exportsignboards"
    GROUP = "maps"
    REQUIRES = ("segno",)
    FOLDER_OUTPUTS = (FOLDER,)

    def displayName(self):
        return self.tr("Export sign boards")

    def flags(self):
        # Print layouts belong to the main thread, as in QGIS's own layout exports.
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def shortHelpString(self):
        return self.tr(
            "Exports farmland protection sign boards (耕地保护标识牌) and QR warning-post plates (二维码警示桩): the unit, its "
            "responsible persons and phones, farmland and PBF area and the cell's QR code.\n\n"
            "Give: the grid cells (GRID) and the level (LEVEL), optionally a grid code prefix (CODE_PREFIX); "
            "optionally the units of the quota overlay at the same level (UNITS) and your own board template "
            "(TEMPLATE; its page size is the board size).\n\n"
            "Out come (one or both): a folder with one vector PDF per board, named after the grid code (FOLDER); "
            "A4 sheets with as many boards as fit, for printing plates in the office (SHEETS). Run in QGIS, the "
            "board layout is also added to the project.\n\n"
            "Example: LEVEL villager group: a 90 × 60 mm plate for each group, eight to an A4 sheet."
        )

    def initAlgorithm(self, config=None):
        layouts.add_coverage_parameters(self, LEVEL_VILLAGE)
        self.addParameter(
            QgsProcessingParameterFolderDestination(
                FOLDER, self.tr("Folder for one PDF per board"), optional=True, createByDefault=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                SHEETS, self.tr("PDF of A4 sheets of boards"), self.tr("PDF files (*.pdf)"), optional=True, createByDefault=False
            )
        )
        self.addOutput(QgsProcessingOutputNumber(BOARDS, self.tr("Number of boards")))
        self.addOutput(QgsProcessingOutputNumber(SHEET_PAGES, self.tr("Number of sheet pages")))

    def read(self, parameters, context, feedback) -> ExportSignBoardsParams:
        folder = self.parameterAsString(parameters, FOLDER, context)
        sheets = self.parameterAsFileOutput(parameters, SHEETS, context)
        if not folder and not sheets:
            fail(self.tr("Choose a folder for one PDF per board, a PDF of sheets, or both"))
        return ExportSignBoardsParams(layouts.read_coverage(self, parameters, context, TEMPLATE_NAME), folder, sheets)

    def execute(self, params: ExportSignBoardsParams, context, feedback, outputs):
        folder, sheets = params.folder, params.sheets
        steps = QgsProcessingMultiStepFeedback(1 + bool(folder) + bool(sheets), feedback)
        cells, _level, _all = layouts.coverage_layer(params.coverage, steps, layouts.qr_folder())
        if cells is None:
            return {}
        project = QgsProject()
        project.setTransformContext(context.transformContext())
        project.addMapLayer(cells)
        board = layouts.new_layout(project, params.coverage)
        results = {BOARDS: cells.featureCount(), FOLDER: None, SHEETS: None, SHEET_PAGES: 0}
        settings = layouts.pdf_settings(PDF_DPI)
        if folder:
            steps.setCurrentStep(1)
            Path(folder).mkdir(parents=True, exist_ok=True)
            unlink_links(Path(folder), ".pdf")
            atlas = layouts.atlas_over(board, cells)
            result, error = QgsLayoutExporter.exportToPdfs(atlas, str(Path(folder) / "board.pdf"), settings, steps)
            if not layouts.check_export(result, error, folder):
                return {}
            results[FOLDER] = folder
        if sheets:
            steps.setCurrentStep(1 + bool(folder))
            layout, pages = self._sheets(project, cells, params.coverage, board, steps)
            if layout is None:
                return {}
            Path(sheets).parent.mkdir(parents=True, exist_ok=True)
            result, error = QgsLayoutExporter(layout).exportToPdf(sheets, settings), ""
            if not layouts.check_export(result, error, sheets):
                return {}
            results.update({SHEETS: sheets, SHEET_PAGES: pages})
        feedback.pushInfo(self.tr("{0} boards written").format(cells.featureCount()))
        desktop = layouts.desktop_project(context)
        if desktop is not None:
            layouts.atlas_over(board, cells)  # a board per cell in the layout designer's atlas preview
            kept = layouts.keep_in_project(desktop, project, board, Path(sheets or folder).stem)
            feedback.pushInfo(self.tr("The layout {0} is in the project: open it in the layout manager").format(kept.name()))
        return results

    def _sheets(self, project, cells, coverage, board, feedback):
        """A layout of A4 pages with the boards in rows, every label and QR picture filled in for its cell."""
        page_size = board.pageCollection().page(0).pageSize()
        width, height = page_size.width(), page_size.height()
        columns = int((SHEET_MM[0] - 2 * MARGIN_MM + GAP_MM) // (width + GAP_MM))
        rows = int((SHEET_MM[1] - 2 * MARGIN_MM + GAP_MM) // (height + GAP_MM))
        if columns < 1 or rows < 1:
            fail(
                self.tr(
                    "The boards of {0} are {1:g} × {2:g} mm, larger than an A4 sheet with margins; export one PDF per board"
                ).format(coverage.template_path, width, height)
            )
        per_sheet = columns * rows
        layout = QgsPrintLayout(project)
        layout.initializeDefaults()
        collection = layout.pageCollection()
        collection.page(0).setPageSize(QgsLayoutSize(*SHEET_MM, QgsUnitTypes.LayoutMillimeters))
        features = list(cells.getFeatures())  # the coverage layer holds the cells in grid code order
        expressions = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(cells))
        for n, feature in enumerate(features):
            if feedback.isCanceled():
                return None, 0
            sheet, slot = divmod(n, per_sheet)
            if sheet >= collection.pageCount():
                page = QgsLayoutItemPage(layout)
                page.setPageSize(QgsLayoutSize(*SHEET_MM, QgsUnitTypes.LayoutMillimeters))
                collection.addPage(page)
            row, column = divmod(slot, columns)
            x = MARGIN_MM + column * (width + GAP_MM)
            y = MARGIN_MM + row * (height + GAP_MM)
            expressions.setFeature(feature)
            items, ok = layout.loadFromTemplate(coverage.template, QgsReadWriteContext(), False)
            if not ok:
                fail(self.tr("The layout template {0} holds no layout QGIS can load").format(coverage.template_path))
            for item in items:
                _fill_in(item, expressions)
                position = item.positionWithUnits()
                item.attemptMove(QgsLayoutPoint(x + position.x(), y + position.y(), position.units()), True, False, sheet)
            feedback.setProgress(100 * (n + 1) / len(features))
        return layout, collection.pageCount()


def _fill_in(item, expressions):
    """Fix a board item's content for one cell: evaluated label text, the QR picture's path."""
    if isinstance(item, QgsLayoutItemLabel):
        item.setText(QgsExpression.replaceExpressionText(item.text(), expressions))
    elif isinstance(item, QgsLayoutItemPicture):
        properties = item.dataDefinedProperties()
        source = properties.property(QgsLayoutObject.PictureSource)
        if source.isActive():
            path, _ok = source.valueAsString(expressions)
            properties.setProperty(QgsLayoutObject.PictureSource, QgsProperty())
            item.setPicturePath(path)
