"""What every farmlandgrid algorithm shares: reading sources into arrays, writing sinks, areas, styles."""

from collections import deque
from pathlib import Path

import numpy as np
import shapely
from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QIcon

from ..domain.area import METHOD_PLANAR, EllipsoidalArea, method_label, planar_areas
from ..domain.messages import QT_TR_NOOP, DomainError, Message
from ..i18n import render

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def plugin_icon():
    return QIcon(str(RESOURCES / "icons" / "farmland_grid.svg"))


class FarmlandGridAlgorithm(QgsProcessingAlgorithm):
    """Base class: instance creation and icon. Strings are translated in the subclasses, under their own names."""

    def createInstance(self):
        return type(self)()

    def icon(self):
        return plugin_icon()


def fail(message):
    """Raise a QgsProcessingException with a domain Message or DomainError rendered in the user's language."""
    if isinstance(message, DomainError):
        message = message.message
    raise QgsProcessingException(render(message) if hasattr(message, "render") else str(message))


def build_fields(spec):
    """QgsFields from ``(name, QVariant type, Chinese alias)`` tuples."""
    fields = QgsFields()
    for name, kind, alias in spec:
        qfield = QgsField(name, kind)
        qfield.setAlias(alias)
        fields.append(qfield)
    return fields


def require_field(source, name, parameter):
    """Fail with a message naming the parameter and the fields there are when ``name`` is not in the source."""
    if not name or source.fields().lookupField(name) < 0:
        fail(
            Message(
                QT_TR_NOOP("Field {field!r} ({param}) is not in layer {layer!r}; its fields are: {available}"),
                field=name or "",
                param=parameter,
                layer=source.sourceName(),
                available=", ".join(source.fields().names()) or "—",
            )
        )
    return name


def _plain(value):
    return None if value is None or value == NULL else value


class Columns:
    """A source read into memory: shapely geometries (2D, in the requested CRS), attribute lists, feature ids."""

    def __init__(self, geoms, columns, fids):
        self.geoms = geoms
        self.columns = columns
        self.fids = fids

    def __len__(self):
        return len(self.fids)


def read_columns(source, field_names, context, feedback, dest_crs=None, span=(0, 30), geometry=True):
    """Read the named fields (and geometries) of every feature, in one pass with the attribute subset only."""
    fields = source.fields()
    wanted = [n for n in field_names if n]
    indices = [fields.lookupField(n) for n in wanted]
    request = QgsFeatureRequest().setSubsetOfAttributes(indices)
    if not geometry:
        request.setFlags(QgsFeatureRequest.NoGeometry)
    elif dest_crs is not None and dest_crs.isValid() and source.sourceCrs() != dest_crs:
        request.setDestinationCrs(dest_crs, context.transformContext())
    total = max(source.featureCount(), 1)
    step = max(total // 100, 1)
    wkb, fids = [], []
    values = [[] for _ in wanted]
    for n, feature in enumerate(source.getFeatures(request)):
        if n % step == 0:
            if feedback.isCanceled():
                break
            feedback.setProgress(span[0] + (span[1] - span[0]) * n / total)
        fids.append(feature.id())
        attrs = feature.attributes()
        for column, index in zip(values, indices):
            column.append(_plain(attrs[index]))
        if geometry:
            geom = feature.geometry()
            if geom.isNull():
                wkb.append(None)
                continue
            if QgsWkbTypes.isCurvedType(geom.wkbType()):
                geom = QgsGeometry(geom.constGet().segmentize())
            wkb.append(bytes(geom.asWkb()))
    geoms = shapely.force_2d(shapely.from_wkb(np.array(wkb, dtype=object))) if geometry else None
    return Columns(geoms, dict(zip(wanted, values)), fids)


def to_number(values):
    """Float array from attribute values; NaN where empty or not a number (e.g. text in a numeric column)."""
    out = np.full(len(values), np.nan)
    for i, v in enumerate(values):
        try:
            out[i] = float(v)
        except (TypeError, ValueError):
            pass
    return out


def write_features(sink, rows, geoms, feedback, span=(90, 100)):
    """Write attribute rows with shapely geometries (None for none) to a sink, as multi-geometries."""
    # 2D explicitly: inside QGIS executables shapely may run on the system GEOS, whose default differs.
    wkbs = shapely.to_wkb(np.array(geoms, dtype=object), output_dimension=2) if len(geoms) else []
    total = max(len(rows), 1)
    for n, (row, wkb) in enumerate(zip(rows, wkbs)):
        feature = QgsFeature()
        feature.setAttributes(list(row))
        if wkb is not None:
            geom = QgsGeometry()
            geom.fromWkb(wkb)
            geom.convertToMultiType()
            feature.setGeometry(geom)
        if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
            raise QgsProcessingException(sink.lastError())
        if n % 1000 == 0:
            if feedback.isCanceled():
                return
            feedback.setProgress(span[0] + (span[1] - span[0]) * n / total)


class GeometryArea:
    """Area of geometries in the working CRS: ellipsoidal on its own ellipsoid, or planar."""

    def __init__(self, method, crs: QgsCoordinateReferenceSystem):
        if method == METHOD_PLANAR:
            self.label = method_label(METHOD_PLANAR, crs.authid() or crs.description())
            self.measure = planar_areas
            return
        try:
            self._ellipsoidal = EllipsoidalArea(crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED))
        except DomainError as exc:
            fail(exc)
        self.label = self._ellipsoidal.label
        self.measure = self._ellipsoidal.areas

    def __call__(self, geoms):
        return self.measure(np.asarray(geoms, dtype=object))


class _StyleLoader(QgsProcessingLayerPostProcessorInterface):
    """Applies a shipped QML style and the Chinese aliases to an output layer once QGIS loads it."""

    # Processing does not own post-processors: keep the last few alive until QGIS has used them.
    _alive = deque(maxlen=64)

    def __init__(self, qml, aliases):
        super().__init__()
        self.qml = qml
        self.aliases = aliases

    def postProcessLayer(self, layer, context, feedback):
        layer.loadNamedStyle(str(self.qml))
        for name, alias in self.aliases.items():
            index = layer.fields().lookupField(name)
            if index >= 0:
                layer.setFieldAlias(index, alias)
        layer.triggerRepaint()


def style_output(context, dest_id, qml_name, fields):
    """Style an output layer that QGIS will load when the algorithm finishes."""
    if not context.willLoadLayerOnCompletion(dest_id):
        return
    loader = _StyleLoader(RESOURCES / "styles" / qml_name, {f.name(): f.alias() for f in fields})
    _StyleLoader._alive.append(loader)
    context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(loader)
