"""Writes the layout templates shipped in farmland_grid_plugin/resources/layouts/ (.qpt).

The templates hold core QGIS items only (labels with expressions, maps, a picture with a data-defined
path for the QR code, legend, scale bar, north arrow), so they open in any QGIS ≥ 3.22 without this
plugin. exportatlas and exportsignboards find their items by id (main_map, locator_map, legend) and fill
the atlas coverage layer with the fields the labels refer to; users may move, restyle and re-word
everything in the layout designer and pass their own .qpt.

Usage: python scripts/make_layouts.py   (run with QGIS's Python, e.g. .venv/bin/python)
"""

import sys
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsLayout,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutMeasurement,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsProject,
    QgsProperty,
    QgsReadWriteContext,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

OUT = Path(__file__).resolve().parents[1] / "farmland_grid_plugin" / "resources" / "layouts"
MM = QgsUnitTypes.LayoutMillimeters
INK = QColor("#1f2d3d")
RED = QColor("#c0392b")

# Expressions the labels share; the coverage layer's fields are listed in exportatlas's help.
FARMLAND = (
    '耕地面积：[% format_number("farmland_mu", 2) %] 亩'
    '[% CASE WHEN "farmland_target_mu" IS NOT NULL THEN \'（保有目标 \' || format_number("farmland_target_mu", 2)'
    " || ' 亩，' || CASE WHEN \"farmland_gap_mu\" > 0 THEN '缺口 ' || format_number(\"farmland_gap_mu\", 2) || ' 亩'"
    " ELSE '已完成' END || '）' ELSE '（未下达目标）' END %]"
)
PBF = (
    "永久基本农田：[% CASE WHEN \"pbf_mu\" IS NOT NULL THEN format_number(\"pbf_mu\", 2) || ' 亩' ELSE '—' END %]"
    '[% CASE WHEN "pbf_target_mu" IS NOT NULL THEN \'（保护目标 \' || format_number("pbf_target_mu", 2)'
    " || ' 亩，' || CASE WHEN \"pbf_gap_mu\" > 0 THEN '缺口 ' || format_number(\"pbf_gap_mu\", 2) || ' 亩'"
    " ELSE '已完成' END || '）' ELSE '' END %]"
)


def label(layout, item_id, text, x, y, w, h, size=9, bold=False, align=Qt.AlignLeft, colour=INK):
    item = QgsLayoutItemLabel(layout)
    item.setId(item_id)
    item.setText(text)
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    item.setFont(font)
    item.setFontColor(colour)
    item.setHAlign(align)
    item.setVAlign(Qt.AlignTop)
    item.attemptMove(QgsLayoutPoint(x, y, MM))
    item.attemptResize(QgsLayoutSize(w, h, MM))
    layout.addLayoutItem(item)
    return item


def frame(layout, item_id, x, y, w, h):
    item = QgsLayoutItemShape(layout)
    item.setId(item_id)
    item.setShapeType(QgsLayoutItemShape.Rectangle)
    symbol = item.symbol().clone()
    symbol.symbolLayer(0).setFillColor(QColor(0, 0, 0, 0))
    symbol.symbolLayer(0).setStrokeColor(INK)
    symbol.symbolLayer(0).setStrokeWidth(0.5)
    item.setSymbol(symbol)
    item.attemptMove(QgsLayoutPoint(x, y, MM))
    item.attemptResize(QgsLayoutSize(w, h, MM))
    layout.addLayoutItem(item)
    return item


def qr_picture(layout, x, y, size):
    item = QgsLayoutItemPicture(layout)
    item.setId("qr_code")
    item.setResizeMode(QgsLayoutItemPicture.Zoom)
    # The path comes from the atlas feature: a core data-defined property, no plugin needed to render it.
    item.dataDefinedProperties().setProperty(QgsLayoutObject.PictureSource, QgsProperty.fromField("qr_path"))
    item.attemptMove(QgsLayoutPoint(x, y, MM))
    item.attemptResize(QgsLayoutSize(size, size, MM))
    layout.addLayoutItem(item)
    return item


def new_layout(width, height):
    layout = QgsLayout(QgsProject.instance())
    layout.initializeDefaults()
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(width, height, MM))
    return layout


