"""CRS facts and areas of geometries in a layer's CRS."""

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsUnitTypes

from ..domain.area import METHOD_PLANAR, EllipsoidalArea, method_label, planar_areas


def is_metric_crs(crs: QgsCoordinateReferenceSystem) -> bool:
    """True for a valid projected CRS in metres, where distances can be measured directly."""
    return crs.isValid() and not crs.isGeographic() and crs.mapUnits() == QgsUnitTypes.DistanceMeters


def local_metric_crs(longitude: float) -> QgsCoordinateReferenceSystem:
    """A transverse Mercator CRS in metres (GRS80) on the half degree nearest ``longitude``: distances of
    data in a geographic CRS are measured there."""
    central = float(np.round(longitude * 2) / 2)
    return QgsCoordinateReferenceSystem.fromProj(
        f"+proj=tmerc +lat_0=0 +lon_0={central} +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs"
    )


class GeometryArea:
    """Area of geometries in the working CRS: ellipsoidal on its own ellipsoid, or planar."""

    def __init__(self, method, crs: QgsCoordinateReferenceSystem):
        if method == METHOD_PLANAR:
            self.label = method_label(METHOD_PLANAR, crs.authid() or crs.description())
            self.measure = planar_areas
            return
        # A DomainError (no ellipsoid for this CRS) reaches the algorithm base, which reports it.
        self._ellipsoidal = EllipsoidalArea(crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED))
        self.label = self._ellipsoidal.label
        self.measure = self._ellipsoidal.areas

    def __call__(self, geoms):
        return self.measure(np.asarray(geoms, dtype=object))
