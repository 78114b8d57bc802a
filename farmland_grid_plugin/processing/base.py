"""What every farmlandgrid algorithm shares: reading sources into arrays, writing sinks, areas, styles."""

import csv
from collections import deque
from pathlib import Path

import numpy as np
import shapely
from osgeo import gdal, ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingLayerPostProcessorInterface,
    QgsProviderRegistry,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant
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


def is_metric_crs(crs):
    """True for a valid projected CRS in metres, where distances can be measured directly."""
    return crs.isValid() and not crs.isGeographic() and crs.mapUnits() == QgsUnitTypes.DistanceMeters


def local_metric_crs(longitude):
    """A transverse Mercator CRS in metres (GRS80) on the half degree nearest ``longitude``: distances of
    data in a geographic CRS are measured there."""
    central = float(np.round(longitude * 2) / 2)
    return QgsCoordinateReferenceSystem.fromProj(
        f"+proj=tmerc +lat_0=0 +lon_0={central} +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs"
    )


class Columns:
    """A source read into memory: shapely geometries (2D, in the requested CRS), attribute lists, feature ids."""

    def __init__(self, geoms, columns, fids):
        self.geoms = geoms
        self.columns = columns
        self.fids = fids

    def __len__(self):
        return len(self.fids)


def whole_ogr_layer(algorithm, parameters, name, context, suffixes=None):
    """The input's GDAL (ogr) layer when reading its file directly gives exactly the features of the source.

    Not when only selected features, a feature limit, a subset filter or unsaved edits are in play;
    ``suffixes``: accept only files with one of these endings.
    """
    value = parameters.get(name)
    if isinstance(value, QgsProcessingFeatureSourceDefinition) and (value.selectedFeaturesOnly or value.featureLimit != -1):
        return None
    return direct_ogr_layer(algorithm.parameterAsVectorLayer(parameters, name, context), suffixes)


def direct_ogr_layer(layer, suffixes=None):
    """``layer`` itself when reading its file with GDAL gives exactly its features: an ogr layer without a subset
    filter or unsaved edits (``suffixes``: and a file with one of these endings); else None."""
    if layer is None or layer.providerType() != "ogr" or layer.subsetString() or layer.isModified():
        return None
    path = QgsProviderRegistry.instance().decodeUri("ogr", layer.source()).get("path", "")
    return layer if suffixes is None or path.lower().endswith(suffixes) else None


GEOPACKAGE_SUFFIXES = (".gpkg",)


def whole_geopackage_layer(algorithm, parameters, name, context):
    """The input's GeoPackage layer when reading its file directly gives exactly the features of the source."""
    return whole_ogr_layer(algorithm, parameters, name, context, GEOPACKAGE_SUFFIXES)


def ogr_dataset_and_layer(layer):
    """GDAL dataset (read-only) and layer behind a QGIS ogr layer; keep the dataset referenced while using the layer."""
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    dataset = gdal.OpenEx(parts["path"], gdal.OF_VECTOR | gdal.OF_READONLY)
    if parts.get("layerName"):
        return dataset, dataset.GetLayerByName(parts["layerName"])
    return dataset, dataset.GetLayer(parts.get("layerId") or 0)


def _read_geopackage(layer, wanted, geometry):
    """Columns straight from the GeoPackage through GDAL's Arrow stream: one call instead of a loop per feature."""
    dataset, ogr_layer = ogr_dataset_and_layer(layer)
    definition = ogr_layer.GetLayerDefn()
    names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    for name in wanted:
        index = definition.GetFieldIndex(name)
        if index >= 0 and definition.GetFieldDefn(index).GetSubType() == ogr.OFSTBoolean:
            # GDAL 3.6's Arrow stream as NumPy puts bit-packed booleans on the wrong rows.
            raise RuntimeError(f"boolean field {name}")
    ogr_layer.SetIgnoredFields([n for n in names if n not in wanted] + ([] if geometry else ["OGR_GEOMETRY"]))
    fid_name = ogr_layer.GetFIDColumn() or "OGC_FID"
    geom_name = ogr_layer.GetGeometryColumn() or "wkb_geometry"
    batches = list(ogr_layer.GetArrowStreamAsNumPy())

    def column(key):
        if not batches:
            return []
        values = np.ma.concatenate([b[key] for b in batches]) if len(batches) > 1 else batches[0][key]
        data, missing = np.ma.getdata(values), np.ma.getmaskarray(values)
        if data.dtype.kind not in "OSU":
            return [None if m else v for v, m in zip(data.tolist(), missing)]
        # Text comes as UTF-8 bytes; codes and names repeat, so decode each distinct value once.
        out = np.full(len(data), None, dtype=object)
        keep = ~missing & np.not_equal(data, None)
        distinct, inverse = np.unique(data[keep], return_inverse=True)
        decoded = [v.decode("utf-8") if isinstance(v, bytes) else v for v in distinct]
        out[keep] = np.array(decoded, dtype=object)[inverse] if decoded else []
        return out.tolist()

    columns = {n: column(n) for n in wanted}
    fids = column(fid_name)
    geoms = None
    if geometry:
        wkb = np.concatenate([b[geom_name] for b in batches]) if batches else np.zeros(0, dtype=object)
        geoms = shapely.force_2d(shapely.from_wkb(wkb))
    return Columns(geoms, columns, fids)


