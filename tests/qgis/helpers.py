"""Helpers for the QGIS tests."""

from collections import Counter

from qgis.core import (
    QgsDistanceArea,
    QgsFeatureRequest,
    QgsField,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

from farmland_grid_plugin.domain.spacecode import make_code

MU = 10000.0 / 15.0


def open_layer(uri, name="layer"):
    layer = QgsVectorLayer(str(uri), name, "ogr")
    assert layer.isValid(), f"cannot open {uri}"
    return layer


class RecordingFeedback(QgsProcessingFeedback):
    """Feedback that keeps what the algorithm reported, to assert on messages."""

    def __init__(self):
        super().__init__()
        self.lines = []

    def pushInfo(self, info):  # noqa: N802
        self.lines.append(info)

    def pushWarning(self, warning):  # noqa: N802
        self.lines.append(warning)

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.lines.append(error)


def run_algorithm(algorithm_id, parameters, feedback=None):
    """processing.run with a fresh context; a failure is re-raised without the frames that hold QGIS objects.

    (A traceback kept by pytest would keep the context's layers alive past QGIS's exit, which crashes.)
    """
    import processing

    feedback = feedback or RecordingFeedback()
    try:
        return processing.run(algorithm_id, parameters, context=QgsProcessingContext(), feedback=feedback)
    except QgsProcessingException as exc:
        message = str(exc)
    raise QgsProcessingException(message)


def ellipsoidal_m2(layer, geometry):
    """Reference area: QgsDistanceArea on the layer CRS's own ellipsoid."""
    calc = QgsDistanceArea()
    calc.setSourceCrs(layer.crs(), QgsProject.instance().transformContext())
    calc.setEllipsoid(layer.crs().ellipsoidAcronym())
    return calc.measureArea(geometry)


def pick(layer, predicate):
    return next(f for f in layer.getFeatures() if predicate(f))


def editable_copy(layer):
    """An in-memory copy to inject defects into, leaving the generated county untouched."""
    copy = layer.materialize(QgsFeatureRequest())
    assert copy.featureCount() == layer.featureCount()
    return copy


def coded_parcels(county, limit=25):
    """Sample-county parcels in a memory layer with a space_code numbered within each villager group."""
    parcels = open_layer(county.uri(county.parcels_layer), "dltb")
    layer = parcels.materialize(QgsFeatureRequest().setLimit(limit))
    provider = layer.dataProvider()
    assert provider.addAttributes([QgsField("space_code", QVariant.String)])
    layer.updateFields()
    index = layer.fields().lookupField("space_code")
    serials = Counter()
    changes = {}
    for feature in layer.getFeatures():
        group = feature["ZLDWDM"][:15]
        serials[group] += 1
        changes[feature.id()] = {index: make_code(group, serials[group])}
    assert provider.changeAttributeValues(changes)
    return layer
