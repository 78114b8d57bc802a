"""The locator filter: prefix, complete, grid-code and unit-name searches, explanation of mistyped codes in rows that
fit the locator's column, zoom on trigger with the feature's surroundings."""

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeedback,
    QgsGeometry,
    QgsLocator,
    QgsLocatorContext,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QEventLoop, QTimer
from qgis.PyQt.QtGui import QFontMetrics
from qgis.PyQt.QtWidgets import QApplication

from farmland_grid_plugin.domain.spacecode import check_character, make_code
from farmland_grid_plugin.ui.locator import MAX_RESULTS, PREFIX, SpaceCodeLocatorFilter, explanation_rows
from farmland_grid_plugin.ui.zoom import MIN_SCALE

from .helpers import coded_parcels


@pytest.fixture
def parcels(qgis_new_project, county):
    layer = coded_parcels(county, limit=300)
    layer.setName("coded parcels")
    assert QgsProject.instance().addMapLayer(layer)
    return layer


def grid_cells(parcels, group_codes):
    """A small grid-cell layer: one cell per villager group, the bounding box of its parcels."""
    cells = QgsVectorLayer(
        "Polygon?crs=EPSG:4527&field=grid_code:string&field=level:integer&field=unit_name:string", "grid cells", "memory"
    )
    features = []
    for n, group in enumerate(group_codes):
        box = QgsRectangle()
        box.setMinimal()
        for parcel in parcels.getFeatures():
            if parcel["space_code"].startswith(group):
                box.combineExtentWith(parcel.geometry().boundingBox())
        cell = QgsFeature(cells.fields())
        cell.setAttributes([group, 6, f"第{n + 1}村民小组"])
        cell.setGeometry(QgsGeometry.fromRect(box))
        features.append(cell)
    assert cells.dataProvider().addFeatures(features)[0]
    return cells


def search(locator_filter, text):
    """Run the filter as QGIS does, minus the thread: prepare() then fetchResults(); the results emitted."""
    found = []
    locator_filter.resultFetched.connect(found.append)
    context = QgsLocatorContext()
    locator_filter.prepare(text, context)
    locator_filter.fetchResults(text, context, QgsFeedback())
    locator_filter.resultFetched.disconnect(found.append)
    return found


def codes(layer, field="space_code"):
    return sorted(f[field] for f in layer.getFeatures())


def test_prefix_search_finds_the_parcels_of_a_group(qgis_iface, parcels):
    locator_filter = SpaceCodeLocatorFilter(qgis_iface)
    group = codes(parcels)[0][:15]
    # Serials 10 to 19 of the group.
    prefix = f"{group}0001"
    expected = [c for c in codes(parcels) if c.startswith(prefix)]
    assert len(expected) == 10
    results = search(locator_filter, f"  {prefix}  ")
    assert [r.displayString for r in results] == expected
    assert {r.group for r in results} == {"coded parcels"}
    land_class = {f["space_code"]: f["DLMC"] for f in parcels.getFeatures()}
    assert [r.description for r in results] == [f"coded parcels · {land_class[c]}" for c in expected]
    # The whole group, or ten digits of its village: limited, in code order.
    for shorter in (group, group[:10]):
        matching = [c for c in codes(parcels) if c.startswith(shorter)]
        assert len(matching) > MAX_RESULTS
        assert [r.displayString for r in search(locator_filter, shorter)] == matching[:MAX_RESULTS]


def test_complete_code_finds_exactly_one_feature(qgis_iface, parcels):
    target = parcels.getFeature(sorted(parcels.allFeatureIds())[7])
    code = target["space_code"]
    (result,) = search(SpaceCodeLocatorFilter(qgis_iface), code.lower())
    assert result.displayString == code
    assert result.getUserData() == [parcels.id(), target.id()]
    assert result.score == 1.0


