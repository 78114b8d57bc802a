"""Every algorithm's dialog as a user reads it: labels in the user's words (no algorithm ids, no optional marker of
their own besides QGIS's), required inputs not offered as optional, field pickers tied to their layer, help and
its link, groups in the order of the work."""

import re

import pytest
from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)

from farmland_grid_plugin.i18n import install_translator, remove_translator
from farmland_grid_plugin.processing.base import CONTEXT, GROUP_ORDER, GROUPS

from .helpers import open_layer

# Field inputs the algorithms cannot run without, on a required layer: never shown as "[optional]".
REQUIRED_FIELDS = {
    "delineategrid": ("CODE_FIELD", "CLASS_FIELD"),
    "assignspacecodes": ("CODE_FIELD",),
    "decomposetargets": ("CODE_FIELD", "TARGET_CODE_FIELD"),
    "quotaoverlay": ("CODE_FIELD",),
    "issuecases": ("PATCH_ID_FIELD",),
    "exportatlas": ("SPACE_CODE_FIELD",),
    "exportqrcodes": ("CODE_FIELD",),
}
# Words a field name parameter may be a text box for: none, they are pickers.
FIELD_WORDS = re.compile(r"(\bfield|字段)\s*(\(.*\)|（.*）)?$", re.IGNORECASE)
OPTIONAL_MARKERS = ("optional", "可选")
# Contexts of the parameters added for several algorithms: by the base, by services.layouts for the map exports.
SHARED_CONTEXTS = (CONTEXT, "FarmlandGridLayouts")


def algorithms(provider):
    return sorted(provider.algorithms(), key=lambda a: a.id())


def labels(algorithm):
    return [(d.name(), d.description()) for d in algorithm.parameterDefinitions()]


@pytest.fixture(params=["en", "zh_CN"])
def language(request):
    if request.param != "en":
        assert install_translator(request.param) == "zh_CN"
    yield request.param
    remove_translator()


def test_labels_name_no_algorithm_and_mark_nothing_optional(provider, language):
    ids = [a.name() for a in provider.algorithms()]
    assert len(ids) >= 11
    for algorithm in algorithms(provider):
        fresh = algorithm.create()  # labels translated now, in ``language``
        for name, label in labels(fresh):
            assert not any(alg_id in label for alg_id in ids), (fresh.id(), name, label)
            assert not any(marker in label.lower() for marker in OPTIONAL_MARKERS), (fresh.id(), name, label)
            assert "farmlandgrid" not in label, (fresh.id(), name, label)


def test_required_fields_are_required_pickers_with_their_layer(provider):
    for algorithm in algorithms(provider):
        for name in REQUIRED_FIELDS.get(algorithm.name(), ()):
            definition = algorithm.parameterDefinition(name)
            assert isinstance(definition, QgsProcessingParameterField), (algorithm.id(), name)
            assert not definition.flags() & QgsProcessingParameterDefinition.FlagOptional, (algorithm.id(), name)
            parent = algorithm.parameterDefinition(definition.parentLayerParameterName())
            assert parent is not None and not parent.flags() & QgsProcessingParameterDefinition.FlagOptional
            assert definition.defaultValue() and definition.defaultValue() in definition.help()
        for definition in algorithm.parameterDefinitions():
            if isinstance(definition, QgsProcessingParameterField):
                assert algorithm.parameterDefinition(definition.parentLayerParameterName()) is not None, definition.name()
            if isinstance(definition, QgsProcessingParameterString):
                # A field of a layer is picked from the layer, not typed.
                assert not FIELD_WORDS.search(definition.description()), (algorithm.id(), definition.name())


def test_required_field_defaults_hold_without_the_parameter(provider, county):
    """What QGIS 3.22 refuses for a required field parameter left out (its default is not taken) is taken here."""
    algorithm = QgsProcessingAlgorithm.create(provider.algorithm("delineategrid"))
    context = QgsProcessingContext()
    parcels = open_layer(county.uri(county.parcels_layer), "dltb")
    ok, message = algorithm.checkParameterValues({"INPUT": parcels, "OUTPUT": "memory:", "OUTPUT_ISSUES": "memory:"}, context)
    assert ok, message
    assert algorithm.parameterAsString({"INPUT": parcels}, "CODE_FIELD", context) == "ZLDWDM"


