"""Shipped grid styles and the value maps on output layers: codes stored in ASCII, shown in the user's words."""

from qgis.core import QgsRuleBasedLabeling, QgsRuleBasedRenderer, QgsVectorLayer

from farmland_grid_plugin.paths import RESOURCES
from farmland_grid_plugin.services import labels

from .helpers import run_algorithm

STYLES = RESOURCES / "styles"


def styled(qml, fields):
    layer = QgsVectorLayer(f"MultiPolygon?{fields}", "layer", "memory")
    message, ok = layer.loadNamedStyle(str(STYLES / qml), True)
    assert ok, message
    return layer


def test_grid_style_draws_each_level_from_its_own_scale_with_names():
    layer = styled("grid_cells.qml", "field=grid_code:string&field=level:integer&field=unit_name:string")
    renderer = layer.renderer()
    assert isinstance(renderer, QgsRuleBasedRenderer) and renderer.usingSymbolLevels()
    rules = {r.label(): r for r in renderer.rootRule().children()}
    assert list(rules) == ["省", "市/州", "县/区", "乡镇", "行政村", "村民小组"]  # legends in Chinese only
    # Drawn up to (most zoomed out) 1:N: the county always, finer levels only once zoomed in.
    assert [rules[n].minimumScale() for n in ("县/区", "乡镇", "行政村", "村民小组")] == [0, 1_000_000, 150_000, 20_000]
    widths = [rules[n].symbol().symbolLayer(0).strokeWidth() for n in ("县/区", "乡镇", "行政村", "村民小组")]
    assert widths == sorted(widths, reverse=True)  # coarser levels wider
    colours = {rules[n].symbol().symbolLayer(0).strokeColor().name() for n in ("县/区", "乡镇", "行政村", "村民小组")}
    assert len(colours) == 4  # outlines that stay distinct
    passes = [rules[n].symbol().symbolLayer(0).renderingPass() for n in ("县/区", "乡镇", "行政村", "村民小组")]
    assert passes == sorted(passes, reverse=True)  # coarser drawn on top of a shared border
    assert layer.labelsEnabled() and isinstance(layer.labeling(), QgsRuleBasedLabeling)
    label_rules = {r.description(): r for r in layer.labeling().rootRule().children()}
    assert set(label_rules) == {"县/区", "乡镇", "行政村", "村民小组"}
    township, village = label_rules["乡镇"], label_rules["行政村"]
    assert township.minimumScale() > village.minimumScale() and township.maximumScale() > village.maximumScale()
    assert "unit_name" in village.settings().fieldName


def test_issue_style_outlines_cell_issues_and_fills_areas_lightly():
    layer = styled("grid_issues.qml", "field=issue_type:string")
    categories = {c.value(): c for c in layer.renderer().categories()}
    assert {"gap", "overlap", "no_person", "invalid_geometry"} <= set(categories)
    assert categories["gap"].symbol().symbolLayer(0).fillColor().alpha() < 100  # translucent, never opaque stacks
    assert categories["no_person"].symbol().symbolLayer(0).brushStyle() == 0  # Qt.NoBrush: an outline
    assert categories["no_person"].label() == "无责任人"


def test_output_layers_show_their_codes_in_words(provider, county, tmp_path):
    """delineategrid's issues and cells: ValueMap widgets on issue_type, layer and area_method; the data stays ASCII."""
    out = run_algorithm(
        "farmlandgrid:delineategrid",
        {
            "INPUT": county.uri(county.parcels_layer),
            "OUTPUT": str(tmp_path / "cells.gpkg"),
            "OUTPUT_ISSUES": str(tmp_path / "issues.gpkg"),
        },
    )
    cells = QgsVectorLayer(out["OUTPUT"], "cells", "ogr")  # the style kept in the GeoPackage comes back
    setup = cells.editorWidgetSetup(cells.fields().lookupField("area_method"))
    assert setup.type() == "ValueMap"
    mapping = {code: label for entry in setup.config()["map"] for label, code in entry.items()}
    stored = {f["area_method"] for f in cells.getFeatures()}
    assert stored == {"field:TBDLMJ"} and mapping["field:TBDLMJ"] == "parcel land-class area TBDLMJ"
    issues = QgsVectorLayer(out["OUTPUT_ISSUES"], "issues", "ogr")
    setup = issues.editorWidgetSetup(issues.fields().lookupField("issue_type"))
    mapping = {code: label for entry in setup.config()["map"] for label, code in entry.items()}
    assert mapping["no_person"] == "No responsible person" and mapping["invalid_geometry"] == "Invalid geometry (repaired)"
    assert issues.editorWidgetSetup(issues.fields().lookupField("layer")).type() == "ValueMap"


def test_labels_of_stored_codes():
    assert labels.display("status", "overdue") == "Overdue" and labels.display("status", "returned") == "Sent back"
    assert labels.display("code_status", "split") == "Split from an old parcel"
    assert labels.area_method("ellipsoidal:CGCS2000") == "ellipsoidal area on CGCS2000"
    assert labels.area_method("field:MJ") == "parcel land-class area MJ"
    assert labels.display("issue_type", "something_new") == "something_new"  # unknown codes as they are


def test_printed_pages_name_the_area_method_in_chinese():
    assert labels.printed_area_method("field:TBDLMJ") == "图斑地类面积 TBDLMJ"
    assert labels.printed_area_method("ellipsoidal:CGCS2000") == "椭球面积（CGCS2000）"
    assert labels.printed_area_method(None) is None
