"""Run from the QGIS desktop (its project in the context, an iface), the atlas and sign-board exports leave their
layout in the project, named after the output, with the layers it draws, so the user adjusts the page in the layout
designer; run with a context of its own (qgis_process, scripts), they leave nothing behind."""

import processing
from qgis.core import QgsLayoutItemLegend, QgsLayoutItemMap, QgsProcessingContext, QgsProject
from qgis.PyQt.QtCore import Qt

from .helpers import RecordingFeedback, run_algorithm
from .test_map_production import GROUP, VILLAGE, cells_of, inputs  # noqa: F401 - inputs is a fixture


def run_in_desktop(algorithm, parameters):
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = RecordingFeedback()
    return processing.run(algorithm, parameters, context=context, feedback=feedback), feedback


def legend_entries(legend):
    """(layer name, entry label) of every symbol the legend shows."""
    model = legend.model()
    entries = []
    for node in model.rootGroup().findLayers():
        for item in model.layerLegendNodes(node):
            entries.append((node.layer().name(), item.data(0)))
    return entries


def test_atlas_layout_kept_in_the_desktop_project(inputs, county, tmp_path, qgis_new_project):  # noqa: F811
    village = next(iter(cells_of(inputs["grid"], 5)))
    parameters = {
        "GRID": inputs["grid"],
        "LEVEL": GROUP,
        "CODE_PREFIX": village,
        "PARCELS": inputs["coded"],
        "PBF": county.uri(county.pbf_layer),
        "OUTPUT": str(tmp_path / "西街村责任图.pdf"),
    }
    user_layer_count = len(QgsProject.instance().mapLayers())
    result, feedback = run_in_desktop("farmlandgrid:exportatlas", parameters)
    manager = QgsProject.instance().layoutManager()
    layout = manager.layoutByName("西街村责任图")
    assert layout is not None and any("西街村责任图" in line for line in feedback.lines)
    # The atlas as exported: over the cells of the run, a page each, the maps drawing the run's layers.
    atlas = layout.atlas()
    assert atlas.enabled() and atlas.coverageLayer() is not None and atlas.coverageLayer().featureCount() == result["PAGES"]
    main = layout.itemById("main_map")
    assert isinstance(main, QgsLayoutItemMap) and main.keepLayerSet() and main.atlasDriven()
    assert [layer.name() for layer in main.layers()] == ["网格", "永久基本农田", "地块"]
    assert all(QgsProject.instance().mapLayer(layer.id()) is layer for layer in main.layers())
    # Those layers are in a hidden group named after the layout, apart from the user's own layers.
    group = QgsProject.instance().layerTreeRoot().findGroup("西街村责任图")
    assert group is not None and not group.itemVisibilityChecked()
    assert [node.layer().name() for node in group.findLayers()] == ["网格", "永久基本农田", "地块", "位置示意"]
    # The legend lists the run's layers only (not whatever else the project holds), the PBF symbol included.
    extra = QgsProject.instance().addMapLayer(atlas.coverageLayer().clone())
    extra.setName("用户自己的图层")
    legend = layout.itemById("legend")
    assert isinstance(legend, QgsLayoutItemLegend) and not legend.autoUpdateModel()
    entries = legend_entries(legend)
    assert {name for name, _ in entries} == {"网格", "永久基本农田", "地块"}
    # PBF last, below the parcels; its patch as on the map: the band over farmland, no white stripe inside.
    assert entries[-1] == ("永久基本农田", "永久基本农田")
    [patch] = legend.model().layerLegendNodes(legend.model().rootGroup().findLayers()[-1])
    fill = patch.customSymbol().symbolLayer(0)
    assert fill.color().name() == "#f4e7a1" and fill.brushStyle() == Qt.SolidPattern and fill.color().alpha() == 255
    # Run again: the layout and its group are replaced, not doubled.
    run_in_desktop("farmlandgrid:exportatlas", parameters)
    names = [lay.name() for lay in manager.printLayouts()]
    assert names.count("西街村责任图") == 1
    root = QgsProject.instance().layerTreeRoot()
    assert [g.name() for g in root.children() if g.name() == "西街村责任图"] == ["西街村责任图"]
    assert len(QgsProject.instance().mapLayers()) == user_layer_count + 1 + 4  # extra + cells, PBF, parcels, locator


def test_sign_board_layout_kept_and_nothing_left_without_the_desktop(inputs, tmp_path, qgis_new_project):  # noqa: F811
    parameters = {"GRID": inputs["grid"], "LEVEL": VILLAGE, "FOLDER": None, "SHEETS": str(tmp_path / "标识牌.pdf")}
    result, _feedback = run_in_desktop("farmlandgrid:exportsignboards", parameters)
    layout = QgsProject.instance().layoutManager().layoutByName("标识牌")
    assert layout is not None and layout.atlas().enabled()
    assert layout.atlas().coverageLayer().featureCount() == result["BOARDS"]
    assert layout.pageCollection().page(0).pageSize().width() == 90.0  # the board, not the A4 sheet
    # A context of its own (as qgis_process and scripts have): no layout, no layer added.
    before = len(QgsProject.instance().mapLayers())
    run_algorithm("farmlandgrid:exportsignboards", {**parameters, "SHEETS": str(tmp_path / "其他.pdf")})
    assert QgsProject.instance().layoutManager().layoutByName("其他") is None
    assert len(QgsProject.instance().mapLayers()) == before
