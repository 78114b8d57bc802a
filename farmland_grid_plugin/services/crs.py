"""CRS facts and areas of geometries in a layer's CRS."""

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsUnitTypes

from ..domain.area import METHOD_PLANAR, EllipsoidalArea, method_label, planar_areas
from ..domain.messages import QT_TR_NOOP, DomainError


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
    """Area of geometries in the working CRS: ellipsoidal on its own ellipsoid, or planar.

    A CRS that cannot give square metres (none at all, or planar areas of a geographic CRS, which are
    square degrees) is refused when an area is first measured, saying what to do: a run never reports
    zeros or square degrees as 亩. ``qa_only``: the areas are only QA figures (gaps, overlaps) of a layer
    whose official areas come from a field; without a CRS they are then planar in the layer's own units
    (survey layers are Gauss-Krüger metres).
    """

    def __init__(self, method: str, crs: QgsCoordinateReferenceSystem, qa_only: bool = False):
        self.problem = None
        if not crs.isValid() and qa_only:
            self.label = method_label(METHOD_PLANAR, "layer units")
            self.measure = planar_areas
            return
        if not crs.isValid():
            self.label = method_label(method, "?")
            self.problem = DomainError(
                QT_TR_NOOP(
                    "The layer has no CRS, so its areas cannot be measured: set the layer's CRS (Layer Properties › "
                    "Source), or use the official area field (AREA_FIELD, e.g. TBDLMJ) instead of GEOMETRY_AREA"
                )
            )
            self.measure = None
            return
        if method == METHOD_PLANAR:
            self.label = method_label(METHOD_PLANAR, crs.authid() or crs.description())
            self.measure = planar_areas
            if crs.isGeographic():
                self.problem = DomainError(
                    QT_TR_NOOP(
                        "Planar areas of the geographic CRS {crs} would be square degrees: choose the ellipsoidal "
                        "method (GEOMETRY_AREA) or the official area field (AREA_FIELD)"
                    ),
                    crs=crs.authid() or crs.description(),
                )
            return
        # A DomainError (no ellipsoid for this CRS) reaches the algorithm base, which reports it.
        self._ellipsoidal = EllipsoidalArea(crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED))
        self.label = self._ellipsoidal.label
        self.measure = self._ellipsoidal.areas

    def __call__(self, geoms) -> np.ndarray:
        if self.problem is not None:
            raise self.problem
        return self.measure(np.asarray(geoms, dtype=object))
