"""The review dock's drawings on the map: the case outline, its evidence points and their view cones.

A view cone is what the 举证核验 rule ``facing_away`` looks through: VIEW_HALF_ANGLE either side of the
direction of view, out to MAX_DISTANCE (or the camera's distance, when farther) and across the patch.
Flagged photos are drawn in another colour.
"""

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
    QgsWkbTypes,
)
from qgis.gui import QgsRubberBand, QgsVertexMarker
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QObject
from qgis.PyQt.QtGui import QColor

from ..domain import evidence_checks as checks
from .zoom import zoom_to_feature

HIGHLIGHT_STROKE = QColor(255, 0, 0)
HIGHLIGHT_FILL = QColor(255, 0, 0, 40)
EVIDENCE_COLOR = QColor(0, 90, 255)
FLAGGED_COLOR = QColor(230, 110, 0)
CONE_FILL_ALPHA = 45


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
        """The map on the case outline (given in ``crs``) and its surroundings: the patch about a third of the canvas."""
        if self.canvas is None or record.geometry is None or record.geometry.isNull():
            return
        try:
            extent = self._to_canvas(crs).transformBoundingBox(record.geometry.boundingBox())
        except QgsCsException:
            return
        zoom_to_feature(self.canvas, extent)

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
        ellipsoid = QgsDistanceArea()
        ellipsoid.setSourceCrs(wgs84, QgsProject.instance().transformContext())
        ellipsoid.setEllipsoid("WGS84")
        patch_size = self._patch_size_m(record, to_wgs84, ellipsoid)
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
            flagged = bool(checks.parse_checks(getattr(item, "checks", None)))
            color = FLAGGED_COLOR if flagged else EVIDENCE_COLOR
            marker.setColor(color)
            marker.setToolTip(Path(item.path).name)
            self.evidence_markers.append(marker)
            if item.direction_deg is not None:
                reach = max(getattr(item, "distance_m", None) or 0.0, checks.DEFAULT_RULES.max_distance) + patch_size
                self.direction_arrows.append(self._cone(ellipsoid, lonlat, float(item.direction_deg), reach, wgs84, color))

    @property
    def view_cones(self):
        """The view cone of each photo with a direction (a polygon rubber band each)."""
        return self.direction_arrows

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

    @staticmethod
    def _patch_size_m(record, to_wgs84, ellipsoid):
        """The diagonal of the case outline's bounding box, in metres (0 without an outline)."""
        if record.geometry is None or record.geometry.isNull():
            return 0.0
        box = record.geometry.boundingBox()
        try:
            corners = [
                to_wgs84.transform(QgsPointXY(x, y))
                for x, y in ((box.xMinimum(), box.yMinimum()), (box.xMaximum(), box.yMaximum()))
            ]
        except QgsCsException:
            return 0.0
        size = ellipsoid.measureLine(*corners)
        return size if math.isfinite(size) else 0.0

    def _cone(self, ellipsoid, lonlat, direction_deg, length_m, wgs84, color):
        """The sector the rule looks through: VIEW_HALF_ANGLE either side of the direction of view (degrees
        from north), out to ``length_m`` on the ellipsoid."""
        half = checks.DEFAULT_RULES.view_half_angle
        turns = [direction_deg - half + 2 * half * k / (checks.CONE_ARC_POINTS - 1) for k in range(checks.CONE_ARC_POINTS)]
        arc = [ellipsoid.computeSpheroidProject(lonlat, length_m, math.radians(turn)) for turn in turns]
        band = QgsRubberBand(self.canvas, QgsWkbTypes.PolygonGeometry)
        band.setStrokeColor(color)
        fill = QColor(color)
        fill.setAlpha(CONE_FILL_ALPHA)
        band.setFillColor(fill)
        band.setWidth(2)
        band.setToGeometry(QgsGeometry.fromPolygonXY([[lonlat, *arc, lonlat]]), wgs84)
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
