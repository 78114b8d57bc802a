"""The typed settings: defaults for what was never written, values back with their types, wrong names and types refused."""

import pytest
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QByteArray

from farmland_grid_plugin import settings as plugin_settings

from .test_review_dock import settings  # noqa: F401 - the fixture that empties and restores the plugin's settings


def test_defaults_round_trip_and_the_keys_kept(settings):  # noqa: F811
    stored = plugin_settings.load()
    assert stored == plugin_settings.PluginSettings()
    assert stored.review_letter_keys is False and stored.review_splitter.isEmpty()
    plugin_settings.save("review_letter_keys", True)
    plugin_settings.save("review_splitter", b"\x00\xff\x01")
    plugin_settings.save("reviewer", "审核员 李华")
    stored = plugin_settings.load()
    assert stored.review_letter_keys is True
    assert bytes(stored.review_splitter) == b"\x00\xff\x01" and isinstance(stored.review_splitter, QByteArray)
    assert stored.reviewer == "审核员 李华"
    # The keys the review dock has always written keep their names: a user's remembered workspace is not lost.
    assert plugin_settings.key("review_workspace") == "farmland_grid/review_workspace"
    assert QgsSettings().value("farmland_grid/reviewer") == "审核员 李华"


def test_wrong_names_and_types_are_refused(settings):  # noqa: F811
    with pytest.raises(KeyError, match="no setting 'reviewr'"):
        plugin_settings.save("reviewr", "x")
    with pytest.raises(TypeError, match="setting 'review_letter_keys' is a bool, not str"):
        plugin_settings.save("review_letter_keys", "yes")
    QgsSettings().setValue(plugin_settings.key("review_letter_keys"), "garbage")  # written by something else
    QgsSettings().setValue(plugin_settings.key("review_splitter"), 17)
    stored = plugin_settings.load()
    assert isinstance(stored.review_letter_keys, bool) and isinstance(stored.review_splitter, QByteArray)
