"""Writing outputs: fields with Chinese aliases, features into sinks, shipped styles, tables for Excel."""

import csv
from collections import deque
from typing import Optional

import numpy as np
import shapely
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingLayerPostProcessorInterface,
    QgsVectorLayer,
)

from ..paths import RESOURCES
from .labels import apply_value_maps


def build_fields(spec) -> QgsFields:
    """QgsFields from ``(name, QVariant type, Chinese alias)`` tuples."""
    fields = QgsFields()
    for name, kind, alias in spec:
        qfield = QgsField(name, kind)
        qfield.setAlias(alias)
        fields.append(qfield)
    return fields


def write_features(
    sink: QgsFeatureSink, rows, geoms, feedback: QgsProcessingFeedback, span=(90, 100), multi: bool = True
) -> None:
    """Write attribute rows with shapely geometries (None for none) to a sink, as multi-geometries unless ``multi`` is False
    (a sink of single points, which takes no multi-points)."""
    # 2D explicitly: inside QGIS executables shapely may run on the system GEOS, whose default differs.
    wkbs = shapely.to_wkb(np.array(geoms, dtype=object), output_dimension=2) if len(geoms) else []
    total = max(len(rows), 1)
    for n, (row, wkb) in enumerate(zip(rows, wkbs)):
        feature = QgsFeature()
        feature.setAttributes(list(row))
        if wkb is not None:
            geom = QgsGeometry()
            geom.fromWkb(wkb)
            if multi:
                geom.convertToMultiType()
            feature.setGeometry(geom)
        if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
            raise QgsProcessingException(sink.lastError())
        if n % 1000 == 0:
            if feedback.isCanceled():
                return
            feedback.setProgress(span[0] + (span[1] - span[0]) * n / total)


def _apply_style(layer, qml, aliases):
    if qml is not None:
        # From the file itself: by default QGIS would load the style a GeoPackage already keeps (an older run's).
        layer.loadNamedStyle(str(qml), True)
    for name, alias in aliases.items():
        index = layer.fields().lookupField(name)
        if index >= 0:
            layer.setFieldAlias(index, alias)
    apply_value_maps(layer)


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


def style_output(
    context: QgsProcessingContext, dest_id: str, qml_name: Optional[str], fields: QgsFields, feedback: QgsProcessingFeedback
) -> None:
    """Give an output its shipped style (``qml_name``, or None for none), Chinese field aliases and value maps that
    show its stored codes in the user's language (``services.labels``).

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


# A spreadsheet evaluates a cell that starts with one of these as a formula (CSV injection): a unit
# name such as =HYPERLINK(…) would become a live link in the office's Excel.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """``value`` as a CSV cell that no spreadsheet evaluates: text starting like a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_cell(sheet, row: int, column: int, value):
    """Put ``value`` into a cell of an openpyxl sheet, text always as text, never as a formula; the cell."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING

    if not isinstance(value, str):
        return sheet.cell(row, column, value)
    # Control characters are not allowed in XLSX: dropped rather than losing the whole table.
    cell = sheet.cell(row, column, ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = TYPE_STRING  # openpyxl would store "=…" as a formula
    return cell


def write_table(path: str, title: str, header, rows) -> None:
    """A table as an XLSX workbook (sheet ``title``) or, for any other file name, UTF-8 CSV with a BOM.

    The BOM makes Excel, where these tables are opened, read the CSV as UTF-8. Text is always written
    as text, never as a formula.
    """
    lines = [list(header), *(list(line) for line in rows)]
    if str(path).lower().endswith(".xlsx"):
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = title
        for row_number, line in enumerate(lines, start=1):
            for column, value in enumerate(line, start=1):
                xlsx_cell(sheet, row_number, column, value)
        book.save(path)
    else:
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows([csv_cell(v) for v in line] for line in lines)
