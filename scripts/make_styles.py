"""Writes the grid styles shipped in farmland_grid_plugin/resources/styles/ (grid_cells.qml, grid_issues.qml).

Grid cells: one rule per level, each drawn only from the scale at which its lines stay apart (the county
always, villager groups from 1:20 000 in), finer levels underneath (symbol levels) so a shared border shows the
coarser level's line, and unit names at the scales where they fit. Grid issues: areas that are the problem
(gaps, overlaps) as light translucent fills, issues about a whole cell as outlines, so overlapping issues never
stack into an opaque patch. Legends in Chinese (the map's language, like the layouts).

Usage: python scripts/make_styles.py   (QGIS's Python, e.g. .venv/bin/python)
"""

import sys
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsPalLayerSettings,
    QgsRendererCategory,
    QgsRuleBasedLabeling,
    QgsRuleBasedRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor, QFont

OUT = Path(__file__).resolve().parents[1] / "farmland_grid_plugin" / "resources" / "styles"

# level, legend, outline colour, width (mm), line style, drawn up to scale 1:N (0: always), names from/to 1:N
LEVELS = (
    (1, "省", "#1b1b1b", 1.4, "solid", 0, (0, 0)),
    (2, "市/州", "#1b1b1b", 1.2, "solid", 0, (0, 0)),
    (3, "县/区", "#2b2d42", 1.0, "solid", 0, (120_000, 2_000_000)),
    (4, "乡镇", "#7b2cbf", 0.7, "solid", 1_000_000, (15_000, 250_000)),
    (5, "行政村", "#d1495b", 0.55, "solid", 150_000, (4_000, 50_000)),
    (6, "村民小组", "#1f8a70", 0.35, "dash", 20_000, (1, 8_000)),
)
LABEL_SIZE = {3: 13, 4: 11, 5: 9, 6: 8}
NAME = 'coalesce("unit_name", "grid_code")'

# issue type, legend, colour; area issues are filled, the others outlined (dashed)
AREA_ISSUES = (
    ("gap", "网格间缝隙", "#e63946"),
    ("overlap", "网格重叠", "#9d4edd"),
    ("parcel_overlap", "图斑重叠", "#c77dff"),
    ("outside_parent", "超出上级网格", "#fb8500"),
    ("invalid_area", "面积不可用", "#8d99ae"),
)
CELL_ISSUES = (
    ("no_person", "无责任人", "#ff006e"),
    ("code_mismatch", "编码与边界不符", "#ffb703"),
    ("invalid_code", "单位代码不可用", "#6a040f"),
    ("roster_unknown_unit", "名册单位不在网格中", "#3a86ff"),
    ("duplicate_id", "图斑标识码重复", "#606c38"),
    ("invalid_phone", "电话号码不可用", "#0096c7"),
    ("invalid_geometry", "几何无效（已修复）", "#000000"),
    ("empty_geometry", "无几何图形", "#8d99ae"),
)


def outline(colour, width, style="solid"):
    return QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": colour, "outline_width": str(width), "outline_style": style, "joinstyle": "round"}
    )


def grid_renderer():
    symbol = outline("#000000", 0.2)
    renderer = QgsRuleBasedRenderer(symbol)
    root = renderer.rootRule()
    root.removeChildAt(0)
    for level, legend, colour, width, style, max_denominator, _names in LEVELS:
        # Rule(symbol, maximumScale (most zoomed in), minimumScale (most zoomed out), filter, label)
        symbol = outline(colour, width, style)
        symbol.symbolLayer(0).setRenderingPass(6 - level)  # coarser levels drawn later, on top of a shared border
        rule = QgsRuleBasedRenderer.Rule(symbol, 0, max_denominator, f'"level" = {level}', legend)
        root.appendChild(rule)
    renderer.setUsingSymbolLevels(True)
    return renderer


def text_format(size, colour, bold):
    text = QgsTextFormat()
    font = QFont("WenQuanYi Micro Hei")
    font.setBold(bold)
    text.setFont(font)
    text.setSize(size)
    text.setSizeUnit(QgsUnitTypes.RenderPoints)
    text.setColor(QColor(colour))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(1.0)
    buffer.setColor(QColor(255, 255, 255, 220))
    text.setBuffer(buffer)
    return text


def grid_labels():
    root = QgsRuleBasedLabeling.Rule(None)
    for level, legend, colour, _width, _style, _max, (near, far) in LEVELS:
        if not far:
            continue
        settings = QgsPalLayerSettings()
        settings.isExpression = True
        settings.fieldName = NAME
        settings.placement = QgsPalLayerSettings.Horizontal
        settings.centroidInside = True
        settings.fitInPolygonOnly = level >= 5  # a name that does not fit its cell is left out, not smeared over others
        settings.priority = 10 - level
        settings.setFormat(text_format(LABEL_SIZE[level], colour, level <= 4))
        rule = QgsRuleBasedLabeling.Rule(settings, near, far, f'"level" = {level}', legend)
        root.appendChild(rule)
    return QgsRuleBasedLabeling(root)


def issue_renderer():
    categories = []
    for value, legend, colour in AREA_ISSUES:
        fill = QColor(colour)
        fill.setAlpha(70)
        symbol = QgsFillSymbol.createSimple(
            {"color": fill.name(QColor.HexArgb), "outline_color": colour, "outline_width": "0.5", "style": "solid"}
        )
        categories.append(QgsRendererCategory(value, symbol, legend))
    for value, legend, colour in CELL_ISSUES:
        categories.append(QgsRendererCategory(value, outline(colour, 0.6, "dash"), legend))
    categories.append(QgsRendererCategory(None, outline("#8d99ae", 0.4, "dash"), "其他"))
    return QgsCategorizedSymbolRenderer("issue_type", categories)


def save(layer, name):
    message, ok = layer.saveNamedStyle(str(OUT / name))
    if not ok:
        raise SystemExit(f"{name}: {message}")
    print(OUT / name)


def main():
    app = QgsApplication([], False)
    app.initQgis()
    cells = QgsVectorLayer("MultiPolygon?field=grid_code:string&field=level:integer&field=unit_name:string", "cells", "memory")
    cells.setRenderer(grid_renderer())
    cells.setLabeling(grid_labels())
    cells.setLabelsEnabled(True)
    save(cells, "grid_cells.qml")
    issues = QgsVectorLayer("MultiPolygon?field=issue_type:string", "issues", "memory")
    issues.setRenderer(issue_renderer())
    issues.setOpacity(0.9)
    save(issues, "grid_issues.qml")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