def test_grid_code_finds_the_cell(qgis_iface, parcels):
    groups = sorted({c[:15] for c in codes(parcels)})[:2]
    cells = grid_cells(parcels, groups)
    QgsProject.instance().addMapLayer(cells)
    results = search(SpaceCodeLocatorFilter(qgis_iface), groups[1])
    cell = results[0]
    assert cell.displayString == groups[1] and cell.description == "grid cells · 第2村民小组"
    # Then the parcels of the group, by their space codes, up to the limit.
    assert [r.displayString for r in results[1:]] == [c for c in codes(parcels) if c.startswith(groups[1])][: MAX_RESULTS - 1]


def test_mistyped_code_says_which_character_is_wrong(qgis_iface, qgis_canvas, parcels):
    """The whole explanation, in rows that each fit the locator's first column (QGIS 3.22 cuts a row at its edge)."""
    window = qgis_iface.mainWindow()
    size = window.size()
    window.resize(1366, 768)  # the list is half the window wide, its first column half the list
    locator_filter = SpaceCodeLocatorFilter(qgis_iface)
    assert locator_filter._row_width() == 1366 // 2 // 2 - 32
    code = codes(parcels)[3]
    wrong_digit = code[:9] + str((int(code[9]) + 1) % 10) + code[10:]
    results = search(locator_filter, wrong_digit)
    explanation = (
        f"Space code {wrong_digit!r}: the check character is {code[-1]!r} but the digits give "
        f"{check_character(wrong_digit[:-1])!r}; a digit is mistyped or two neighbouring digits are swapped"
    )
    assert len(results) >= 2 and " ".join(r.displayString for r in results) == explanation
    metrics, width = QFontMetrics(QApplication.font()), locator_filter._row_width()
    assert all(metrics.horizontalAdvance(r.displayString) <= width for r in results)
    assert [r.description for r in results] == [locator_filter.tr("Not a valid space code")] + [""] * (len(results) - 1)
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)  # QGIS lists them in reading order
    assert all(r.getUserData() is None for r in results)
    letter = code[:11] + "O" + code[12:]
    results = search(locator_filter, letter)
    assert (
        " ".join(r.displayString for r in results) == f"Space code {letter!r}: character 12 is 'O'; only digits may stand there"
    )
    # Triggering the explanation changes nothing.
    before = qgis_canvas.extent()
    SpaceCodeLocatorFilter(qgis_iface).triggerResult(results[0])
    assert qgis_canvas.extent() == before
    window.resize(size)


def test_explanation_rows_in_chinese_fit_and_lose_nothing():
    text = "地块空间码 '130123001001001000152'：校验码为 '2'，但按前面的数字应为 '7'；有数字输错或相邻两位颠倒"
    metrics = QFontMetrics(QApplication.font())
    for width in (120, 200, 400):
        rows = explanation_rows(text, width, metrics)
        assert "".join(rows).replace(" ", "") == text.replace(" ", "")
        assert all(metrics.horizontalAdvance(row) <= width for row in rows)
    assert "'130123001001001000152'：" in explanation_rows(text, 400, metrics)[0]  # words are cut only when wider than a row
    assert "".join(explanation_rows(text, 400, metrics)) == text  # broken after its clauses, nothing added
    assert explanation_rows(text, 2000, metrics) == [text]


def named_cells():
    """A township, three villages (one holding the township's name inside its own) and a group, nested squares."""
    cells = QgsVectorLayer(
        "Polygon?crs=EPSG:4527&field=grid_code:string&field=level:integer&field=unit_name:string", "网格单元", "memory"
    )
    rows = [
        ("130123001", 4, "城关镇", 20000),
        ("130123001002", 5, "东城关村", 4000),
        ("130123001001", 5, "城关村", 4000),
        ("130123001001001", 6, "城关村一组", 1000),
        ("130123002001", 5, "西营村", 4000),
    ]
    features = []
    for code, level, name, size in rows:
        feature = QgsFeature(cells.fields())
        feature.setAttributes([code, level, name])
        feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(39_500_000, 4_200_000, 39_500_000 + size, 4_200_000 + size)))
        features.append(feature)
    assert cells.dataProvider().addFeatures(features)[0]
    return cells


