"""Areas in m² and 亩, by the method the user chose, recorded with every figure.

Ellipsoidal areas are computed on the layer CRS's own ellipsoid (CGCS2000 for the
Chinese CRSs) by projecting to a Lambert azimuthal equal-area projection centred on
the data: that projection preserves ellipsoidal area exactly, so one vectorised
transform replaces a geodesic computation per polygon.
"""

import numpy as np
import shapely

from .messages import QT_TR_NOOP, DomainError

SQM_PER_MU = 10000.0 / 15.0

METHOD_FIELD = "field"
METHOD_ELLIPSOIDAL = "ellipsoidal"
METHOD_PLANAR = "planar"
METHODS = (METHOD_FIELD, METHOD_ELLIPSOIDAL, METHOD_PLANAR)


def sqm_to_mu(square_metres):
    return np.asarray(square_metres, dtype=float) / SQM_PER_MU


def method_label(method, detail):
    """Text stored in ``area_method`` fields, e.g. ``ellipsoidal:CGCS2000`` or ``field:TBDLMJ``."""
    return f"{method}:{detail}"


def planar_areas(geoms):
    return shapely.area(geoms)


class EllipsoidalArea:
    """Ellipsoidal area calculator for geometries in one CRS (given as WKT)."""

    def __init__(self, crs_wkt):
        import pyproj  # deferred: pyproj is only needed for ellipsoidal areas

        if not crs_wkt:
            raise DomainError(QT_TR_NOOP("The layer has no coordinate reference system, so no ellipsoidal area"))
        self._pyproj = pyproj
        self.crs = pyproj.CRS.from_wkt(crs_wkt)
        if self.crs.ellipsoid is None:
            raise DomainError(
                QT_TR_NOOP("The CRS {name!r} has no ellipsoid, so no ellipsoidal area"),
                name=self.crs.name,
            )
        self.ellipsoid_name = self.crs.ellipsoid.name

    @property
    def label(self):
        return method_label(METHOD_ELLIPSOIDAL, self.ellipsoid_name)

    def areas(self, geoms):
        """Ellipsoidal areas in m² of an array of (multi)polygons; 0 for empty or missing ones."""
        geoms = np.asarray(geoms, dtype=object)
        result = np.zeros(len(geoms))
        present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        if not present.any():
            return result
        to_lonlat = self._pyproj.Transformer.from_crs(self.crs, self.crs.geodetic_crs, always_xy=True)
        xmin, ymin, xmax, ymax = shapely.total_bounds(geoms[present])
        lon0, lat0 = to_lonlat.transform((xmin + xmax) / 2, (ymin + ymax) / 2)
        from pyproj.crs import ProjectedCRS
        from pyproj.crs.coordinate_operation import LambertAzimuthalEqualAreaConversion

        equal_area = ProjectedCRS(conversion=LambertAzimuthalEqualAreaConversion(lat0, lon0), geodetic_crs=self.crs.geodetic_crs)
        transformer = self._pyproj.Transformer.from_crs(self.crs, equal_area, always_xy=True)

        def project(coords):
            x, y = transformer.transform(coords[:, 0], coords[:, 1])
            return np.column_stack([x, y])

        result[present] = shapely.area(shapely.transform(geoms[present], project))
        return result
