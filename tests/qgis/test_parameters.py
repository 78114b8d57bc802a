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
from farmland_grid_plugin.processing.base import GROUP_ORDER

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
