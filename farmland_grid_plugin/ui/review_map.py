"""The review dock's drawings on the map: the case outline, its evidence points and their directions of view."""

import math
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsDistanceArea,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsUnitTypes,
    QgsWkbTypes,
)
from qgis.gui import QgsRubberBand, QgsVertexMarker
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QObject
from qgis.PyQt.QtGui import QColor

ARROW_PIXELS = 40  # length of a direction arrow on the map when it is drawn
HIGHLIGHT_STROKE = QColor(255, 0, 0)
HIGHLIGHT_FILL = QColor(255, 0, 0, 40)
EVIDENCE_COLOR = QColor(0, 90, 255)


class CaseMapItems(QObject):
    """The canvas items of the case shown, drawn again when the map changes its CRS.

    A QObject child of the dock, so that its connection to the canvas goes when the dock does.
    """

    def __init__(self, canvas, parent=None):
        super().__init__(parent)
        self.canvas = canvas
        self.highlight = None  # QgsRubberBand of the case outline
        self.evidence_markers = []  # QgsVertexMarker per evidence point
        self.direction_arrows = []  # QgsRubberBand per evidence with a known direction of view
        self._drawn = None  # (record, evidence, workspace CRS) of the items on the map
        if canvas is not None:
            canvas.destinationCrsChanged.connect(self._redraw)

    def zoom_to(self, record, crs):
        """The map zoomed on the case outline (given in ``crs``), with a margin."""
        if self.canvas is None or record.geometry is None or record.geometry.isNull():
            return
        try:
            extent = self._to_canvas(crs).transformBoundingBox(record.geometry.boundingBox())
        except QgsCsException:
            return
        if extent.width() or extent.height():
            extent.grow(0.25 * max(extent.width(), extent.height()))
            self.canvas.setExtent(extent)
        else:
            self.canvas.setCenter(extent.center())
        self.canvas.refresh()

    def draw(self, record, evidence, crs):
        """The case outline, its evidence points and their directions of view, on top of the map."""
        self.clear()
        if self.canvas is None or record is None:
            return
        self._drawn = (record, evidence, crs)
        if record.geometry is not None and not record.geometry.isNull():
            band = QgsRubberBand(self.canvas, QgsWkbTypes.PolygonGeometry)
            band.setStrokeColor(HIGHLIGHT_STROKE)
            band.setFillColor(HIGHLIGHT_FILL)
            band.setWidth(3)
            band.setToGeometry(QgsGeometry(record.geometry), crs)
            self.highlight = band
        try:
            to_canvas = self._to_canvas(crs)
            wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
            to_wgs84 = QgsCoordinateTransform(crs, wgs84, QgsProject.instance())
        except QgsCsException:
            return
        length = self._arrow_length_m()
        ellipsoid = QgsDistanceArea()
        ellipsoid.setSourceCrs(wgs84, QgsProject.instance().transformContext())
        ellipsoid.setEllipsoid("WGS84")
        for item in evidence:
            point = _evidence_point(item, crs)
            if point is None:
                continue
            try:
                on_canvas = to_canvas.transform(point)
                lonlat = to_wgs84.transform(point)
            except QgsCsException:
                continue
            marker = QgsVertexMarker(self.canvas)
            marker.setCenter(on_canvas)
            marker.setIconType(QgsVertexMarker.ICON_CIRCLE)
            marker.setIconSize(12)
            marker.setPenWidth(3)
            marker.setColor(EVIDENCE_COLOR)
            marker.setToolTip(Path(item.path).name)
            self.evidence_markers.append(marker)
            if item.direction_deg is not None:
                self.direction_arrows.append(self._arrow(ellipsoid, lonlat, float(item.direction_deg), length, wgs84))

    def clear(self):
        """Every item off the canvas scene and deleted."""
        items = [self.highlight, *self.evidence_markers, *self.direction_arrows]
        self.highlight, self.evidence_markers, self.direction_arrows, self._drawn = None, [], [], None
        if self.canvas is None or sip.isdeleted(self.canvas):
            return
        scene = self.canvas.scene()
        for item in items:
            if item is not None and not sip.isdeleted(item):
                if isinstance(item, QgsRubberBand):
                    item.reset()
                scene.removeItem(item)
                sip.delete(item)

    def _redraw(self, *_args):
        if self._drawn is not None and (self.highlight is not None or self.evidence_markers):
            self.draw(*self._drawn)

    def _to_canvas(self, crs):
        target = self.canvas.mapSettings().destinationCrs()
        if not target.isValid():  # a map without a CRS takes the workspace's
            self.canvas.setDestinationCrs(crs)
            target = crs
        return QgsCoordinateTransform(crs, target, QgsProject.instance())

    def _arrow_length_m(self):
        """About ARROW_PIXELS on the map as it is shown, in metres (at least one)."""
        per_pixel = self.canvas.mapUnitsPerPixel()
        factor = QgsUnitTypes.fromUnitToUnitFactor(self.canvas.mapUnits(), QgsUnitTypes.DistanceMeters)
        length = per_pixel * factor * ARROW_PIXELS
        return length if math.isfinite(length) and length >= 1.0 else 20.0

    def _arrow(self, ellipsoid, lonlat, direction_deg, length_m, wgs84):
        """A line from the photo's position along its direction of view (degrees from north), with a head."""
        azimuth = math.radians(direction_deg)
        tip = ellipsoid.computeSpheroidProject(lonlat, length_m, azimuth)
        barbs = [ellipsoid.computeSpheroidProject(tip, 0.3 * length_m, azimuth + math.pi + turn) for turn in (-0.45, 0.45)]
        arrow = QgsGeometry.fromMultiPolylineXY([[lonlat, tip], [barbs[0], tip, barbs[1]]])
        band = QgsRubberBand(self.canvas, QgsWkbTypes.LineGeometry)
        band.setStrokeColor(EVIDENCE_COLOR)
        band.setWidth(2)
        band.setToGeometry(arrow, wgs84)
        return band


def _evidence_point(evidence, crs):
    """Where the photo was taken, in ``crs``: its stored point, else its WGS 84 position; None without either."""
    if evidence.geometry is not None and not evidence.geometry.isNull():
        return QgsPointXY(evidence.geometry.asPoint())
    if evidence.lon_wgs84 is not None and evidence.lat_wgs84 is not None:
        try:
            to_store = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), crs, QgsProject.instance())
            return to_store.transform(QgsPointXY(evidence.lon_wgs84, evidence.lat_wgs84))
        except QgsCsException:
            return None
    return None
