"""The plugin as QGIS loads it: provider registration, toolbar and menu actions, unload, translation."""

import sys

import pytest
from qgis.core import Qgis, QgsApplication, QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication

from farmland_grid_plugin import classFactory
from farmland_grid_plugin.domain.unitcode import UnitCodeError, validate_unit_code
from farmland_grid_plugin.i18n import install_translator, locale_candidates, remove_translator, render
from farmland_grid_plugin.ui.locator import SpaceCodeLocatorFilter

from .helpers import coded_parcels, run_algorithm

ALG_QR = "farmlandgrid:exportqrcodes"


@pytest.fixture
def no_provider(qgis_processing):
    """Start without the tests' provider so the plugin registers its own (the `provider` fixture re-adds it)."""
    registry = QgsApplication.processingRegistry()
    registry.removeProvider("farmlandgrid")
    return registry


def test_plugin_registers_and_unloads_everything(qgis_iface, no_provider):
    # The stub interface records these calls (it answers every method it lacks with a mock).
    qgis_iface.registerLocatorFilter.reset_mock()
    qgis_iface.deregisterLocatorFilter.reset_mock()
    plugin = classFactory(qgis_iface)
    assert plugin.missing == []
    plugin.initProcessing()
    plugin.initGui()
    provider = no_provider.providerById("farmlandgrid")
    assert provider is not None
    ids = [
        "farmlandgrid:delineategrid",
        "farmlandgrid:assignspacecodes",
        "farmlandgrid:exportqrcodes",
        "farmlandgrid:quotaoverlay",
        "farmlandgrid:decomposetargets",
        "farmlandgrid:patrolcoverage",
        "farmlandgrid:issuecases",
        "farmlandgrid:importevidence",
        "farmlandgrid:exportatlas",
        "farmlandgrid:exportsignboards",
    ]
    assert set(ids + ["farmlandgrid:dashboardreport"]) <= {a.id() for a in provider.algorithms()}
    # The menu in the order of the work, every registered algorithm of the stages in it, the report last.
    menu_ids = [a.objectName() for a in plugin.actions]
    assert [i for i in menu_ids if i in ids] == ids and menu_ids[-1] == "farmlandgrid:dashboardreport"
    assert all(provider.algorithm(i.split(":")[1]) is not None for i in menu_ids)
    # One icon per action, a tooltip saying what it does, separators between the stages.
    icons = [a.icon().cacheKey() for a in plugin.actions + [plugin.review_action, plugin.dashboard_action]]
    assert all(not a.icon().isNull() for a in plugin.actions) and len(plugin.separators) == 6
    assert all(a.toolTip() and a.toolTip() != a.text().replace("&", "") for a in plugin.actions)
    assert len(set(icons)) == len(icons)
    # grid, codes, patrols, the evidence review dock, atlas and the dashboard (whose dock exports the report)
    named = {a.objectName(): a for a in plugin.actions}
    toolbar = [named[i] for i in ("farmlandgrid:delineategrid", "farmlandgrid:assignspacecodes", "farmlandgrid:patrolcoverage")]
    toolbar += [plugin.review_action, named["farmlandgrid:exportatlas"], plugin.dashboard_action]
    assert plugin.toolbar.actions() == toolbar
    plugin.review_action.trigger()
    dock = plugin.review_dock
    assert dock.objectName() == "FarmlandGridReviewDock" and dock.isVisible()
    plugin.review_action.trigger()
    assert plugin.review_dock is dock  # one dock, shown again
    plugin.dashboard_action.trigger()
    assert plugin.dashboard_dock.isVisible()
    locator_filter = plugin.locator_filter
    assert isinstance(locator_filter, SpaceCodeLocatorFilter)
    qgis_iface.registerLocatorFilter.assert_called_once_with(locator_filter)
    plugin.unload()
    assert no_provider.providerById("farmlandgrid") is None
    assert plugin.actions == [] and plugin.toolbar is None and plugin.review_dock is None and plugin.dashboard_dock is None
    qgis_iface.deregisterLocatorFilter.assert_called_once_with(locator_filter)
    assert plugin.locator_filter is None


def test_missing_core_package_registers_an_empty_provider_that_says_why(qgis_iface, no_provider, monkeypatch, capsys):
    # None in sys.modules makes an import fail as if the package were not installed.
    monkeypatch.setitem(sys.modules, "shapely", None)
    logged = []

    def record(message, tag, level):
        logged.append((message, tag, level))

    log = QgsApplication.messageLog()
    log.messageReceived.connect(record)
    try:
        plugin = classFactory(qgis_iface)
        plugin.initProcessing()
        plugin.initGui()
    finally:
        log.messageReceived.disconnect(record)
    provider = no_provider.providerById("farmlandgrid")
    assert provider is not None and provider.algorithms() == []
    hint = "shapely>=2 (pip install 'shapely>=2')"
    assert [level for message, tag, level in logged if hint in message] == [Qgis.Warning]
    assert hint in capsys.readouterr().err  # what qgis_process users see in their terminal
    assert hint in qgis_iface.messageBar().get_messages(Qgis.Critical)[-1]
    assert plugin.toolbar is None and plugin.locator_filter is None
    plugin.unload()
    assert no_provider.providerById("farmlandgrid") is None


def test_missing_optional_package_refuses_only_the_algorithms_needing_it(provider, county, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "segno", None)  # importlib.util.find_spec("segno") is then None, as when not installed
    with pytest.raises(QgsProcessingException) as info:
        run_algorithm(ALG_QR, {"INPUT": coded_parcels(county, limit=3), "FOLDER": str(tmp_path / "qr"), "OUTPUT": "memory:"})
    assert "segno" in str(info.value) and "pip install segno" in str(info.value)
    assert not list(tmp_path.rglob("*.png"))
    grid = run_algorithm(
        "farmlandgrid:delineategrid", {"INPUT": county.uri(county.parcels_layer), "OUTPUT": "memory:", "OUTPUT_ISSUES": "memory:"}
    )
    assert grid["CELL_COUNT"] > 0


def test_locale_fallback_order():
    assert locale_candidates("zh_CN") == ["zh_CN", "zh"]
    assert locale_candidates("zh_TW") == ["zh_TW", "zh", "zh_CN"]
    assert locale_candidates("en_US") == ["en_US", "en"]


def test_chinese_translation_of_algorithm_and_domain_messages(provider):
    try:
        assert install_translator("zh_TW") == "zh_CN"
        algorithm = QgsApplication.processingRegistry().algorithmById("farmlandgrid:delineategrid")
        assert algorithm.displayName() == "划分监管网格"
        with pytest.raises(UnitCodeError) as info:
            validate_unit_code("13012300100A0030000")
        assert render(info.value.message) == "单位代码 '13012300100A0030000' 第 12 位是非数字字符 'A'"
    finally:
        remove_translator()
    assert QCoreApplication.translate("DelineateGridAlgorithm", "Delineate supervision grid") == ("Delineate supervision grid")
    assert install_translator("en_US") is None
