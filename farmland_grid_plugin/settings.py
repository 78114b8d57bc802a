"""The plugin's settings, typed: one dataclass names every setting with its type and default.

Values live in QGIS's settings (the user's profile) under ``farmland_grid/<name>``; the two keys the
review dock has always used keep their names. Read them all with ``load()``, write one with ``save()``:
a name or type that the dataclass does not declare is a programming error and raises at once.
"""

from dataclasses import dataclass, field, fields

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QByteArray

GROUP = "farmland_grid"


@dataclass(frozen=True)
class PluginSettings:
    """Every setting of the plugin, with its default."""

    # Review dock (举证审核)
    review_workspace: str = ""  # the workspace GeoPackage opened last
    reviewer: str = ""  # the name recorded with every step
    review_role: str = ""  # domain.roles.REVIEWER or FIELD chosen in the dock ("": not chosen yet, reviewer)
    review_letter_keys: bool = False  # single-letter keys A (approve) and B (send back); off unless the user turns them on
    review_splitter: QByteArray = field(default_factory=QByteArray)  # list | details, docked (top and bottom)
    review_splitter_wide: QByteArray = field(default_factory=QByteArray)  # list | details side by side (wide window)
    review_columns: QByteArray = field(default_factory=QByteArray)  # the case list's column widths and order
    review_history_columns: QByteArray = field(default_factory=QByteArray)


_TYPES = {f.name: f.type for f in fields(PluginSettings)}


def key(name):
    """The QgsSettings key of a setting."""
    if name not in _TYPES:
        raise KeyError(f"no setting {name!r}; the settings are {', '.join(_TYPES)}")
    return f"{GROUP}/{name}"


def load():
    """All settings as stored, the default for those never written."""
    stored, defaults = QgsSettings(), PluginSettings()
    values = {}
    for name, kind in _TYPES.items():
        default = getattr(defaults, name)
        value = stored.value(key(name), default, type=kind)
        values[name] = value if isinstance(value, kind) else default
    return PluginSettings(**values)


def save(name, value):
    """Write one setting (its type checked against the dataclass)."""
    kind = _TYPES.get(name)
    if kind is None:
        key(name)  # raises, naming the settings there are
    if kind is QByteArray and isinstance(value, (bytes, bytearray)):
        value = QByteArray(bytes(value))
    if not isinstance(value, kind):
        raise TypeError(f"setting {name!r} is a {kind.__name__}, not {type(value).__name__}")
    QgsSettings().setValue(key(name), value)
