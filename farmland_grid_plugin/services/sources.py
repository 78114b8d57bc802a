"""Reading layers into arrays: shapely geometries and attribute columns, in one pass."""

from typing import Optional

import numpy as np
import shapely
from osgeo import gdal, ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..domain.messages import QT_TR_NOOP, DomainError, Message
from ..i18n import render

GEOPACKAGE_SUFFIXES = (".gpkg",)


def optional_field(source: Optional[QgsFeatureSource], name: Optional[str]) -> Optional[str]:
    """``name`` when ``source`` has that field, else None: optional fields are used where the layer has them."""
    return name if source is not None and name and source.fields().lookupField(name) >= 0 else None


def require_field(source: QgsFeatureSource, name: str, parameter: str) -> str:
    """``name`` when the source has that field; else a DomainError naming the parameter and the fields there are."""
    if not name or source.fields().lookupField(name) < 0:
        raise DomainError(
            QT_TR_NOOP("Field {field!r} ({param}) is not in layer {layer!r}; its fields are: {available}"),
            field=name or "",
            param=parameter,
            layer=source.sourceName(),
            available=", ".join(source.fields().names()) or "—",
        )
    return name


class Columns:
    """A source read into memory: shapely geometries (2D, in the requested CRS), attribute lists, feature ids."""

    def __init__(self, geoms, columns, fids):
        self.geoms = geoms
        self.columns = columns
        self.fids = fids

    def __len__(self):
        return len(self.fids)


def direct_ogr_layer(layer: Optional[QgsVectorLayer], suffixes: Optional[tuple] = None) -> Optional[QgsVectorLayer]:
    """``layer`` itself when reading its file with GDAL gives exactly its features: an ogr layer without a subset
    filter or unsaved edits (``suffixes``: and a file with one of these endings); else None."""
    if layer is None or layer.providerType() != "ogr" or layer.subsetString() or layer.isModified():
        return None
    path = QgsProviderRegistry.instance().decodeUri("ogr", layer.source()).get("path", "")
    return layer if suffixes is None or path.lower().endswith(suffixes) else None


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


def read_columns(
    source: QgsFeatureSource,
    field_names,
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback,
    dest_crs: Optional[QgsCoordinateReferenceSystem] = None,
    span=(0, 30),
    geometry: bool = True,
    layer: Optional[QgsVectorLayer] = None,
) -> Columns:
    """Read the named fields (and geometries) of every feature, in one pass with the attribute subset only.

    ``layer``: a whole GeoPackage layer equivalent to the source (see ``direct_ogr_layer``), read directly.
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
    _warn_undecodable(source, columns, feedback)
    return Columns(geoms, columns, fids)


def _warn_undecodable(source: QgsFeatureSource, columns: dict, feedback: QgsProcessingFeedback) -> None:
    """Say where text could not be decoded (U+FFFD): names there are garbled, whatever the encoding chosen."""
    for name, values in columns.items():
        rows = [n + 1 for n, v in enumerate(values) if isinstance(v, str) and "\ufffd" in v]
        if rows:
            listed = ", ".join(str(r) for r in rows[:10]) + (", …" if len(rows) > 10 else "")
            feedback.reportError(
                render(
                    Message(
                        QT_TR_NOOP(
                            "Layer {layer!r}, field {field}: the text of {count} features could not be decoded "
                            "(features {rows}); check the file's encoding"
                        ),
                        layer=source.sourceName(),
                        field=name,
                        count=len(rows),
                        rows=listed,
                    )
                )
            )


def to_number(values) -> np.ndarray:
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
