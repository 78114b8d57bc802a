"""Locator filter: type a space code, its first digits or a grid code in QGIS's search bar to zoom to the parcel or cell."""

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

from ..domain.spacecode import CODE_LENGTH, SpaceCodeError, validate_space_code
from ..i18n import render

# QGIS 3.22 ignores the prefix of a plugin's filter shorter than 3 characters (it keeps those for its own),
# so 地块码 gives "dkm" rather than "dk".
PREFIX = "dkm"
MAX_RESULTS = 30
# Code field → field that describes the feature: parcels by their space code, grid cells by their grid code.
LABEL_FIELDS = {"space_code": "DLMC", "grid_code": "unit_name"}
_CODE_START = re.compile(r"\d{5,}[\dX]")  # six or more digits, a check character X only at the end
_WHOLE_CODE = re.compile(rf"[0-9A-Z]{{{CODE_LENGTH}}}")  # a complete code, possibly with a mistyped letter


@dataclass
class _Searchable:
    """What a worker thread needs to search one layer, taken from the layer in the main thread."""

    layer_id: str
    layer_name: str
    code_field: str
    label_field: str
    fields: QgsFields
    source: QgsVectorLayerFeatureSource


class SpaceCodeLocatorFilter(QgsLocatorFilter):
    def __init__(self, iface):
        super().__init__()
        self.iface = iface
        self.setUseWithoutPrefix(True)
        self._searchables = []
        self._explanation = None

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
        """Main thread: check a complete code, and take a thread-safe source of every layer with codes."""
        self._searchables = []
        self._explanation = None
        text = string.strip().upper()
        if _WHOLE_CODE.fullmatch(text):
            try:
                validate_space_code(text)
            except SpaceCodeError as exc:
                self._explanation = render(exc.message)
                return []
        if not _CODE_START.fullmatch(text):
            return []
        for layer in QgsProject.instance().mapLayers().values():
            if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
                continue
            fields = layer.fields()
            # A parcel layer that also carries its cell's grid_code is searched by space code only.
            code_field = next((name for name in LABEL_FIELDS if fields.lookupField(name) >= 0), None)
            if code_field is None:
                continue
            label_field = LABEL_FIELDS[code_field] if fields.lookupField(LABEL_FIELDS[code_field]) >= 0 else None
            searchable = _Searchable(
                layer.id(), layer.name(), code_field, label_field, fields, QgsVectorLayerFeatureSource(layer)
            )
            self._searchables.append(searchable)
        # Cells first: a grid code typed in full would otherwise be crowded out by the parcels within the cell.
        self._searchables.sort(key=lambda searchable: searchable.code_field != "grid_code")
        return []

    def fetchResults(self, string, context, feedback):
        """Worker thread: only what prepare() collected is used here."""
        if self._explanation:
            result = QgsLocatorResult(self, self._explanation)  # no user data: triggering it does nothing
            result.description = self.tr("Not a valid space code")
            result.score = 1.0
            self.resultFetched.emit(result)
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

    def triggerResult(self, result):
        """Zoom the map to the feature, with a margin, and flash it."""
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
        if extent.width() or extent.height():
            extent.grow(0.1 * max(extent.width(), extent.height()))
            canvas.setExtent(extent)
        else:  # a point (e.g. a warning post): keep the scale
            canvas.setCenter(extent.center())
        canvas.refresh()
        canvas.flashGeometries([geometry], layer.crs())