def test_help_is_short_links_the_readme_and_groups_follow_the_work(provider):
    order = []
    for algorithm in provider.algorithms():
        help_text = algorithm.shortHelpString()
        assert help_text and "<desc>" not in help_text and "&lt;" not in help_text, algorithm.id()
        assert algorithm.helpUrl().startswith("https://") and "#" in algorithm.helpUrl(), algorithm.id()
        number, _, _ = algorithm.group().partition(". ")
        assert int(number) == GROUP_ORDER.index(algorithm.groupId()) + 1
        order.append((int(number), algorithm.groupId()))
    # grid → codes → quotas → patrols → cases → maps → dashboard
    assert [g for _, g in sorted(set(order))][:6] == ["grid", "codes", "quota", "patrols", "evidence", "maps"]


def test_rarely_changed_parameters_are_advanced(provider):
    advanced = {
        a.name(): {d.name() for d in a.parameterDefinitions() if d.flags() & QgsProcessingParameterDefinition.FlagAdvanced}
        for a in provider.algorithms()
    }
    assert {"LEVEL_LENGTHS", "ID_FIELD", "TOLERANCE"} <= advanced["delineategrid"]
    assert {"LEVEL_LENGTHS"} <= advanced["decomposetargets"]
    assert {"SCALE", "PAYLOAD"} <= advanced["exportqrcodes"]
    assert {"DPI", "IMAGE_DPI"} <= advanced["exportatlas"]
    assert {"CODE_FIELD", "CLASS_FIELD", "FARMLAND_CLASSES"} <= advanced["dashboardreport"]
    assert {"BUFFER", "TIMEZONE", "FREQUENCY_GROUP"} <= advanced["patrolcoverage"]


def extracted(tmp_path):
    """(context, source) of every string pylupdate finds in the plugin's sources: what can reach the .ts file."""
    import subprocess
    import xml.etree.ElementTree as ET
    from pathlib import Path

    plugin = Path(__file__).resolve().parents[2] / "farmland_grid_plugin"
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in plugin.rglob("*.py"))
    subprocess.run(["pylupdate5", "-noobsolete", *sources, "-ts", str(fresh)], check=True, capture_output=True)
    root = ET.parse(fresh).getroot()
    return {(ctx.findtext("name"), m.findtext("source")) for ctx in root.iter("context") for m in ctx.iter("message")}


def test_every_label_can_be_translated(provider, tmp_path):
    """Each label is a string pylupdate extracts under the algorithm's own name, the base's (the parameters the base
    adds) or the layouts' (the map exports' shared parameters): a label the extraction misses (the base's labels once
    were) stays English in the Chinese dialog."""
    found = extracted(tmp_path)
    missed = [
        (algorithm.id(), name, label)
        for algorithm in algorithms(provider)
        for name, label in labels(algorithm)
        if not any((context, label) in found for context in (type(algorithm).__name__, *SHARED_CONTEXTS))
    ]
    assert missed == [], "\n".join(map(str, missed))
    assert (CONTEXT, "Land class field") in found and (CONTEXT, "Text encoding of CSV and Shapefile inputs") in found


def test_strings_of_the_base_are_chinese_in_every_algorithm(provider):
    """In zh_CN an algorithm's tr finds the base's translations too: the group name translated under the base's
    context reads in Chinese through any algorithm, as the parameters the base adds do once translated."""
    assert install_translator("zh_CN") == "zh_CN"
    try:
        for algorithm in algorithms(provider):
            fresh = algorithm.create()
            assert fresh.tr("Supervision grid") == "监管网格", fresh.id()
            assert fresh.group().endswith(fresh.tr(GROUPS[fresh.groupId()])) and not fresh.group().isascii(), fresh.id()
    finally:
        remove_translator()
