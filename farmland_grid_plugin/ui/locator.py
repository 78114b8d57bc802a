"""Locator filter: type a space code, its first digits, a grid code or a unit's name (城关镇, a village) in QGIS's
search bar to zoom to the parcel or cell. A mistyped code is explained in full, over as many rows as it needs."""

import re
from dataclasses import dataclass

from qgis.core import (
    QgsCoordinateTransform,
    QgsCsException,
    QgsExpression,
    QgsFeatureRequest,
    QgsFields,
    QgsLocatorFilter,
    QgsLocatorResult,
    QgsProject,
    QgsVectorLayer,
    QgsVectorLayerFeatureSource,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QFontMetrics
from qgis.PyQt.QtWidgets import QApplication

from ..domain.spacecode import CODE_LENGTH, SpaceCodeError, validate_space_code
from ..i18n import render
from .zoom import zoom_to_feature

# QGIS 3.22 ignores the prefix of a plugin's filter shorter than 3 characters (it keeps those for its own),
# so 地块码 gives "dkm" rather than "dk".
PREFIX = "dkm"
MAX_RESULTS = 30
ICON_ROOM = 32  # px of a result row taken by its icon and margins
# Code field → field that describes the feature: parcels by their space code, grid cells by their grid code.
LABEL_FIELDS = {"space_code": "DLMC", "grid_code": "unit_name"}
NAME_FIELD, LEVEL_FIELD = "unit_name", "level"  # grid cells are found by their unit's name too
MIN_NAME_LENGTH = 2  # one character (镇, 村) would list half the county
NAME_CANDIDATES = 500  # cells read per layer for a name, before the best are kept
_CODE_START = re.compile(r"\d{5,}[\dX]")  # six or more digits, a check character X only at the end
_WHOLE_CODE = re.compile(rf"[0-9A-Z]{{{CODE_LENGTH}}}")  # a complete code, possibly with a mistyped letter
_CLAUSE_END = re.compile(r"(?<=[:：;；,，])")  # where an explanation may go on to its next row
_TOKEN = re.compile(r"[!-~]+\s*|\s+|.")  # ASCII words (with their spaces) stay whole, other characters one by one


@dataclass
class _Searchable:
    """What a worker thread needs to search one layer, taken from the layer in the main thread."""

    layer_id: str
    layer_name: str
    code_field: str
    label_field: str
    fields: QgsFields
    source: QgsVectorLayerFeatureSource
    has_level: bool = False


class SpaceCodeLocatorFilter(QgsLocatorFilter):
    def __init__(self, iface):
        super().__init__()
        self.iface = iface
        self.setUseWithoutPrefix(True)
        self._searchables = []
        self._explanation = None  # the rows of a mistyped code's explanation
        self._name = None  # the unit name searched for, when the text is no code

    def tr(self, text):
        return QCoreApplication.translate("SpaceCodeLocatorFilter", text)

    def clone(self):
        return SpaceCodeLocatorFilter(self.iface)

    def name(self):
        return "farmlandgrid_codes"

    def displayName(self):
        return self.tr("Parcel space codes and grid codes")

    def prefix(self):
        return PREFIX

    def priority(self):
        return QgsLocatorFilter.High

    def prepare(self, string, context):
        """Main thread: check a complete code, and take a thread-safe source of every layer with codes (or names)."""
        self._searchables = []
        self._explanation = None
        self._name = None
        text = string.strip().upper()
        if _WHOLE_CODE.fullmatch(text):
            try:
                validate_space_code(text)
            except SpaceCodeError as exc:
                self._explanation = explanation_rows(render(exc.message), self._row_width())
                return []
        if not _CODE_START.fullmatch(text):
            name = string.strip()
            if len(name) < MIN_NAME_LENGTH or name.isdigit():
                return []
            self._name = name
        for layer in QgsProject.instance().mapLayers().values():
            if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
                continue
            fields = layer.fields()
            # A parcel layer that also carries its cell's grid_code is searched by space code only.
            code_field = next((name for name in LABEL_FIELDS if fields.lookupField(name) >= 0), None)
            if code_field is None:
                continue
            label_field = LABEL_FIELDS[code_field] if fields.lookupField(LABEL_FIELDS[code_field]) >= 0 else None
            if self._name is not None and label_field != NAME_FIELD:
                continue  # names are searched among grid cells only
            has_level = fields.lookupField(LEVEL_FIELD) >= 0
            source = QgsVectorLayerFeatureSource(layer)
            searchable = _Searchable(layer.id(), layer.name(), code_field, label_field, fields, source, has_level)
            self._searchables.append(searchable)
        # Cells first: a grid code typed in full would otherwise be crowded out by the parcels within the cell.
        self._searchables.sort(key=lambda searchable: searchable.code_field != "grid_code")
        return []

    def _row_width(self):
        """Pixels of the locator's first column: QGIS 3.22 makes the list half the window wide, the column half of that."""
        window = self.iface.mainWindow() if self.iface is not None else None
        width = window.width() if window is not None else 1366
        return max(300, width // 2) // 2 - ICON_ROOM

    def fetchResults(self, string, context, feedback):
        """Worker thread: only what prepare() collected is used here."""
        if self._explanation:
            for row, line in enumerate(self._explanation):  # no user data: triggering a row does nothing
                result = QgsLocatorResult(self, line)
                result.description = self.tr("Not a valid space code") if row == 0 else ""
                result.score = 1.0 - row / 100  # the rows in reading order
                self.resultFetched.emit(result)
            return
        if self._name is not None:
            self._fetch_names(self._name, feedback)
            return
        text = string.strip().upper()
        remaining = MAX_RESULTS
        for searchable in self._searchables:
            if feedback.isCanceled() or remaining <= 0:
                return
            column = QgsExpression.quotedColumnRef(searchable.code_field)
            request = (
                QgsFeatureRequest()
                .setFilterExpression(f"{column} ILIKE {QgsExpression.quotedString(text + '%')}")
                .setFlags(QgsFeatureRequest.NoGeometry)
                .setSubsetOfAttributes([n for n in (searchable.code_field, searchable.label_field) if n], searchable.fields)
                .addOrderBy(column)
                .setLimit(remaining)
            )
            for feature in searchable.source.getFeatures(request):
                if feedback.isCanceled():
                    return
                code = str(feature[searchable.code_field])
                result = QgsLocatorResult(self, code, [searchable.layer_id, feature.id()])
                label = feature[searchable.label_field] if searchable.label_field else None
                result.description = f"{searchable.layer_name} · {label}" if label else searchable.layer_name
                result.group = searchable.layer_name
                result.score = len(text) / max(len(code), 1)  # the complete code first
                self.resultFetched.emit(result)
                remaining -= 1

    def _fetch_names(self, name, feedback):
        """Cells whose unit name holds ``name``: the exact name first, then names starting with it, upper levels first."""
        found = []
        for searchable in self._searchables:
            if feedback.isCanceled():
                return
            attributes = [searchable.code_field, NAME_FIELD] + ([LEVEL_FIELD] if searchable.has_level else [])
            holds = f"strpos({QgsExpression.quotedColumnRef(NAME_FIELD)}, {QgsExpression.quotedString(name)}) > 0"
            request = (
                QgsFeatureRequest()
                .setFilterExpression(holds)
                .setFlags(QgsFeatureRequest.NoGeometry)
                .setSubsetOfAttributes(attributes, searchable.fields)
                .setLimit(NAME_CANDIDATES)
            )
            for feature in searchable.source.getFeatures(request):
                if feedback.isCanceled():
                    return
                unit = str(feature[NAME_FIELD])
                level = feature[LEVEL_FIELD] if searchable.has_level else None
                rank = (unit != name, not unit.startswith(name), level if isinstance(level, int) else 99, unit)
                found.append((rank, searchable, feature.id(), unit, str(feature[searchable.code_field])))
        found.sort(key=lambda item: item[0])
        for position, (_rank, searchable, fid, unit, code) in enumerate(found[:MAX_RESULTS]):
            result = QgsLocatorResult(self, unit, [searchable.layer_id, fid])
            result.description = f"{searchable.layer_name} · {code}"
            result.group = searchable.layer_name
            result.score = 1.0 - position / (2 * MAX_RESULTS)  # the order found above
            self.resultFetched.emit(result)

    def triggerResult(self, result):
        """Zoom the map to the feature and its surroundings, and flash it."""
        data = result.getUserData()
        if not data:
            return
        layer_id, fid = data
        layer = QgsProject.instance().mapLayer(layer_id)
        if layer is None:
            return
        geometry = layer.getFeature(fid).geometry()
        if geometry.isNull():
            return
        canvas = self.iface.mapCanvas()
        transform = QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance())
        try:
            extent = transform.transformBoundingBox(geometry.boundingBox())
        except QgsCsException:
            return
        zoom_to_feature(canvas, extent)
        canvas.flashGeometries([geometry], layer.crs())


def explanation_rows(text, width, metrics=None):
    """``text`` in rows no wider than ``width`` pixels, broken after its clauses (：；，) and, if still too wide, within them.

    QGIS 3.22's locator shows one line per result and cuts it at the column's edge, with no tooltip:
    an explanation longer than that is given as several results, read top to bottom.
    """
    metrics = metrics or QFontMetrics(QApplication.font())

    def fits(line):
        return metrics.horizontalAdvance(line) <= width

    rows = []
    for clause in filter(None, _CLAUSE_END.split(text)):  # each clause keeps the space it starts with, if any
        if rows and fits((rows[-1] + clause).rstrip()):
            rows[-1] += clause
            continue
        line = ""
        for token in _tokens(clause, fits):
            if line.strip() and not fits(line + token.rstrip()):
                rows.append(line.rstrip())
                line = ""
            line += token
        rows.append(line.rstrip())
    return [row.strip() for row in rows if row.strip()]


def _tokens(clause, fits):
    """Latin words (with their spaces) and single Chinese characters; a word wider than a row, letter by letter."""
    for token in _TOKEN.findall(clause):
        yield from (token if len(token) > 1 and not fits(token.rstrip()) else [token])