def test_unit_names_find_their_cells(qgis_iface, qgis_canvas, qgis_new_project):
    cells = named_cells()
    QgsProject.instance().addMapLayer(cells)
    locator_filter = SpaceCodeLocatorFilter(qgis_iface)
    # The exact name first, then names that start with it (upper levels first), then names that hold it.
    results = search(locator_filter, "城关")
    assert [r.displayString for r in results] == ["城关镇", "城关村", "城关村一组", "东城关村"]
    assert results[0].description == "网格单元 · 130123001" and results[0].group == "网格单元"
    assert [r.displayString for r in search(locator_filter, " 城关村 ")] == ["城关村", "城关村一组", "东城关村"]
    assert [r.displayString for r in search(locator_filter, "西营村")] == ["西营村"]
    assert search(locator_filter, "城") == [] and search(locator_filter, "北京") == []
    # Choosing the township: the map on it and its surroundings, the township a third of the canvas.
    qgis_canvas.setDestinationCrs(cells.crs())
    locator_filter.triggerResult(search(locator_filter, "城关镇")[0])
    township = QgsRectangle(39_500_000, 4_200_000, 39_520_000, 4_220_000)
    extent = qgis_canvas.extent()
    assert extent.contains(township)
    assert min(extent.width() / township.width(), extent.height() / township.height()) == pytest.approx(3, rel=0.02)


@pytest.mark.parametrize("text", ["", "13012", "abc123", "1301230X10", "130123 001", "not a code at all 123456"])
def test_strings_that_are_no_codes_find_nothing(qgis_iface, parcels, text):
    assert search(SpaceCodeLocatorFilter(qgis_iface), text) == []


def test_valid_code_not_in_the_project_finds_nothing(qgis_iface, parcels):
    assert search(SpaceCodeLocatorFilter(qgis_iface), make_code("110101001001001", 1)) == []


def test_trigger_zooms_to_the_feature_in_the_canvas_crs(qgis_iface, qgis_canvas, parcels):
    geographic = QgsCoordinateReferenceSystem("EPSG:4490")
    qgis_canvas.setDestinationCrs(geographic)
    qgis_canvas.setExtent(QgsRectangle(100.0, 20.0, 100.1, 20.1))  # far away from the county
    target = parcels.getFeature(sorted(parcels.allFeatureIds())[42])
    locator_filter = SpaceCodeLocatorFilter(qgis_iface)
    (result,) = search(locator_filter, target["space_code"])
    locator_filter.triggerResult(result)
    transform = QgsCoordinateTransform(parcels.crs(), geographic, QgsProject.instance())
    bbox = transform.transformBoundingBox(target.geometry().boundingBox())
    extent = qgis_canvas.extent()
    assert extent.contains(bbox)
    # The parcel and its surroundings: three times its size, or 1:500 for a parcel too small for that.
    ratio = min(extent.width() / bbox.width(), extent.height() / bbox.height())
    if qgis_canvas.scale() > MIN_SCALE * 1.01:
        assert ratio == pytest.approx(3, rel=0.02)
    else:
        assert ratio > 3 and qgis_canvas.scale() == pytest.approx(MIN_SCALE, rel=0.01)


def test_through_qgis_locator_with_prefix_in_a_worker_thread(qgis_iface, parcels):
    """QGIS's own locator: clone, prepare in the main thread, search in a thread, prefix dkm."""
    locator = QgsLocator()
    locator.registerFilter(SpaceCodeLocatorFilter(qgis_iface))
    code = codes(parcels)[0]
    found = []
    # Copy in the slot: the result Qt queued from the thread is gone once the slot returns.
    locator.foundResult.connect(lambda result: found.append((result.displayString, result.getUserData())))
    loop = QEventLoop()
    locator.finished.connect(loop.quit)
    QTimer.singleShot(10000, loop.quit)
    locator.fetchResults(f"{PREFIX} {code}", QgsLocatorContext())
    if locator.isRunning():
        loop.exec_()
    assert found == [(code, [parcels.id(), parcels_fid(parcels, code)])]


def parcels_fid(layer, code):
    return next(f.id() for f in layer.getFeatures() if f["space_code"] == code)