def atlas_template():
    layout = new_layout(297, 210)
    label(layout, "title", '[% "unit_name" %] 耕地保护网格责任图', 10, 5, 277, 10, size=18, bold=True, align=Qt.AlignHCenter)
    label(
        layout,
        "subtitle",
        '网格编码 [% "grid_code" %] · [% "level_name" %]级网格'
        "[% CASE WHEN \"parent_name\" IS NOT NULL THEN ' · 上级网格 ' || \"parent_name\" ELSE '' END %]",
        10,
        15,
        277,
        6,
        size=10,
        align=Qt.AlignHCenter,
    )
    main = QgsLayoutItemMap(layout)
    main.setId("main_map")
    main.attemptMove(QgsLayoutPoint(10, 23, MM))
    main.attemptResize(QgsLayoutSize(190, 178, MM))
    main.setFrameEnabled(True)
    main.setFrameStrokeWidth(QgsLayoutMeasurement(0.4, MM))
    main.setExtent(QgsRectangle(0, 0, 190, 178))  # any extent of the item's shape; the atlas replaces it
    layout.addLayoutItem(main)

    locator = QgsLayoutItemMap(layout)
    locator.setId("locator_map")
    locator.attemptMove(QgsLayoutPoint(205, 23, MM))
    locator.attemptResize(QgsLayoutSize(82, 52, MM))
    locator.setFrameEnabled(True)
    locator.setFrameStrokeWidth(QgsLayoutMeasurement(0.3, MM))
    locator.setExtent(QgsRectangle(0, 0, 82, 52))
    layout.addLayoutItem(locator)
    label(layout, "locator_caption", "位置示意", 206, 24, 30, 5, size=7)

    label(layout, "persons_title", "网格责任人", 205, 78, 82, 5, size=10, bold=True)
    label(layout, "persons", '[% "persons_text" %]', 205, 84, 82, 26, size=9)
    label(layout, "areas_title", "面积与目标", 205, 111, 82, 5, size=10, bold=True)
    label(
        layout,
        "areas",
        FARMLAND + "\n" + PBF + '\n地块：[% "parcel_count" %] 块，其中耕地 [% "farmland_count" %] 块',
        205,
        117,
        82,
        24,
        size=8,
    )
    qr_picture(layout, 257, 143, 30)
    label(layout, "qr_caption", '扫码核验网格\n[% "grid_code" %]', 255, 173, 34, 8, size=6, align=Qt.AlignHCenter)

    legend = QgsLayoutItemLegend(layout)
    legend.setId("legend")
    legend.setTitle("图例")
    legend.setLinkedMap(main)
    for style, size, bold in (
        (QgsLegendStyle.Title, 9, True),
        (QgsLegendStyle.Group, 7, True),
        (QgsLegendStyle.Subgroup, 7, True),
        (QgsLegendStyle.SymbolLabel, 7, False),
    ):
        font = QFont()
        font.setPointSizeF(size)
        font.setBold(bold)
        legend.setStyleFont(style, font)
    legend.setSymbolWidth(6)
    legend.setSymbolHeight(3)
    legend.attemptMove(QgsLayoutPoint(205, 143, MM))
    layout.addLayoutItem(legend)

    arrow = QgsLayoutItemPicture(layout)
    arrow.setId("north_arrow")
    arrow.setPicturePath(str(Path(QgsApplication.svgPaths()[0]) / "arrows" / "NorthArrow_02.svg"))
    arrow.attemptMove(QgsLayoutPoint(186, 26, MM))
    arrow.attemptResize(QgsLayoutSize(11, 14, MM))
    layout.addLayoutItem(arrow)

    scale = QgsLayoutItemScaleBar(layout)
    scale.setId("scale_bar")
    scale.setStyle("Single Box")
    scale.setLinkedMap(main)
    scale.setUnits(QgsUnitTypes.DistanceMeters)
    scale.setUnitLabel("米")
    scale.setNumberOfSegments(2)
    scale.setNumberOfSegmentsLeft(0)
    scale.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFitWidth)
    scale.setMinimumBarWidth(25)
    scale.setMaximumBarWidth(45)
    scale.setBackgroundEnabled(True)
    scale.attemptMove(QgsLayoutPoint(12, 190, MM))
    layout.addLayoutItem(scale)

    label(
        layout,
        "footer",
        "制图日期：[% format_date(now(), 'yyyy年M月d日') %]　面积口径：[% \"area_method\" %]"
        "　比例尺 1:[% format_number(map_get(item_variables('main_map'), 'map_scale'), 0) %]",
        205,
        199,
        82,
        8,
        size=6,
    )
    return layout


def sign_board_template():
    # 90 × 60 mm: a warning-post plate (二维码警示桩); vector PDF, so a sign shop scales it to any board.
    layout = new_layout(90, 60)
    page = layout.pageCollection().page(0)
    page.setPageStyleSymbol(page.pageStyleSymbol().clone())
    frame(layout, "border", 1.5, 1.5, 87, 57)
    label(layout, "title", "耕地保护标识牌", 3, 3, 84, 8, size=14, bold=True, align=Qt.AlignHCenter, colour=RED)
    label(layout, "unit", '[% "unit_name" %]（[% "level_name" %]）', 4, 12, 55, 6, size=9, bold=True)
    label(layout, "persons", '[% "persons_text" %]', 4, 18, 55, 18, size=7)
    label(
        layout,
        "areas",
        '耕地 [% format_number("farmland_mu", 2) %] 亩'
        "[% CASE WHEN \"pbf_mu\" IS NOT NULL THEN '\n永久基本农田 ' || format_number(\"pbf_mu\", 2) || ' 亩' ELSE '' END %]",
        4,
        37,
        55,
        10,
        size=7,
    )
    label(layout, "slogan", "严守耕地红线　禁止违法占用耕地", 4, 50, 82, 5, size=7, bold=True, colour=RED)
    qr_picture(layout, 60, 13, 26)
    label(layout, "code", '[% "grid_code" %]', 58, 40, 30, 5, size=6, align=Qt.AlignHCenter)
    return layout


def main():
    app = QgsApplication([], False)
    app.initQgis()
    OUT.mkdir(parents=True, exist_ok=True)
    for layout, name in ((atlas_template(), "responsibility_atlas.qpt"), (sign_board_template(), "sign_board.qpt")):
        if not layout.saveAsTemplate(str(OUT / name), QgsReadWriteContext()):
            sys.exit(f"cannot write {OUT / name}")
        print(OUT / name)
    app.exitQgis()


if __name__ == "__main__":
    main()