def read_columns(source, field_names, context, feedback, dest_crs=None, span=(0, 30), geometry=True, layer=None):
    """Read the named fields (and geometries) of every feature, in one pass with the attribute subset only.

    ``layer``: a whole GeoPackage layer equivalent to the source (see whole_geopackage_layer), read directly.
    """
    wanted = [n for n in field_names if n]
    if layer is not None:
        try:
            return _read_geopackage(layer, wanted, geometry)
        except (RuntimeError, shapely.errors.GEOSException) as exc:  # e.g. curved geometries: take the general way
            feedback.pushDebugInfo(f"direct GeoPackage read not possible ({exc}); reading through QGIS")
    fields = source.fields()
    indices = [fields.lookupField(n) for n in wanted]
    request = QgsFeatureRequest().setSubsetOfAttributes(indices)
    if not geometry:
        request.setFlags(QgsFeatureRequest.NoGeometry)
    elif dest_crs is not None and dest_crs.isValid() and source.sourceCrs() != dest_crs:
        request.setDestinationCrs(dest_crs, context.transformContext())
    total = max(source.featureCount(), 1)
    step = max(total // 100, 1)
    wkb, fids, rows = [], [], []
    for n, feature in enumerate(source.getFeatures(request)):
        if n % step == 0:
            if feedback.isCanceled():
                break
            feedback.setProgress(span[0] + (span[1] - span[0]) * n / total)
        fids.append(feature.id())
        rows.append(feature.attributes())
        if geometry:
            geom = feature.geometry()
            if geom.isNull():
                wkb.append(None)
                continue
            if QgsWkbTypes.isCurvedType(geom.wkbType()):
                geom = QgsGeometry(geom.constGet().segmentize())
            wkb.append(bytes(geom.asWkb()))
    # NULL attributes arrive as QVariant objects; every other value is a plain Python value.
    columns = {
        name: [None if isinstance(row[index], QVariant) else row[index] for row in rows] for name, index in zip(wanted, indices)
    }
    geoms = shapely.force_2d(shapely.from_wkb(np.array(wkb, dtype=object))) if geometry else None
    return Columns(geoms, columns, fids)


def to_number(values):
    """Float array from attribute values; NaN where empty or not a number (e.g. text in a numeric column)."""
    try:
        return np.array(values, dtype=float)  # None becomes NaN
    except (TypeError, ValueError):
        pass
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


def _apply_style(layer, qml, aliases):
    if qml is not None:
        layer.loadNamedStyle(str(qml))
    for name, alias in aliases.items():
        index = layer.fields().lookupField(name)
        if index >= 0:
            layer.setFieldAlias(index, alias)


class _StyleLoader(QgsProcessingLayerPostProcessorInterface):
    """Applies a shipped QML style and the Chinese aliases to an output layer once QGIS loads it."""

    # Processing does not own post-processors: keep the last few alive until QGIS has used them.
    _alive = deque(maxlen=64)

    def __init__(self, qml, aliases):
        super().__init__()
        self.qml = qml
        self.aliases = aliases

    def postProcessLayer(self, layer, context, feedback):
        _apply_style(layer, self.qml, self.aliases)
        layer.triggerRepaint()


def style_output(context, dest_id, qml_name, fields, feedback):
    """Give an output its shipped style (``qml_name``, or None for none) and Chinese field aliases.

    A layer QGIS loads on completion gets them at once; a GeoPackage also keeps them as its
    default style, so the aliases come back whenever the file is opened in QGIS. Call this
    after the sink is deleted (closed).
    """
    qml = RESOURCES / "styles" / qml_name if qml_name else None
    aliases = {f.name(): f.alias() for f in fields}
    if context.willLoadLayerOnCompletion(dest_id):
        loader = _StyleLoader(qml, aliases)
        _StyleLoader._alive.append(loader)
        context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(loader)
    if str(dest_id).split("|")[0].lower().endswith(".gpkg"):
        layer = QgsVectorLayer(dest_id, "output", "ogr")
        if layer.isValid():
            _apply_style(layer, qml, aliases)
            error = layer.saveStyleToDatabase(qml.stem if qml else "aliases", "", True, "")
            if error:
                feedback.pushWarning(error)


def write_table(path, title, header, rows):
    """A table as an XLSX workbook (sheet ``title``) or, for any other file name, UTF-8 CSV with a BOM.

    The BOM makes Excel, where these tables are opened, read the CSV as UTF-8.
    """
    if str(path).lower().endswith(".xlsx"):
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = title
        sheet.append(header)
        for line in rows:
            sheet.append(line)
        book.save(path)
    else:
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
